// What a conference's sign-off carries out, inside the sign-off's own transaction: the initial conference that
// decided a plan is needed makes it (the plan's own createPlan); the review that decided the plan ends ends it (its
// endPlan). Either refusing undoes the sign-off, which is then refused with the plan's own words.
import type { Sql } from "../../db/client";
import { createPlan } from "../plans/create-plan";
import { endPlan } from "../plans/end-plan";
import { getConferenceDecision } from "./conferences";
import type { Meeting } from "./meetings";

export class ConferenceNotCarriedOut extends Error {
  constructor(readonly problem: string) {
    super(problem);
  }
}

export const conferenceSignOffProblems = {
  noDecision: "Record the conference's decision before signing off",
} as const;

/** Carries out the decision; the plan the conference made or reviewed, if any. Throws ConferenceNotCarriedOut. */
export async function carryOutDecision(tx: Sql, meeting: Meeting, by: number, at: Date): Promise<{ planId: number | null }> {
  const decision = await getConferenceDecision(tx, meeting.id);
  if (!decision) throw new ConferenceNotCarriedOut(conferenceSignOffProblems.noDecision);
  if (meeting.kind === "initial_conference") {
    if (!decision.planNeeded || !decision.plan) return { planId: null };
    const { plan } = decision;
    const made = await createPlan(tx, {
      caseId: meeting.caseId,
      startedOn: meeting.heldOn,
      primaryCategory: plan.primaryCategory,
      otherCategories: plan.otherCategories,
      leadUserId: plan.leadUserId,
      visits: plan.visits,
      seenAlone: plan.seenAlone,
      outcomes: [],
      by,
      at,
    });
    if (!made.ok) throw new ConferenceNotCarriedOut(made.message);
    return { planId: made.planId };
  }
  if (decision.planNeeded || meeting.planId === null) return { planId: meeting.planId };
  const ended = await endPlan(tx, {
    caseId: meeting.caseId,
    planId: meeting.planId,
    endedOn: meeting.heldOn,
    reason: decision.reason,
    whatFollows: decision.whatFollows,
    by,
    at,
  });
  if (!ended.ok) throw new ConferenceNotCarriedOut(ended.message);
  return { planId: meeting.planId };
}
