// What a meeting's page shows of the conferences around it. On a conference: its clock (met or missed, with the
// reason), who may be named lead social worker or core group member, the agencies the core group needs, and where it
// leads (the plan; the next review). On a strategy meeting whose decision called for a conference: that conference, or
// the way to convene it.
import type { Sql } from "../../db/client";
import { clockView } from "../../common/statutory-clock";
import { formatDate } from "../../common/format";
import { isConference } from "../../common/meeting-kinds";
import { can, type Actor, type CaseFacts } from "../access/policy";
import { dueOn, statutoryRules } from "../calendar/statutory-clock";
import type { Calendar } from "../calendar/working-days";
import { getFrontSheet } from "../cases/get-front-sheet";
import { findPlan } from "../plans/find-plan";
import { listPlanOwners } from "../plans/plans";
import { conferenceClock, reviewOrigin } from "./conference-clocks";
import { findInitialConference } from "./conferences";
import { getDecisions, type Meeting } from "./meetings";

export async function readConferencePage(sql: Sql, calendar: Calendar, actor: Actor, { facts, meeting }: { facts: CaseFacts; meeting: Meeting }, today: string) {
  const mayConvene = can(actor, "convene:meeting", { type: "case", case: facts });
  if (!isConference(meeting.kind)) {
    const called = !!meeting.signedOffAt && !!(await getDecisions(sql, meeting.id))?.icpc;
    const held = called ? await findInitialConference(sql, meeting.id) : null;
    return {
      clock: null,
      decisionContext: null,
      initialConference: called ? { id: held?.id ?? null, mayConvene: !held && mayConvene } : null,
      plan: null,
      nextReview: null,
    };
  }
  const [clock, owners, sheet, plan] = await Promise.all([
    conferenceClock(sql, calendar, meeting, today),
    listPlanOwners(sql, facts.caseId),
    getFrontSheet(sql, facts.caseId),
    findPlan(sql, facts.caseId),
  ]);
  const socialCare = new Set((sheet?.agencies ?? []).filter((agency) => agency.kind === "social_care").map((agency) => agency.id));
  const partnership = new Set((sheet?.agencies ?? []).filter((agency) => agency.kind === "partnership").map((agency) => agency.id));
  const ourPlan = plan && plan.id === meeting.planId ? plan : null;
  const review = meeting.signedOffAt && ourPlan && !ourPlan.endedOn && mayConvene ? await reviewOrigin(sql, calendar, facts.caseId) : null;
  return {
    clock: clock ? { ...clockView(clock), explains: clock.explains } : null,
    decisionContext: {
      kind: meeting.kind,
      heldOn: meeting.heldOn,
      firstCoreGroupDue: meeting.kind === "initial_conference" ? firstCoreGroupDue(calendar, meeting.heldOn) : null,
      people: owners.map((owner) => ({ userId: owner.userId, agencyId: owner.agencyId, label: `${owner.fullName}, ${owner.jobTitle}`, agencyName: owner.agencyName })),
      leadUserIds: owners.filter((owner) => socialCare.has(owner.agencyId)).map((owner) => owner.userId),
      agencies: meeting.agencies.filter((agency) => !partnership.has(agency.id)).map(({ id, name }) => ({ id, name })),
    },
    initialConference: null,
    plan: ourPlan ? { endedOn: ourPlan.endedOn } : null,
    nextReview: review?.ok ? { dueOn: formatDate(review.due.dueOn) } : null,
  };
}

/**
 * The last day an initial conference's first core group may be held on: 10 working days from the conference. None for
 * a conference so near the end of the years whose bank holidays the portal knows that it cannot count them.
 */
function firstCoreGroupDue(calendar: Calendar, heldOn: string): { on: string; words: string } | null {
  try {
    const on = dueOn(calendar, heldOn, statutoryRules.firstCoreGroup);
    return { on, words: formatDate(on) };
  } catch {
    return null;
  }
}
