// The audit trail: append-only rows of who did what to which record, when and from where.
import type { Sql } from "../../db/client";

export type AuditEvent = {
  at: Date;
  userId?: number | null;
  agencyId?: string | null;
  /** `sign-in`, `sign-out`, `view:case`, or the policy action that was asked, such as `read:case`. */
  action: string;
  outcome: "success" | "failure" | "denied";
  caseId?: number | null;
  target?: string;
  ip?: string;
  userAgent?: string;
  details?: Record<string, unknown>;
};

/** PostgreSQL text cannot hold NUL; a caller's bytes must never stop the audit row being written. */
const printable = (text: string | undefined, max: number) => (text ?? "").replace(/\u0000/g, "\uFFFD").slice(0, max);

export function recordAudit(sql: Sql, event: AuditEvent): Promise<void> {
  return recordAudits(sql, [event]);
}

/** Several rows in one statement (server/audit/audit-writer.ts batches them). */
export async function recordAudits(sql: Sql, events: AuditEvent[]): Promise<void> {
  const rows = events.map((event) => ({
    at: event.at,
    user_id: event.userId ?? null,
    agency_id: event.agencyId ?? null,
    action: event.action,
    outcome: event.outcome,
    case_id: event.caseId ?? null,
    target: printable(event.target, 400),
    ip: printable(event.ip, 100),
    user_agent: printable(event.userAgent, 500),
    details: sql.json(JSON.parse(JSON.stringify(event.details ?? {}).replace(/\\u0000/g, "\\uFFFD")) as never),
  }));
  await sql`
    insert into audit_events ${sql(rows as never, "at", "user_id", "agency_id", "action", "outcome", "case_id", "target", "ip", "user_agent", "details")}`;
}
