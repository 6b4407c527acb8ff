// The upgrade hook: who is asking, from where, for which document, and what the policy lets them do with it, decided
// before the socket is accepted (nothing is sent to anyone refused). Refusals are audited.
import type { IncomingMessage } from "node:http";
import { actorOf, authenticate } from "../auth/authenticate";
import { stillValidSessions, type SessionUser } from "../auth/sessions";
import { clientAddress, isSameOrigin, type Services } from "../services";
import { collabAudit, type Access } from "./connection";
import { documentAccess, parseDocumentName, resolveDocument, type DocumentName } from "../documents/registry";

export const COLLAB_PATH = "/collab/";

export type Refusal = { status: number; reason: string };

/** A connection allowed in: `epoch` is the server's count of access-ending changes when the decision began. */
export type Admission = {
  user: SessionUser;
  sessionId: string;
  name: DocumentName;
  access: Access;
  caseId: number | null;
  ip: string;
  userAgent: string;
  epoch: number;
};

/** Session cookie, exact origin, document type, record, policy: a refusal with its HTTP status, or an admission. */
export async function authenticateUpgrade(services: Services, req: IncomingMessage, epoch: number): Promise<Refusal | Admission> {
  const ip = clientAddress(services.config, req);
  const userAgent = String(req.headers["user-agent"] ?? "");
  if (!isSameOrigin(services.config, req)) {
    const { write, suppressed } = services.refusals.take(`collab:${ip}`, services.clock());
    if (write)
      await collabAudit(services, {
        action: "connect:document",
        outcome: "denied",
        target: "collab",
        ip,
        userAgent,
        details: suppressed ? { reason: "origin not allowed", suppressedSinceLastRow: suppressed } : { reason: "origin not allowed" },
      });
    return { status: 403, reason: "Forbidden" };
  }
  const found = await authenticate(services, req.headers, { together: true });
  if (!found) return { status: 401, reason: "Unauthorized" };
  const { user, session } = found;
  // Someone signed in with a one-time password reads nothing until they have chosen their own.
  if (user.mustChangePassword) return { status: 403, reason: "Forbidden" };
  let rawName = "";
  try {
    rawName = decodeURIComponent((req.url ?? "").split("?")[0].slice(COLLAB_PATH.length));
  } catch {
    rawName = "";
  }
  if (/[\u0000-\u001f\u007f]/.test(rawName)) rawName = rawName.replace(/[\u0000-\u001f\u007f]/g, "?");
  const name = parseDocumentName(rawName);
  const resolved = name ? await resolveDocument(services.sql, name, services.clock(), services.together.caseFacts) : null;
  const access = resolved ? documentAccess(actorOf(user), resolved.resource) : "none";
  if (!resolved || access === "none") {
    await collabAudit(services, {
      user,
      action: "read:record",
      outcome: "denied",
      caseId: resolved?.caseId ?? null,
      target: `document:${rawName.slice(0, 200)}`,
      ip,
      userAgent,
      details: { reason: !name ? "unknown document type" : !resolved ? "no such record" : "policy" },
    });
    return { status: 404, reason: "Not Found" };
  }
  await collabAudit(services, { user, action: "open:document", outcome: "success", caseId: resolved.caseId, target: `document:${name!.name}`, ip, userAgent, details: { access } });
  return { user, sessionId: session.id, name: name!, access, caseId: resolved.caseId, ip, userAgent, epoch };
}

/** The access a connection being accepted has now: its session still valid, and the policy's word on the document. */
export async function decideAgain(services: Services, admission: Pick<Admission, "user" | "sessionId" | "name">): Promise<Access | "none"> {
  const now = services.clock();
  const valid = await stillValidSessions(services.sql, [admission.sessionId], { now, settings: services.sessionSettings });
  if (!valid.has(admission.sessionId)) return "none";
  const resolved = await resolveDocument(services.sql, admission.name, services.clock());
  return resolved ? documentAccess(actorOf(admission.user), resolved.resource) : "none";
}
