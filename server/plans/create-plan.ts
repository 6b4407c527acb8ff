// Makes a child protection plan for the child a case is about: the domain call of the initial child protection
// conference that decides a plan is needed. Its details, outcomes and actions are each the first version of their row.
import type { Sql } from "../../db/client";
import type { PlanCategory } from "../../common/forms/plan";
import { insertPlanAction, type PlanActionInput } from "./add-plan-action";
import { insertPlanOutcome } from "./add-plan-outcome";
import { inTransaction, ownerAgencyOf, refuse, type PlanRefusal } from "./plans";

export type NewPlan = {
  caseId: number;
  /** The day of the conference that made the plan. */
  startedOn: string;
  primaryCategory: PlanCategory;
  otherCategories: PlanCategory[];
  leadUserId: number;
  visits: string;
  seenAlone: string;
  outcomes: { wording: string; actions: PlanActionInput[] }[];
  by: number;
  at: Date;
};

export const createPlanRefusals = {
  noChild: "The case has no child recorded, so it cannot have a child protection plan",
  alreadyActive: "The child already has an active child protection plan: end it before a new one is made",
  lead: "The lead social worker must be a social worker working on this case",
  category: "The other categories must not repeat the primary category",
} as const;

export async function createPlan(sql: Sql, plan: NewPlan): Promise<{ ok: true; planId: number } | PlanRefusal> {
  if (plan.otherCategories.includes(plan.primaryCategory)) return refuse("form", createPlanRefusals.category);
  return inTransaction(sql, async (tx) => {
    const [child] = await tx<{ id: string }[]>`select id from case_people where case_id = ${plan.caseId} and is_subject`;
    if (!child) return refuse("form", createPlanRefusals.noChild);
    const [lead] = await tx`
      select 1 from case_members m join users u on u.id = m.user_id join agencies a on a.id = u.agency_id
      where m.case_id = ${plan.caseId} and m.user_id = ${plan.leadUserId} and m.removed_at is null
        and u.active and a.kind = 'social_care' and u.role <> 'administrator'`;
    if (!lead) return refuse("form", createPlanRefusals.lead);
    const [made] = await tx<{ id: string }[]>`
      insert into child_protection_plans (case_id, child_person_id, started_on, created_at, created_by)
      values (${plan.caseId}, ${child.id}, ${plan.startedOn}, ${plan.at}, ${plan.by})
      on conflict (child_person_id) where ended_on is null do nothing
      returning id`;
    if (!made) return refuse("form", createPlanRefusals.alreadyActive);
    const planId = Number(made.id);
    await tx`
      insert into child_protection_plan_details (plan_id, version, primary_category, other_categories, lead_user_id, visits,
                                                 seen_alone, recorded_at, recorded_by)
      values (${planId}, 1, ${plan.primaryCategory}, ${plan.otherCategories}, ${plan.leadUserId}, ${plan.visits},
              ${plan.seenAlone}, ${plan.at}, ${plan.by})`;
    for (const outcome of plan.outcomes) {
      const outcomeId = await insertPlanOutcome(tx, { planId, wording: outcome.wording, by: plan.by, at: plan.at });
      for (const action of outcome.actions) {
        const ownerAgencyId = await ownerAgencyOf(tx, plan.caseId, action.ownerUserId);
        // A refusal part-way undoes the whole plan: the transaction is given up by throwing.
        if (typeof ownerAgencyId !== "string") throw new PlanNotMade(ownerAgencyId);
        await insertPlanAction(tx, { ...action, planId, outcomeId, ownerAgencyId, by: plan.by, at: plan.at });
      }
    }
    return { ok: true as const, planId };
  }).catch((error: unknown) => {
    if (error instanceof PlanNotMade) return error.refusal;
    throw error;
  });
}

class PlanNotMade extends Error {
  constructor(readonly refusal: PlanRefusal) {
    super(refusal.message);
  }
}
