// What the access policy needs to know of a case, read from the database: of one case, or of many in one query (an
// oversight drill-down's list may hold thousands).
import type { Sql } from "../../db/client";
import type { CaseFacts } from "../access/policy";

type FactsRow = {
  id: string;
  status: "open" | "closed";
  memberUserIds: string[] | null;
  leadUserIds: string[] | null;
  agencyIds: string[] | null;
  oversightUserIds: string[] | null;
};

/**
 * The facts of one case, or null when there is none. `now`: the time access opened for oversight is judged at (the
 * portal's clock, `services.clock()`; the wall clock when not given).
 */
export async function loadCaseFacts(sql: Sql, caseId: number, now: Date = new Date()): Promise<CaseFacts | null> {
  if (!Number.isSafeInteger(caseId) || caseId <= 0) return null;
  return (await loadCaseFactsOf(sql, [caseId], now)).get(caseId) ?? null;
}

/** The facts of each case named that exists, by its id, in one query. */
export async function loadCaseFactsOf(sql: Sql, caseIds: readonly number[], now: Date): Promise<Map<number, CaseFacts>> {
  const ids = [...new Set(caseIds.filter((id) => Number.isSafeInteger(id) && id > 0))];
  const facts = new Map<number, CaseFacts>();
  if (ids.length === 0) return facts;
  const rows = await sql<FactsRow[]>`
    select c.id, c.status,
      (select array_agg(m.user_id) from case_members m where m.case_id = c.id and m.removed_at is null) as "memberUserIds",
      (select array_agg(m.user_id) from case_members m where m.case_id = c.id and m.removed_at is null and m.is_lead) as "leadUserIds",
      (select array_agg(a.agency_id) from case_agencies a where a.case_id = c.id and a.removed_at is null) as "agencyIds",
      (select array_agg(distinct o.user_id) from case_oversight_access o where o.case_id = c.id and o.expires_at > ${now}) as "oversightUserIds"
    from cases c where c.id = any(${ids}::bigint[])`;
  for (const row of rows)
    facts.set(Number(row.id), {
      caseId: Number(row.id),
      status: row.status,
      memberUserIds: (row.memberUserIds ?? []).map(Number),
      leadUserIds: (row.leadUserIds ?? []).map(Number),
      agencyIds: row.agencyIds ?? [],
      oversightUserIds: (row.oversightUserIds ?? []).map(Number),
    });
  return facts;
}
