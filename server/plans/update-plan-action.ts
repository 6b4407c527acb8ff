// Changes an action of a child protection plan (its words, owner, due date or measure): a new version, attributed and
// dated; every earlier version stays in the record.
import type { Sql } from "../../db/client";
import { holdActivePlan, inTransaction, nextVersion, ownerAgencyOf, planRefusals, refuse, type PlanRefusal } from "./plans";
import { insertPlanActionVersion, type PlanActionInput } from "./add-plan-action";

export async function updatePlanAction(
  sql: Sql,
  opts: PlanActionInput & { caseId: number; planId: number; actionId: number; by: number; at: Date },
): Promise<{ ok: true; changed: boolean } | PlanRefusal> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, opts.planId, opts.caseId))) return refuse("form", planRefusals.ended);
    const [current] = await tx<(PlanActionInput & { ownerUserId: string })[]>`
      select v.what, v.why, v.owner_user_id as "ownerUserId", to_char(v.due_on, 'YYYY-MM-DD') as "dueOn", v.measure
      from plan_action_versions v
      where v.action_id = ${opts.actionId} and v.plan_id = ${opts.planId}
      order by v.version desc limit 1`;
    if (!current) return refuse("form", planRefusals.noSuchAction);
    const same =
      current.what === opts.what && current.why === opts.why && Number(current.ownerUserId) === opts.ownerUserId &&
      current.dueOn === opts.dueOn && current.measure === opts.measure;
    if (same) return { ok: true as const, changed: false };
    const ownerAgencyId = await ownerAgencyOf(tx, opts.caseId, opts.ownerUserId);
    if (typeof ownerAgencyId !== "string") return ownerAgencyId;
    const version = await nextVersion(tx, "plan_action_versions", { column: "action_id", id: opts.actionId });
    await insertPlanActionVersion(tx, { ...opts, ownerAgencyId, version });
    return { ok: true as const, changed: true };
  });
}
