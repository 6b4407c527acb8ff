// socket.io across nodes: the Redis adapter (decision 047), with every message from another node parsed by a schema
// before the adapter acts on it. Broadcasts to rooms carry only what pages are told (presence, a change notice, a
// removal); of the adapter's requests between nodes only server-side events pass (this portal's own, listed in
// node-messages.ts), so no request can make this node hand over its sockets' handshakes (which hold cookies) or join,
// disconnect or raise `connection` on its sockets.
import { RedisAdapter, type RedisAdapterOptions } from "@socket.io/redis-adapter";
import type { Adapter } from "socket.io-adapter";
import type { Namespace } from "socket.io";
import { z } from "zod";
import type { RedisLink } from "./redis";
import { nodeEventNames } from "./node-messages";

/** How long a question to the other nodes waits for their answers. */
export const NODE_ANSWER_MS = 3_000;

/** The adapter's message types this portal uses (socket.io-adapter's numbering). */
const SERVER_SIDE_EMIT = 6;
const EVENT_PACKET = 2;

/** What pages may be told from another node: the events of common/realtime-events.ts ServerToClientEvents. */
const pageEvents = z.enum(["presence", "record:changed", "room:removed", "session:ended"]);

/** A broadcast to rooms: [sending adapter, packet, which rooms]. What reaches a page is checked again by its schema. */
const broadcastSchema = z.tuple([
  z.string().min(1).max(100),
  z.object({ type: z.literal(EVENT_PACKET), nsp: z.literal("/"), data: z.tuple([pageEvents], z.unknown()) }),
  z.object({
    rooms: z.array(z.string().max(200)).max(1000),
    except: z.array(z.string().max(200)).max(1000),
    flags: z.record(z.string(), z.unknown()).optional(),
  }),
]);

/** A server-side event (with a request id when the sender waits for answers), or one node's answer to one. */
const requestSchema = z.union([
  z.object({
    uid: z.string().min(1).max(100),
    requestId: z.string().min(1).max(100).optional(),
    type: z.literal(SERVER_SIDE_EMIT),
    data: z.tuple([z.enum(nodeEventNames)], z.unknown()).refine((data) => data.length <= 2, "too many arguments"),
  }),
  z.object({ type: z.literal(SERVER_SIDE_EMIT), requestId: z.string().min(1).max(100), data: z.unknown() }),
]);

/** The adapter's own handlers, which it declares private. */
type AdapterInternals = {
  onmessage(pattern: unknown, channel: Buffer | string, message: Buffer): void;
  onrequest(channel: Buffer | string, message: Buffer): Promise<void>;
};
const Base = RedisAdapter as unknown as new (nsp: Namespace, pub: unknown, sub: unknown, opts: Partial<RedisAdapterOptions>) => Adapter &
  AdapterInternals;

const DROPPED: unknown[] = [];

/**
 * The publisher as the adapter sees it. The adapter publishes without awaiting: a publish Redis refuses (the link closed
 * at shutdown, with a socket's last presence still on its way) is logged here rather than left unhandled.
 */
function publishingSafely(publisher: RedisLink["publisher"], log: (line: string) => void): RedisLink["publisher"] {
  return new Proxy(publisher, {
    get(target, property) {
      if (property === "publish")
        return (channel: string, message: string) =>
          target.publish(channel, message).catch((error: Error) => {
            log(`A message to the other nodes was not sent: ${error.message}`);
            return 0;
          });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" && property !== "constructor" ? value.bind(target) : value;
    },
  });
}

function parseJson(message: Buffer): unknown {
  try {
    return JSON.parse(message.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The adapter for one link, on channels named after its prefix; `log` hears of each message dropped. */
export function guardedRedisAdapter(link: RedisLink, log: (line: string) => void = link.log) {
  const dropped = (what: string, issue: string) => log(`A message from another node was dropped (${what}: ${issue}).`);
  // Broadcasts are JSON, parsed here: one that fails the schema becomes an empty message, which the adapter ignores.
  const parser = {
    encode: (value: unknown) => JSON.stringify(value),
    decode: (message: Buffer) => {
      const parsed = broadcastSchema.safeParse(parseJson(message));
      if (parsed.success) return parsed.data;
      dropped("broadcast", parsed.error.issues[0]?.message ?? "malformed");
      return DROPPED;
    },
  };
  class GuardedRedisAdapter extends Base {
    override onmessage(pattern: unknown, channel: Buffer | string, message: Buffer) {
      try {
        super.onmessage(pattern, channel, message);
      } catch (error) {
        dropped("broadcast", (error as Error).message);
      }
    }

    override async onrequest(channel: Buffer | string, message: Buffer) {
      const parsed = requestSchema.safeParse(parseJson(message));
      if (!parsed.success) return dropped("request", parsed.error.issues[0]?.message ?? "malformed");
      try {
        await super.onrequest(channel, message);
      } catch (error) {
        dropped("request", (error as Error).message);
      }
    }
  }
  const publisher = publishingSafely(link.publisher, log);
  // socket.io calls this with `new`: a function, not an arrow.
  return function adapterFor(nsp: Namespace) {
    return new GuardedRedisAdapter(nsp, publisher, link.subscriber, {
      key: `${link.prefix}:socket.io`,
      requestsTimeout: NODE_ANSWER_MS,
      parser,
    });
  };
}
