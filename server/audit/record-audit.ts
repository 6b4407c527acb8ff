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

export async function recordAudit(sql: Sql, event: AuditEvent): Promise<void> {
  const details = JSON.parse(JSON.stringify(event.details ?? {}).replace(/\\u0000/g, "\\uFFFD")) as Record<string, unknown>;
  await sql`
    insert into audit_events (at, user_id, agency_id, action, outcome, case_id, target, ip, user_agent, details)
    values (${event.at}, ${event.userId ?? null}, ${event.agencyId ?? null}, ${event.action}, ${event.outcome},
            ${event.caseId ?? null}, ${printable(event.target, 400)}, ${printable(event.ip, 100)},
            ${printable(event.userAgent, 500)}, ${sql.json(details as never)})`;
}
