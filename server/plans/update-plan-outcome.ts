// Changes an outcome's wording: a new version, attributed and dated; the earlier wording stays in the record.
import type { Sql } from "../../db/client";
import { holdActivePlan, inTransaction, nextVersion, planRefusals, refuse, type PlanRefusal } from "./plans";
import type { PlanOutcomeInput } from "./add-plan-outcome";

export async function updatePlanOutcome(
  sql: Sql,
  opts: PlanOutcomeInput & { caseId: number; planId: number; outcomeId: number; by: number; at: Date },
): Promise<{ ok: true; changed: boolean } | PlanRefusal> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, opts.planId, opts.caseId))) return refuse("form", planRefusals.ended);
    const [current] = await tx<{ wording: string }[]>`
      select v.wording from plan_outcome_versions v
      where v.outcome_id = ${opts.outcomeId} and v.plan_id = ${opts.planId}
      order by v.version desc limit 1`;
    if (!current) return refuse("form", planRefusals.noSuchOutcome);
    // The same words again are no change, and leave no version.
    if (current.wording === opts.wording) return { ok: true as const, changed: false };
    const version = await nextVersion(tx, "plan_outcome_versions", { column: "outcome_id", id: opts.outcomeId });
    await tx`
      insert into plan_outcome_versions (outcome_id, plan_id, version, wording, recorded_at, recorded_by)
      values (${opts.outcomeId}, ${opts.planId}, ${version}, ${opts.wording}, ${opts.at}, ${opts.by})`;
    return { ok: true as const, changed: true };
  });
}
