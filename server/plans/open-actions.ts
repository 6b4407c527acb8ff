// The actions of active plans still to be done: each at its latest version (what, whose, by when), with how its latest
// progress stands. An action is done with once its owner (or the lead social worker) says "done" or "no longer
// needed" at a core group; every other action counts until then, and is overdue once its date has passed.
import type { Sql } from "../../db/client";
import type { ProgressStatus } from "../../common/forms/core-groups";

export type OpenAction = {
  id: number;
  planId: number;
  caseId: number;
  caseReference: string;
  childName: string | null;
  what: string;
  ownerUserId: number;
  ownerAgencyId: string;
  ownerAgencyName: string;
  dueOn: string;
  /** The latest progress said at a core group; null before any. */
  progress: ProgressStatus | null;
};

type Row = OpenAction & { id: string; planId: string; caseId: string; ownerUserId: string };

/**
 * The open actions of one plan (`planId`), or those a person owns on the active plans of the cases they work on
 * (`ownerUserId`), soonest due first. By owner, the case must be one they work on now: the policy's `read:case` for a
 * member, so nobody is shown words from a plan they could not open.
 */
export async function listOpenActions(sql: Sql, which: { planId: number } | { ownerUserId: number }): Promise<OpenAction[]> {
  const planId = "planId" in which ? which.planId : null;
  const ownerUserId = "ownerUserId" in which ? which.ownerUserId : null;
  const rows = await sql<Row[]>`
    select a.id, a.plan_id as "planId", p.case_id as "caseId", c.reference as "caseReference", child.full_name as "childName",
           v.what, v.owner_user_id as "ownerUserId", v.owner_agency_id as "ownerAgencyId", ag.name as "ownerAgencyName",
           to_char(v.due_on, 'YYYY-MM-DD') as "dueOn", progress.status as progress
    from plan_actions a
    join child_protection_plans p on p.id = a.plan_id and p.ended_on is null
    join cases c on c.id = p.case_id
    left join case_people child on child.id = p.child_person_id
    join lateral (
      select * from plan_action_versions v where v.action_id = a.id order by v.version desc limit 1
    ) v on true
    join agencies ag on ag.id = v.owner_agency_id
    left join lateral (
      select g.status from core_group_progress g where g.action_id = a.id order by g.id desc limit 1
    ) progress on true
    where (progress.status is null or progress.status not in ('done', 'no_longer_needed'))
      and (${planId}::bigint is null or a.plan_id = ${planId})
      and (${ownerUserId}::bigint is null or (v.owner_user_id = ${ownerUserId} and exists (
        select 1 from case_members m where m.case_id = p.case_id and m.user_id = ${ownerUserId} and m.removed_at is null)))
    order by v.due_on, a.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id), planId: Number(row.planId), caseId: Number(row.caseId), ownerUserId: Number(row.ownerUserId) }));
}
