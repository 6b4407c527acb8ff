// The case's plan, as the policy needs to know it: the active one, or else the latest that ended.
import type { Sql } from "../../db/client";

export type PlanFacts = { id: number; caseId: number; startedOn: string; endedOn: string | null; leadUserId: number };

export async function findPlan(sql: Sql, caseId: number): Promise<PlanFacts | null> {
  const [plan] = await sql<(PlanFacts & { id: string; leadUserId: string })[]>`
    select p.id, to_char(p.started_on, 'YYYY-MM-DD') as "startedOn", to_char(p.ended_on, 'YYYY-MM-DD') as "endedOn",
           (select d.lead_user_id from child_protection_plan_details d where d.plan_id = p.id order by d.version desc limit 1)
             as "leadUserId"
    from child_protection_plans p
    where p.case_id = ${caseId}
    order by p.ended_on is null desc, p.started_on desc, p.id desc
    limit 1`;
  return plan ? { ...plan, id: Number(plan.id), caseId, leadUserId: Number(plan.leadUserId) } : null;
}
