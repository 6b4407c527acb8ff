// What the access policy needs to know of a case, read from the database.
import type { Sql } from "../../db/client";
import type { CaseFacts } from "../access/policy";

export async function loadCaseFacts(sql: Sql, caseId: number): Promise<CaseFacts | null> {
  if (!Number.isSafeInteger(caseId) || caseId <= 0) return null;
  const [row] = await sql<
    { status: "open" | "closed"; memberUserIds: string[] | null; leadUserIds: string[] | null; agencyIds: string[] | null }[]
  >`
    select c.status,
      (select array_agg(m.user_id) from case_members m where m.case_id = c.id and m.removed_at is null) as "memberUserIds",
      (select array_agg(m.user_id) from case_members m where m.case_id = c.id and m.removed_at is null and m.is_lead) as "leadUserIds",
      (select array_agg(a.agency_id) from case_agencies a where a.case_id = c.id and a.removed_at is null) as "agencyIds"
    from cases c where c.id = ${caseId}`;
  if (!row) return null;
  return {
    caseId,
    status: row.status,
    memberUserIds: (row.memberUserIds ?? []).map(Number),
    leadUserIds: (row.leadUserIds ?? []).map(Number),
    agencyIds: row.agencyIds ?? [],
  };
}
