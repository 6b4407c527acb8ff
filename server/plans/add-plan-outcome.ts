// Adds an outcome to a child protection plan: what must change for the child, in plain words. Its first version is
// the wording as added; every later wording is a new version (update-plan-outcome.ts).
import type { Sql } from "../../db/client";
import { holdActivePlan, inTransaction, planRefusals, refuse, type PlanRefusal } from "./plans";

export type PlanOutcomeInput = { wording: string };

/** Inserts the outcome and its first version; the caller holds the plan's row. */
export async function insertPlanOutcome(tx: Sql, opts: PlanOutcomeInput & { planId: number; by: number; at: Date }): Promise<number> {
  const [outcome] = await tx<{ id: string }[]>`
    insert into plan_outcomes (plan_id, created_at, created_by) values (${opts.planId}, ${opts.at}, ${opts.by}) returning id`;
  await tx`
    insert into plan_outcome_versions (outcome_id, plan_id, version, wording, recorded_at, recorded_by)
    values (${outcome.id}, ${opts.planId}, 1, ${opts.wording}, ${opts.at}, ${opts.by})`;
  return Number(outcome.id);
}

export async function addPlanOutcome(
  sql: Sql,
  opts: PlanOutcomeInput & { caseId: number; planId: number; by: number; at: Date },
): Promise<{ ok: true; outcomeId: number } | PlanRefusal> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, opts.planId, opts.caseId))) return refuse("form", planRefusals.ended);
    return { ok: true as const, outcomeId: await insertPlanOutcome(tx, opts) };
  });
}
