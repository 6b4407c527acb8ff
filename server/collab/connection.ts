// One open collaboration socket: who it is, what it may do, its rate limit, refusals (audited, and closing the socket
// after a few), and sending with backpressure.
import type { WebSocket } from "ws";
import type { Actor } from "../access/policy";
import type { SessionUser } from "../auth/sessions";
import type { Services } from "../services";
import type { LiveDocument } from "./live-document";
import { closeCodes, permissionNoticeMessage } from "./protocol";

export type Access = "write" | "read";

export type Connection = {
  ws: WebSocket;
  room: LiveDocument;
  user: SessionUser;
  actor: Actor;
  sessionId: string;
  access: Access;
  clientIds: Set<number>;
  refusedEdits: number;
  tokens: number;
  refilledAt: number;
  activeSinceCheck: boolean;
  /** Answered the last ping: a client that vanished without closing is found and let go. */
  alive: boolean;
  ip: string;
  userAgent: string;
};

/** A socket that stops reading is closed rather than buffered for without end (one message larger than this may go). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export function send(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > 0 && ws.bufferedAmount + message.byteLength > MAX_BUFFERED_BYTES)
    return ws.close(closeCodes.rateLimited, "Not reading; reconnect shortly");
  ws.send(message);
}

export function sendPermissionNotice(ws: WebSocket, reason: string): void {
  send(ws, permissionNoticeMessage(reason));
}

/** The per-connection rate limit, charged by messages and by bytes (in and out), so size cannot buy volume. */
export function takeTokens(connection: Connection, cost: number, rateLimit: { perSecond: number; burst: number }): boolean {
  const now = Date.now();
  const { perSecond, burst } = rateLimit;
  connection.tokens = Math.min(burst, connection.tokens + ((now - connection.refilledAt) / 1000) * perSecond);
  connection.refilledAt = now;
  if (connection.tokens < cost) return false;
  connection.tokens -= cost;
  return true;
}

/** An edit refused: audited, and (when it counts) the socket is closed once it has had too many refused. */
export function refuseEdit(services: Services, connection: Connection, reason: string, refusedEditsBeforeClose: number, counts = true): void {
  if (counts) connection.refusedEdits += 1;
  void collabAudit(services, {
    user: connection.user,
    action: "write:record",
    outcome: "denied",
    caseId: connection.room.name.caseId ?? null,
    target: `document:${connection.room.name.name}`,
    ip: connection.ip,
    userAgent: connection.userAgent,
    details: { reason },
  });
  if (connection.refusedEdits >= refusedEditsBeforeClose)
    connection.ws.close(closeCodes.tooManyRefusedEdits, "Changes refused: this connection may only read");
}

export type CollabAuditEvent = {
  user?: SessionUser;
  action: string;
  outcome: "success" | "failure" | "denied";
  caseId?: number | null;
  target: string;
  ip: string;
  userAgent: string;
  details?: Record<string, unknown>;
};

/** Writes an audit row; a failure is logged, never thrown into the socket's handlers. */
export function collabAudit(services: Services, event: CollabAuditEvent): Promise<void> {
  return services.audit.write({
    at: services.clock(),
    userId: event.user?.id ?? null,
    agencyId: event.user?.agencyId ?? null,
    action: event.action,
    outcome: event.outcome,
    caseId: event.caseId ?? null,
    target: event.target,
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
  }).catch((error: Error) => console.error("Audit write failed:", error.message));
}
