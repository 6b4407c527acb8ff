// Adds an action to an outcome of a child protection plan, in SMART form: what, why, the owner (a person working on
// the case, and their agency), a due date, and how progress will be measured.
import type { Sql } from "../../db/client";
import { planActionSchema } from "../../common/forms/plan";
import { holdActivePlan, inTransaction, listPlanOwners, ownerAgencyOf, planRefusals, refuse, type PlanRefusal } from "./plans";

export type PlanActionInput = { what: string; why: string; ownerUserId: number; dueOn: string; measure: string };

/** Inserts the action and its first version; the caller holds the plan's row and has checked the owner. */
export async function insertPlanAction(
  tx: Sql,
  opts: PlanActionInput & { planId: number; outcomeId: number; ownerAgencyId: string; by: number; at: Date },
): Promise<number> {
  const [action] = await tx<{ id: string }[]>`
    insert into plan_actions (outcome_id, plan_id, created_at, created_by)
    values (${opts.outcomeId}, ${opts.planId}, ${opts.at}, ${opts.by}) returning id`;
  await insertPlanActionVersion(tx, { ...opts, actionId: Number(action.id), version: 1 });
  return Number(action.id);
}

export async function insertPlanActionVersion(
  tx: Sql,
  opts: PlanActionInput & { planId: number; actionId: number; version: number; ownerAgencyId: string; by: number; at: Date },
): Promise<void> {
  await tx`
    insert into plan_action_versions (action_id, plan_id, version, what, why, owner_agency_id, owner_user_id, due_on, measure,
                                      recorded_at, recorded_by)
    values (${opts.actionId}, ${opts.planId}, ${opts.version}, ${opts.what}, ${opts.why}, ${opts.ownerAgencyId},
            ${opts.ownerUserId}, ${opts.dueOn}, ${opts.measure}, ${opts.at}, ${opts.by})`;
}

/**
 * The form of a new action for this plan, wherever it is added (the plan page, a core group): its outcome one of the
 * plan's, its owner someone working on the case, due from `today` on.
 */
export async function newPlanActionSchema(sql: Sql, opts: { caseId: number; planId: number; today: string }) {
  const [owners, outcomes] = await Promise.all([
    listPlanOwners(sql, opts.caseId),
    sql<{ id: string }[]>`select id from plan_outcomes where plan_id = ${opts.planId}`,
  ]);
  return planActionSchema({ today: opts.today, ownerUserIds: owners.map((owner) => owner.userId), outcomeIds: outcomes.map((outcome) => Number(outcome.id)) });
}

export async function addPlanAction(
  sql: Sql,
  opts: PlanActionInput & { caseId: number; planId: number; outcomeId: number; by: number; at: Date },
): Promise<{ ok: true; actionId: number } | PlanRefusal> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, opts.planId, opts.caseId))) return refuse("form", planRefusals.ended);
    const [outcome] = await tx`select 1 from plan_outcomes where id = ${opts.outcomeId} and plan_id = ${opts.planId}`;
    if (!outcome) return refuse("outcomeId", planRefusals.noSuchOutcome);
    const ownerAgencyId = await ownerAgencyOf(tx, opts.caseId, opts.ownerUserId);
    if (typeof ownerAgencyId !== "string") return ownerAgencyId;
    return { ok: true as const, actionId: await insertPlanAction(tx, { ...opts, ownerAgencyId }) };
  });
}
