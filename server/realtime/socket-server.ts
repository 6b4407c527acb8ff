// socket.io: the same session cookie and origin rule as the pages; every event re-checks the session, so a
// person signed out or deactivated is refused at their next event. With REDIS_URL, rooms span every node (the Redis
// adapter, decision 047): a broadcast reaches a room's sockets wherever they are, presence counts everyone in a room on
// every node, and everything else (change notices, re-judging rooms) acts on this node's own sockets.
import type { IncomingMessage } from "node:http";
import { Server as EngineServer } from "engine.io";
import { Server, type Socket } from "socket.io";
import type { ClientToServerEvents, PresentPerson, ServerToClientEvents } from "../../common/realtime-events";
import type { Resource } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { actorOf, authenticate } from "../auth/authenticate";
import type { SessionUser } from "../auth/sessions";
import { clientAddress, isSameOrigin, type ChangeNotice, type Services } from "../services";
import { presenceAnswerSchema } from "../cluster/node-messages";
import { nodeEvents, type NodeEvents } from "../cluster/node-events";
import { guardedRedisAdapter } from "../cluster/socket-adapter";
import type { AccessWatch, Door } from "./access-watch";
import { isCaseRoom, isRoomOfCase, mayBeIn, roomResource } from "./rooms";
import { listen } from "./socket-events";

type SocketData = {
  user: SessionUser;
  sessionId: string;
  activeSinceCheck: boolean;
  /** The socket's packet allowance (a token bucket) and its malformed packets so far. */
  tokens: number;
  refilledAt: number;
  malformed: number;
};

function takePacket(data: SocketData): boolean {
  const now = Date.now();
  data.tokens = Math.min(PACKET_BURST, data.tokens + ((now - data.refilledAt) / 1000) * PACKETS_PER_SECOND);
  data.refilledAt = now;
  if (data.tokens < 1) return false;
  data.tokens -= 1;
  return true;
}

export type PortalSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type PortalSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Connections from one address that have not yet finished signing in to socket.io: a stranger cannot hold many. */
export const MAX_PENDING_PER_ADDRESS = 10;
/** How long a connection may take to sign in to socket.io before it is dropped. */
const CONNECT_TIMEOUT_MS = 5_000;
/** Packets a socket may send: a page sends a handful a minute; a flood is cut off. */
const PACKETS_PER_SECOND = 20;
const PACKET_BURST = 60;
/** Malformed packets a socket may send before it is disconnected. */
const MALFORMED_BEFORE_DISCONNECT = 5;
const SESSION_ENDED = "Your session has ended. Sign in again to carry on.";

export function createSocketServer(
  services: Services,
  watch: AccessWatch,
): { io: PortalSocketServer; engine: EngineServer; notify(notice: ChangeNotice): Promise<void>; nodes: NodeEvents | null } {
  const pending = new Map<string, number>();
  const engine = new EngineServer({
    maxHttpBufferSize: 64 * 1024,
    cors: undefined,
    allowRequest: (req, callback) => {
      if (!isSameOrigin(services.config, req)) {
        // The refusal is on the record before it is answered.
        void auditRefusal(services, req, "origin not allowed").finally(() => callback("Origin not allowed", false));
        return;
      }
      // A new connection (no engine.io session id yet) counts against its address until it has signed in.
      const isNew = !(req as IncomingMessage & { _query?: Record<string, string> })._query?.sid;
      if (isNew && (pending.get(clientAddress(services.config, req)) ?? 0) >= MAX_PENDING_PER_ADDRESS) {
        void auditRefusal(services, req, "too many connections from this address").finally(() => callback("Too many connections", false));
        return;
      }
      callback(null, true);
    },
  });
  engine.on("connection", (conn: { request: IncomingMessage; once(event: "close", fn: () => void): void; signedIn?: boolean }) => {
    const ip = clientAddress(services.config, conn.request);
    pending.set(ip, (pending.get(ip) ?? 0) + 1);
    conn.once("close", () => {
      if (!conn.signedIn) release(ip);
    });
  });
  const release = (ip: string) => {
    const left = (pending.get(ip) ?? 1) - 1;
    if (left <= 0) pending.delete(ip);
    else pending.set(ip, left);
  };
  const io: PortalSocketServer = new Server({ serveClient: false, path: "/socket.io/", connectTimeout: CONNECT_TIMEOUT_MS });
  io.bind(engine);
  let nodes: NodeEvents | null = null;
  if (services.redis) {
    io.adapter(guardedRedisAdapter(services.redis));
    nodes = nodeEvents(io, services.redis);
    // Another node asks who is in a room here, to show everyone in it wherever they are.
    nodes.on("portal:presence", (room) => presentHere(io, room));
  }
  /** Everyone in a room, on this node and every other that answers in time, once each however many tabs they have. */
  const presentIn = async (room: string): Promise<PresentPerson[]> => {
    const people = new Map((await presentHere(io, room)).map((person) => [person.userId, person]));
    const elsewhere = nodes ? (await nodes.ask("portal:presence", room, presenceAnswerSchema)).answers.flat() : [];
    for (const person of elsewhere) if (!people.has(person.userId)) people.set(person.userId, person);
    return [...people.values()].sort((a, b) => a.fullName.localeCompare(b.fullName));
  };
  const announce = async (room: string) => {
    io.to(room).emit("presence", { room, present: await presentIn(room) });
  };

  const currentUser = async (req: IncomingMessage) => {
    const found = await authenticate(services, req.headers);
    return found ? { user: found.user, sessionId: found.session.id, activeSinceCheck: false } : null;
  };

  io.use(async (socket, next) => {
    try {
      const found = await currentUser(socket.request);
      if (!found || found.user.mustChangePassword) {
        await auditRefusal(services, socket.request, found ? "must change password" : "no valid session");
        next(new Error("unauthorised"));
        // One refusal per connection: the transport goes too, so it cannot be asked again and again.
        setImmediate(() => socket.conn.close());
        return;
      }
      socket.data = { ...found, tokens: PACKET_BURST, refilledAt: Date.now(), malformed: 0 };
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error("unauthorised"));
    }
  });

  io.on("connection", (socket) => {
    const conn = socket.conn as typeof socket.conn & { signedIn?: boolean };
    if (!conn.signedIn) {
      conn.signedIn = true;
      release(clientAddress(services.config, socket.request));
    }
    socket.use(async (_packet, next) => {
      try {
        if (!takePacket(socket.data)) {
          socket.disconnect(true);
          return;
        }
        const found = await currentUser(socket.request).catch(() => null);
        if (found && found.user.id === socket.data.user.id) {
          socket.data.activeSinceCheck = true;
          return next();
        }
        await auditRefusal(services, socket.request, "session ended", socket.data.user);
        socket.emit("session:ended", SESSION_ENDED);
        next(new Error("session ended"));
        socket.disconnect(true);
      } catch {
        socket.disconnect(true);
      }
    });
    const onProblem = ({ event, kind, message }: { event: string; kind: "malformed" | "failed"; message: string }) => {
      if (kind === "failed") console.warn(`socket.io ${event} failed:`, message);
      else void auditRefusal(services, socket.request, `malformed ${event}`, socket.data.user);
      if (kind === "malformed" && ++socket.data.malformed >= MALFORMED_BEFORE_DISCONNECT) socket.disconnect(true);
    };
    listen(
      socket,
      "whoami",
      ([reply]) => {
        const { user } = socket.data;
        reply({ userId: user.id, fullName: user.fullName, agencyName: user.agencyName });
      },
      onProblem,
    );
    listen(
      socket,
      "room:join",
      async ([room, reply]) => {
        const epoch = watch.epoch;
        const { resource, caseId } = await roomResource(services.sql, room, services.clock());
        if (!mayBeIn(actorOf(socket.data.user), resource, room)) {
          await auditRefusal(services, socket.request, "room not allowed", socket.data.user, { room, caseId });
          return reply({ ok: false, error: "Not found" });
        }
        await socket.join(room);
        // A change that ended access while this was being decided did not see this socket in the room: judge again.
        if (epoch !== watch.epoch && !mayBeIn(actorOf(socket.data.user), (await roomResource(services.sql, room, services.clock())).resource, room)) {
          removeFromRoom(socket, room);
          return reply({ ok: false, error: "Not found" });
        }
        const present = await presentIn(room);
        reply({ ok: true, present });
        socket.to(room).emit("presence", { room, present });
      },
      onProblem,
    );
    listen(
      socket,
      "room:leave",
      async ([room]) => {
        if (!socket.rooms.has(room)) return;
        await socket.leave(room);
        await announce(room);
      },
      onProblem,
    );
    socket.on("disconnecting", () => {
      const rooms = [...socket.rooms].filter((room) => room !== socket.id);
      setImmediate(() => rooms.forEach((room) => void announce(room).catch(() => {})));
    });
  });

  // Access can end while a socket is open (signed out, deactivated, removed from the case): the access watch checks
  // every open socket's session, on both doors at once, and asks this door to re-judge its rooms.
  const localSockets = () => [...io.of("/").sockets.values()];
  const door: Door = {
    openSockets: () =>
      localSockets().map((socket) => ({
        userId: socket.data.user.id,
        sessionId: socket.data.sessionId,
        takeActivity: () => {
          const active = socket.data.activeSinceCheck;
          socket.data.activeSinceCheck = false;
          return active;
        },
        endSession: () => {
          socket.emit("session:ended", SESSION_ENDED);
          socket.disconnect(true);
        },
      })),
    // A contact's documents are on no case, or on the one its decision opened: judged on every change, as the
    // collaboration server judges them.
    judgeRooms: (caseId) => checkRooms(localSockets(), (room) => caseId === undefined || isRoomOfCase(room, caseId) || room.startsWith("contact:")),
  };
  watch.add(door);

  /** Takes each socket out of the rooms (that `which` picks) it may no longer be in; each room is looked up once. */
  async function checkRooms(sockets: PortalSocket[], which: (room: string) => boolean) {
    const resources = new Map<string, Resource | null>();
    for (const socket of sockets)
      for (const room of [...socket.rooms]) {
        if (room === socket.id || !which(room)) continue;
        if (!resources.has(room)) resources.set(room, (await roomResource(services.sql, room, services.clock())).resource);
        if (!mayBeIn(actorOf(socket.data.user), resources.get(room) ?? null, room)) removeFromRoom(socket, room);
      }
  }

  /**
   * Tells a room that something it shows changed. Everyone still entitled to the room is told to fetch it again;
   * anyone no longer entitled (the change may be their own removal) leaves the room now, without waiting for the
   * next re-check.
   */
  const notify = async (notice: ChangeNotice) => {
    try {
      // This node's sockets: every node is told of every notice and tells its own.
      const sockets = await io.local.in(notice.room).fetchSockets();
      if (sockets.length === 0) return;
      const { resource } = await roomResource(services.sql, notice.room, services.clock());
      for (const socket of sockets) {
        if (mayBeIn(actorOf(socket.data.user), resource, notice.room)) socket.emit("record:changed", notice);
        else removeFromRoom(socket, notice.room);
      }
    } catch (error) {
      console.error("socket.io change notice failed:", (error as Error).message);
    }
  };

  function removeFromRoom(
    socket: { leave(room: string): void; emit: PortalSocketServer["emit"]; data: { user: { role: string } } },
    room: string,
  ) {
    socket.leave(room);
    // A partnership manager reads a case they are not on for a few hours after giving a reason (decision 039).
    const caseReason =
      socket.data.user.role === "partnership_manager"
        ? "Your time to read this case for oversight has ended. To read it again, give your reason again."
        : "You are no longer working on this case.";
    socket.emit("room:removed", { room, reason: isCaseRoom(room) ? caseReason : "You no longer have access to this." });
    void announce(room).catch(() => {});
  }

  return { io, engine, notify, nodes };
}


/** Everyone in a room on this node, once each however many tabs they have open. */
async function presentHere(io: PortalSocketServer, room: string): Promise<PresentPerson[]> {
  const people = new Map<number, PresentPerson>();
  for (const socket of await io.local.in(room).fetchSockets()) {
    const { user } = socket.data;
    people.set(user.id, { userId: user.id, fullName: user.fullName, agencyName: user.agencyName, colour: user.agencyColour });
  }
  return [...people.values()];
}

function auditRefusal(
  services: Services,
  req: IncomingMessage,
  reason: string,
  user?: SessionUser,
  extra: { room?: string; caseId?: number | null } = {},
) {
  const ip = clientAddress(services.config, req);
  const { write, suppressed } = services.refusals.take(`socket:${user?.id ?? ip}`, services.clock());
  if (!write) return Promise.resolve();
  return recordAudit(services.sql, {
    at: services.clock(),
    userId: user?.id ?? null,
    agencyId: user?.agencyId ?? null,
    action: extra.room ? "read:case" : "connect:socket",
    outcome: "denied",
    caseId: extra.caseId ?? null,
    target: extra.room ? `room:${extra.room}` : "socket.io",
    ip,
    userAgent: String(req.headers["user-agent"] ?? ""),
    details: suppressed ? { reason, suppressedSinceLastRow: suppressed } : { reason },
  }).catch(() => {});
}
