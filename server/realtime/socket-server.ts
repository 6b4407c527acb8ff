// socket.io: the same session cookie and origin rule as the pages; every event re-checks the session, so a
// person signed out or deactivated is refused at their next event.
import type { IncomingMessage } from "node:http";
import { Server as EngineServer } from "engine.io";
import { Server } from "socket.io";
import type { ClientToServerEvents, PresentPerson, ServerToClientEvents } from "../../app/realtime/events";
import { can, type Actor, type Resource } from "../access/policy";
import { loadCaseFacts } from "../cases/case-facts";
import { parseDocumentName, resolveDocument } from "../collab/document-names";
import { recordAudit } from "../audit/record-audit";
import { readSessionTokenFromHeaders } from "../auth/session-cookie";
import { stillValidSessions, touchSessions, validateSessionToken, type SessionUser } from "../auth/sessions";
import { clientAddress, isSameOrigin, type ChangeNotice, type Services } from "../services";

type SocketData = { user: SessionUser; token: string; sessionId: string; activeSinceCheck: boolean };

export type PortalSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const caseRoom = /^case:([1-9]\d{0,14})$/;
/** A strategy meeting's page: its attendance, scalings, decisions and actions arrive there as they are recorded. */
const meetingRoom = /^case:([1-9]\d{0,14}):meeting:([1-9]\d{0,14})$/;

/**
 * What a room belongs to, for judging who may be in it. Rooms are `case:<id>` (the case's pages: its events and
 * presence) and the names of collaboration documents (who has that document open), judged as the document is.
 */
async function roomResource(services: Services, room: unknown): Promise<{ resource: Resource | null; caseId: number | null }> {
  if (typeof room !== "string" || room.length > 200) return { resource: null, caseId: null };
  const caseId = caseRoom.exec(room)?.[1];
  if (caseId) {
    const facts = await loadCaseFacts(services.sql, Number(caseId));
    return { resource: facts ? { type: "case", case: facts } : null, caseId: facts?.caseId ?? null };
  }
  const meeting = meetingRoom.exec(room);
  if (meeting) {
    const facts = await loadCaseFacts(services.sql, Number(meeting[1]));
    const [found] = facts ? await services.sql`select 1 from meetings where id = ${Number(meeting[2])} and case_id = ${facts.caseId}` : [];
    return { resource: facts && found ? { type: "case", case: facts } : null, caseId: facts?.caseId ?? null };
  }
  const name = parseDocumentName(room);
  const resolved = name ? await resolveDocument(services.sql, name) : null;
  return { resource: resolved?.resource ?? null, caseId: resolved?.facts.caseId ?? null };
}

/** A person's own room: "Your work" hears there that they have been invited to something. */
const userRoom = /^user:([1-9]\d{0,14})$/;

function mayBeIn(actor: Actor, resource: Resource | null, room: string): boolean {
  const user = userRoom.exec(room);
  if (user) return Number(user[1]) === actor.id;
  if (!resource) return false;
  return can(actor, resource.type === "case" ? "read:case" : "read:record", resource);
}

export function createSocketServer(
  services: Services,
  opts: { recheckMs?: number } = {},
): { io: PortalSocketServer; engine: EngineServer; notify(notice: ChangeNotice): Promise<void>; close(): void } {
  const engine = new EngineServer({
    maxHttpBufferSize: 64 * 1024,
    cors: undefined,
    allowRequest: (req, callback) => {
      if (isSameOrigin(services.config, req)) return callback(null, true);
      void auditRefusal(services, req, "origin not allowed");
      callback("Origin not allowed", false);
    },
  });
  const io: PortalSocketServer = new Server({ serveClient: false, path: "/socket.io/" });
  io.bind(engine);

  const currentUser = async (req: IncomingMessage) => {
    const token = readSessionTokenFromHeaders(services, req.headers);
    if (!token) return null;
    const result = await validateSessionToken(services.sql, token, {
      now: services.clock(),
      settings: services.sessionSettings,
    });
    return result ? { user: result.user, token, sessionId: result.session.id, activeSinceCheck: false } : null;
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
      socket.data = found;
      next();
    } catch (error) {
      next(error instanceof Error ? error : new Error("unauthorised"));
    }
  });

  io.on("connection", (socket) => {
    socket.use(async (_packet, next) => {
      const found = await currentUser(socket.request).catch(() => null);
      if (found && found.user.id === socket.data.user.id) {
        socket.data.activeSinceCheck = true;
        return next();
      }
      await auditRefusal(services, socket.request, "session ended", socket.data.user);
      socket.emit("session:ended", "Your session has ended. Sign in again to carry on.");
      next(new Error("session ended"));
      socket.disconnect(true);
    });
    socket.on("whoami", (reply) => {
      if (typeof reply !== "function") return;
      const { user } = socket.data;
      reply({ userId: user.id, fullName: user.fullName, agencyName: user.agencyName });
    });
    socket.on("room:join", async (room, reply) => {
      if (typeof reply !== "function") return;
      const { resource, caseId } = await roomResource(services, room);
      if (!mayBeIn(actorOf(socket.data.user), resource, String(room))) {
        await auditRefusal(services, socket.request, "room not allowed", socket.data.user, {
          room: String(room).slice(0, 100),
          caseId,
        });
        return reply({ ok: false, error: "Not found" });
      }
      await socket.join(room);
      const present = await presentIn(io, room);
      reply({ ok: true, present });
      socket.to(room).emit("presence", { room, present });
    });
    socket.on("room:leave", (room) => {
      if (typeof room !== "string" || !socket.rooms.has(room)) return;
      void socket.leave(room);
      void announce(io, room);
    });
    socket.on("disconnecting", () => {
      const rooms = [...socket.rooms].filter((room) => room !== socket.id);
      setImmediate(() => rooms.forEach((room) => void announce(io, room)));
    });
  });

  // Access can end while a socket is open: signed out, deactivated, removed from the case. Check every few seconds.
  let checking = false;
  const recheck = async () => {
    if (checking) return;
    checking = true;
    try {
      const sockets = await io.fetchSockets();
      if (sockets.length === 0) return;
      const now = services.clock();
      const sessionIds = [...new Set(sockets.map((socket) => socket.data.sessionId))];
      const valid = await stillValidSessions(services.sql, sessionIds, { now, settings: services.sessionSettings });
      await touchSessions(services.sql, [...new Set(sockets.filter((s) => s.data.activeSinceCheck && valid.has(s.data.sessionId)).map((s) => s.data.sessionId))], now);
      // Each room is looked up once per pass.
      const resources = new Map<string, Resource | null>();
      for (const socket of sockets) {
        socket.data.activeSinceCheck = false;
        if (!valid.has(socket.data.sessionId)) {
          socket.emit("session:ended", "Your session has ended. Sign in again to carry on.");
          socket.disconnect(true);
          continue;
        }
        for (const room of socket.rooms) {
          if (room === socket.id) continue;
          if (!resources.has(room)) resources.set(room, (await roomResource(services, room)).resource);
          if (!mayBeIn(actorOf(socket.data.user), resources.get(room) ?? null, room)) removeFromRoom(socket, room);
        }
      }
    } catch (error) {
      console.error("socket.io access re-check failed:", (error as Error).message);
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void recheck(), opts.recheckMs ?? 2000);
  timer.unref();

  /**
   * Tells a room that something it shows changed. Everyone still entitled to the room is told to fetch it again;
   * anyone no longer entitled (the change may be their own removal) leaves the room now, without waiting for the
   * next re-check.
   */
  const notify = async (notice: ChangeNotice) => {
    try {
      const sockets = await io.in(notice.room).fetchSockets();
      if (sockets.length === 0) return;
      const { resource } = await roomResource(services, notice.room);
      for (const socket of sockets) {
        if (mayBeIn(actorOf(socket.data.user), resource, notice.room)) socket.emit("record:changed", notice);
        else removeFromRoom(socket, notice.room);
      }
    } catch (error) {
      console.error("socket.io change notice failed:", (error as Error).message);
    }
  };

  function removeFromRoom(socket: { leave(room: string): void; emit: PortalSocketServer["emit"] }, room: string) {
    socket.leave(room);
    socket.emit("room:removed", {
      room,
      reason: caseRoom.test(room) ? "You are no longer working on this case." : "You no longer have access to this.",
    });
    void announce(io, room);
  }

  return { io, engine, notify, close: () => clearInterval(timer) };
}

function actorOf(user: SessionUser): Actor {
  return { id: user.id, agencyId: user.agencyId, agencyKind: user.agencyKind, role: user.role };
}

/** Everyone in a room, once each however many tabs they have open. */
async function presentIn(io: PortalSocketServer, room: string): Promise<PresentPerson[]> {
  const people = new Map<number, PresentPerson>();
  for (const socket of await io.in(room).fetchSockets()) {
    const { user } = socket.data;
    people.set(user.id, { userId: user.id, fullName: user.fullName, agencyName: user.agencyName, colour: user.agencyColour });
  }
  return [...people.values()].sort((a, b) => a.fullName.localeCompare(b.fullName));
}

async function announce(io: PortalSocketServer, room: string): Promise<void> {
  io.to(room).emit("presence", { room, present: await presentIn(io, room) });
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
