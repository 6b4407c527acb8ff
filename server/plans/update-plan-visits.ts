// Changes how often the child is visited and seen alone: a new version of the plan's details, keeping its category
// and lead social worker (which conferences decide).
import type { Sql } from "../../db/client";
import { holdActivePlan, inTransaction, nextVersion, planRefusals, refuse, type PlanRefusal } from "./plans";

export async function updatePlanVisits(
  sql: Sql,
  opts: { caseId: number; planId: number; visits: string; seenAlone: string; by: number; at: Date },
): Promise<{ ok: true; changed: boolean } | PlanRefusal> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, opts.planId, opts.caseId))) return refuse("form", planRefusals.ended);
    const [current] = await tx<{ visits: string; seenAlone: string }[]>`
      select visits, seen_alone as "seenAlone" from child_protection_plan_details
      where plan_id = ${opts.planId} order by version desc limit 1`;
    if (current.visits === opts.visits && current.seenAlone === opts.seenAlone) return { ok: true as const, changed: false };
    const version = await nextVersion(tx, "child_protection_plan_details", { column: "plan_id", id: opts.planId });
    await tx`
      insert into child_protection_plan_details (plan_id, version, primary_category, other_categories, lead_user_id, visits,
                                                 seen_alone, recorded_at, recorded_by)
      select plan_id, ${version}, primary_category, other_categories, lead_user_id, ${opts.visits}, ${opts.seenAlone},
             ${opts.at}, ${opts.by}
      from child_protection_plan_details where plan_id = ${opts.planId} and version = ${version - 1}`;
    return { ok: true as const, changed: true };
  });
}
