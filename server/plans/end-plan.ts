// Ends a child protection plan, with the reason and what follows (a child in need plan, or closure): the domain call
// of the review conference that decides it. From then on nothing in the plan changes (the database refuses it too).
import type { Sql } from "../../db/client";
import type { WhatFollowsPlan } from "../../common/forms/plan";
import { holdActivePlan, inTransaction, planRefusals, refuse, type PlanRefusal } from "./plans";

export async function endPlan(
  sql: Sql,
  opts: { caseId: number; planId: number; endedOn: string; reason: string; whatFollows: WhatFollowsPlan; by: number; at: Date },
): Promise<{ ok: true } | PlanRefusal> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, opts.planId, opts.caseId))) return refuse("form", planRefusals.ended);
    await tx`
      update child_protection_plans
      set ended_on = ${opts.endedOn}, end_reason = ${opts.reason}, what_follows = ${opts.whatFollows}, ended_at = ${opts.at},
          ended_by = ${opts.by}
      where id = ${opts.planId}`;
    return { ok: true as const };
  });
}
