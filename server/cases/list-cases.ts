// "Your work": the cases a person works on, and the ones they oversee.
import type { Sql } from "../../db/client";
import type { Actor } from "../access/policy";

export type CaseSummary = {
  id: number;
  reference: string;
  status: string;
  childName: string | null;
  childDateOfBirth: Date | null;
  roleOnCase: string | null;
  leadName: string | null;
  agencyNames: string[];
};

const summaryColumns = (sql: Sql) => sql`
  c.id, c.reference, c.status,
  child.full_name as "childName", child.date_of_birth as "childDateOfBirth",
  (select u.full_name from case_members lm join users u on u.id = lm.user_id
    where lm.case_id = c.id and lm.is_lead and lm.removed_at is null limit 1) as "leadName",
  coalesce((select array_agg(a.name order by a.name) from case_agencies ca join agencies a on a.id = ca.agency_id
    where ca.case_id = c.id and ca.removed_at is null), '{}') as "agencyNames"`;

export async function listCasesForMember(sql: Sql, userId: number): Promise<CaseSummary[]> {
  const rows = await sql<CaseSummary[]>`
    select ${summaryColumns(sql)}, m.role_on_case as "roleOnCase"
    from case_members m
    join cases c on c.id = m.case_id
    left join case_people child on child.case_id = c.id and child.is_subject
    where m.user_id = ${userId} and m.removed_at is null
    order by c.status, child.full_name, c.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/**
 * Cases seen by oversight and not by membership: a manager's agency's cases; for a partnership manager, those they
 * have opened for oversight with a reason and whose time has not run out at `now` (decision 039).
 */
export async function listOverseenCases(sql: Sql, actor: Actor, now: Date): Promise<CaseSummary[]> {
  if (actor.role !== "manager" && actor.role !== "partnership_manager") return [];
  const overseen =
    actor.role === "partnership_manager"
      ? sql`exists (select 1 from case_oversight_access o where o.case_id = c.id and o.user_id = ${actor.id} and o.expires_at > ${now})`
      : sql`exists (select 1 from case_agencies ca where ca.case_id = c.id and ca.agency_id = ${actor.agencyId} and ca.removed_at is null)`;
  const rows = await sql<CaseSummary[]>`
    select ${summaryColumns(sql)}, null as "roleOnCase"
    from cases c
    left join case_people child on child.case_id = c.id and child.is_subject
    where ${overseen}
      and not exists (select 1 from case_members m where m.case_id = c.id and m.user_id = ${actor.id} and m.removed_at is null)
    order by c.status, child.full_name, c.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}
