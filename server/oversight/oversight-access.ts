// A partnership manager's access to a case they are not on, opened with a reason for a few hours (decision 039):
// the case as they see it before (reference, agencies and dates, never a name), the opening itself, and the list the
// case's lead social worker and team managers read on the front sheet. The access rows are append-only evidence.
import type { Sql } from "../../db/client";

/** What a partnership manager not on a case sees of it: its reference, agencies and dates, never the child's name. */
export type CaseOutline = {
  caseId: number;
  reference: string;
  status: "open" | "closed";
  openedOn: string;
  closedOn: string | null;
  agencies: string[];
};

export async function readCaseOutline(sql: Sql, caseId: number): Promise<CaseOutline | null> {
  const [row] = await sql<{ reference: string; status: "open" | "closed"; openedOn: string; closedOn: string | null; agencies: string[] | null }[]>`
    select c.reference, c.status, c.opened_on::text as "openedOn", c.closed_on::text as "closedOn",
      (select array_agg(a.name order by ca.is_lead desc, a.name) from case_agencies ca join agencies a on a.id = ca.agency_id
        where ca.case_id = c.id and ca.removed_at is null) as agencies
    from cases c where c.id = ${caseId}`;
  return row ? { caseId, ...row, agencies: row.agencies ?? [] } : null;
}

/** Records that `userId` opened the case for oversight, why, and until when; returns when it runs out. */
export async function openCaseForOversight(
  sql: Sql,
  input: { caseId: number; userId: number; reason: string; at: Date; hours: number },
): Promise<{ expiresAt: Date }> {
  const expiresAt = new Date(input.at.getTime() + input.hours * 3_600_000);
  await sql`
    insert into case_oversight_access (case_id, user_id, reason, granted_at, expires_at)
    values (${input.caseId}, ${input.userId}, ${input.reason}, ${input.at}, ${expiresAt})`;
  return { expiresAt };
}

export type OversightOpening = {
  id: number;
  fullName: string;
  agencyName: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
  live: boolean;
};

/** Who opened the case for oversight, newest first: the last `limit` openings, live or run out. */
export async function listOversightOpenings(sql: Sql, caseId: number, now: Date, limit = 20): Promise<OversightOpening[]> {
  const rows = await sql<{ id: string; fullName: string; agencyName: string; reason: string; grantedAt: Date; expiresAt: Date }[]>`
    select o.id, u.full_name as "fullName", a.name as "agencyName", o.reason, o.granted_at as "grantedAt", o.expires_at as "expiresAt"
      from case_oversight_access o join users u on u.id = o.user_id join agencies a on a.id = u.agency_id
     where o.case_id = ${caseId}
     order by o.granted_at desc, o.id desc
     limit ${limit}`;
  return rows.map((row) => ({ ...row, id: Number(row.id), live: row.expiresAt.getTime() > now.getTime() }));
}
