// socket.io: the same session cookie and origin rule as the pages; every event re-checks the session, so a
// person signed out or deactivated is refused at their next event.
import type { IncomingMessage } from "node:http";
import { Server as EngineServer } from "engine.io";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/realtime/events";
import { recordAudit } from "../audit/record-audit";
import { readSessionTokenFromHeaders } from "../auth/session-cookie";
import { validateSessionToken, type SessionUser } from "../auth/sessions";
import { clientAddress, isSameOrigin, type Services } from "../services";

type SocketData = { user: SessionUser; token: string };

export type PortalSocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function createSocketServer(services: Services): { io: PortalSocketServer; engine: EngineServer } {
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
    const token = readSessionTokenFromHeaders(req.headers);
    if (!token) return null;
    const result = await validateSessionToken(services.sql, token, {
      now: services.clock(),
      settings: services.sessionSettings,
    });
    return result ? { user: result.user, token } : null;
  };

  io.use(async (socket, next) => {
    try {
      const found = await currentUser(socket.request);
      if (!found) {
        await auditRefusal(services, socket.request, "no valid session");
        return next(new Error("unauthorised"));
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
      if (found && found.user.id === socket.data.user.id) return next();
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
  });
  return { io, engine };
}

function auditRefusal(services: Services, req: IncomingMessage, reason: string, user?: SessionUser) {
  return recordAudit(services.sql, {
    at: services.clock(),
    userId: user?.id ?? null,
    agencyId: user?.agencyId ?? null,
    action: "connect:socket",
    outcome: "denied",
    target: "socket.io",
    ip: clientAddress(services.config, req),
    userAgent: String(req.headers["user-agent"] ?? ""),
    details: { reason },
  }).catch(() => {});
}
