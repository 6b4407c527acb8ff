// Two nodes' event hubs joined through the guarded socket.io Redis adapter, over an in-memory stand-in for Redis's
// publish/subscribe (so this runs without a Redis server; tests/cluster has the same against a real one). A notice and
// an access change cross; whatever else arrives on the channels — garbage, requests for sockets, forged events,
// payloads of the wrong shape — is dropped and logged, reaches no listener and throws nowhere.
import { Server } from "socket.io";
import { afterEach, describe, expect, test } from "vitest";
import { nodeEvents } from "../../server/cluster/node-events";
import { joinOtherNodes } from "../../server/cluster/other-nodes";
import type { RedisLink } from "../../server/cluster/redis";
import { guardedRedisAdapter } from "../../server/cluster/socket-adapter";
import { createEventHub, type AccessChange, type ChangeNotice } from "../../server/services";

type Listener = (...args: unknown[]) => void;

/** One connection to the stand-in Redis: what it subscribed to, and its message listeners. */
class FakeConnection {
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  private readonly listeners = new Map<string, Listener[]>();
  status = "ready";
  constructor(private readonly redis: FakeRedis) {
    redis.connections.add(this);
  }
  subscribe(channels: string | string[]) {
    for (const channel of [channels].flat()) this.channels.add(channel);
    return Promise.resolve();
  }
  psubscribe(pattern: string) {
    this.patterns.add(pattern);
    return Promise.resolve();
  }
  unsubscribe(channels: string | string[]) {
    for (const channel of [channels].flat()) this.channels.delete(channel);
    return Promise.resolve();
  }
  punsubscribe(pattern: string) {
    this.patterns.delete(pattern);
    return Promise.resolve();
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  off(event: string, listener: Listener) {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((each) => each !== listener));
    return this;
  }
  listenerCount(event: string) {
    return this.listeners.get(event)?.length ?? 0;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  publish(channel: string, message: string | Buffer) {
    this.redis.publish(channel, message);
    return Promise.resolve(1);
  }
  send_command(command: string, [, channel]: string[], callback: (error: Error | null, answer: unknown) => void) {
    callback(null, [channel, [...this.redis.connections].filter((each) => each.channels.has(channel)).length]);
  }
}

/** Redis's publish/subscribe, in memory: a message reaches every subscriber on a later turn, as it would over TCP. */
class FakeRedis {
  readonly connections = new Set<FakeConnection>();
  publish(channel: string, message: string | Buffer) {
    const bytes = Buffer.from(message);
    setImmediate(() => {
      for (const connection of this.connections) {
        if (connection.channels.has(channel)) connection.emit("messageBuffer", Buffer.from(channel), bytes);
        for (const pattern of connection.patterns)
          if (channel.startsWith(pattern.slice(0, -1))) connection.emit("pmessageBuffer", Buffer.from(pattern), Buffer.from(channel), bytes);
      }
    });
  }
}

type Node = { io: Server; notices: ChangeNotice[]; ended: AccessChange[]; log: string[]; hub: ReturnType<typeof createEventHub> };
const servers: Server[] = [];
afterEach(async () => {
  // No engine was bound (nothing listens): the adapters are closed, which unsubscribes them.
  for (const io of servers.splice(0)) await io.of("/").adapter.close();
});

function startNode(redis: FakeRedis, name: string): Node {
  const log: string[] = [];
  const link = {
    nodeId: name,
    prefix: "unit",
    publisher: new FakeConnection(redis),
    subscriber: new FakeConnection(redis),
    log: (line: string) => log.push(line),
    isUp: () => true,
    onReconnected: () => {},
    close: async () => {},
  } as unknown as RedisLink;
  const io = new Server();
  servers.push(io);
  io.adapter(guardedRedisAdapter(link));
  const hub = createEventHub();
  const notices: ChangeNotice[] = [];
  const ended: AccessChange[] = [];
  hub.attach((notice) => notices.push(notice));
  hub.attachAccessEnder(async (change) => void ended.push(change));
  hub.attachOtherNodes(joinOtherNodes(hub, nodeEvents(io, link), link.log));
  return { io, notices, ended, log, hub };
}

const turns = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("the event hub across nodes", () => {
  test("a notice reaches the other node's listeners, and an access change resolves once the other node has applied it", async () => {
    const redis = new FakeRedis();
    const [one, two] = [startNode(redis, "one"), startNode(redis, "two")];
    one.hub.publish({ room: "case:1", what: "team" });
    await one.hub.endAccess({ kind: "records-changed", caseId: 1 });
    expect(two.ended).toEqual([{ kind: "records-changed", caseId: 1 }]);
    expect(one.ended).toEqual([{ kind: "records-changed", caseId: 1 }]);
    expect(two.notices).toEqual([{ room: "case:1", what: "team" }]);
  });

  test("malformed and unwanted messages are dropped and logged, reach no listener, and leave the node working", async () => {
    const redis = new FakeRedis();
    const two = startNode(redis, "two");
    const requests = "unit:socket.io-request#/#";
    const hostile: [string, string | Buffer][] = [
      [requests, "{ not json"],
      [requests, Buffer.from([0x93, 0xff, 0x00, 0xc1])],
      [requests, JSON.stringify({ uid: "x", requestId: "r1", type: 5, opts: { rooms: ["case:1"], except: [] } })],
      [requests, JSON.stringify({ uid: "x", type: 6, data: ["connection", {}] })],
      [requests, JSON.stringify({ uid: "x", type: 6, data: ["portal:notice", { room: "case:1", what: "everything" }] })],
      [requests, JSON.stringify({ uid: "x", type: 6, data: ["portal:notice", { room: "case:1", what: "team" }, "extra"] })],
      [requests, JSON.stringify({ uid: "x", requestId: "r2", type: 6, data: ["portal:end-access", { kind: "sessions-ended", userId: -1 }] })],
      [requests, JSON.stringify({ uid: "x", requestId: "r3", type: 6, data: ["portal:hold-writes", { holdId: "1", scope: { prefixes: [""] } }] })],
      [requests, JSON.stringify({ uid: "x", type: 6, data: ["portal:end-access", { kind: "sessions-ended", userId: { toString: 1 } }] })],
      ["unit:socket.io#/#", JSON.stringify(["x", { type: 2, nsp: "/", data: ["evil"] }, { rooms: [], except: [] }])],
      ["unit:socket.io#/#", JSON.stringify(["x", { type: 2, nsp: "/", data: ["presence", {}] }, null])],
      ["unit:socket.io#/#", "]["],
    ];
    for (const [channel, message] of hostile) redis.publish(channel, message);
    await turns();
    expect(two.log.filter((line) => line.includes("dropped"))).toHaveLength(hostile.length);
    expect(two.notices).toEqual([]);
    expect(two.ended).toEqual([]);

    // A well-formed notice from another node still arrives.
    redis.publish(requests, JSON.stringify({ uid: "x", type: 6, data: ["portal:notice", { room: "case:1", what: "team" }] }));
    await turns();
    expect(two.notices).toEqual([{ room: "case:1", what: "team" }]);
  });
});
