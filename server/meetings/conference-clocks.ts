// Where a conference comes from and the clock it runs against: an initial conference from the signed-off strategy
// meeting whose decision called for it (15 working days from that meeting); a review from the case's active plan
// (3 calendar months from the initial conference, then at most 6 from the review before). A conference held after
// its clock's due date needs its reason recorded; the clock then says "missed", with the reason.
import type { Sql } from "../../db/client";
import type { StatutoryClock } from "../../common/statutory-clock";
import { dueOn, statutoryClock, statutoryRules, type ClockRule } from "../calendar/statutory-clock";
import type { Calendar } from "../calendar/working-days";
import { findPlan } from "../plans/find-plan";
import { findInitialConference, listPlanConferences } from "./conferences";
import { getDecisions, getMeeting, type Meeting } from "./meetings";

/** A clock's start and rule, with the day it falls due and the words that explain it. */
export type ConferenceDue = { start: string; rule: ClockRule; dueOn: string; explains: string };

export const conferenceRefusals = {
  notStrategy: "An initial child protection conference is convened from a strategy meeting or discussion",
  notSignedOff: "Sign off the strategy meeting before convening the conference it called for",
  notCalledFor: "This strategy meeting did not decide to convene an initial child protection conference",
  alreadyConvened: "The initial child protection conference for this strategy meeting has already been convened",
  noPlan: "A review conference reviews the child's active child protection plan, and this case has none",
  openReview: "A review conference for this plan is already convened and not yet signed off",
} as const;

function due(calendar: Calendar, start: string, rule: ClockRule, explains: string): ConferenceDue {
  return { start, rule, dueOn: dueOn(calendar, start, rule), explains };
}

/** The strategy meeting an initial conference is convened from, and the conference's clock; or why it cannot be. */
export async function initialConferenceOrigin(
  sql: Sql,
  calendar: Calendar,
  caseId: number,
  strategyMeetingId: number,
): Promise<{ ok: true; meeting: Meeting; due: ConferenceDue } | { ok: false; problem: string }> {
  const meeting = await getMeeting(sql, caseId, strategyMeetingId);
  if (!meeting || (meeting.kind !== "meeting" && meeting.kind !== "discussion")) return { ok: false, problem: conferenceRefusals.notStrategy };
  if (!meeting.signedOffAt) return { ok: false, problem: conferenceRefusals.notSignedOff };
  if (!(await getDecisions(sql, meeting.id))?.icpc) return { ok: false, problem: conferenceRefusals.notCalledFor };
  if (await findInitialConference(sql, meeting.id)) return { ok: false, problem: conferenceRefusals.alreadyConvened };
  return { ok: true, meeting, due: due(calendar, meeting.heldOn, statutoryRules.initialConference, "15 working days from the strategy meeting") };
}

/** The dates a plan's review clock counts from: its initial conference, and its latest signed-off review before `before`. */
async function reviewStart(sql: Sql, plan: { id: number; startedOn: string }, before?: { id: number; heldOn: string }) {
  const conferences = await listPlanConferences(sql, plan.id);
  const initial = conferences.find((c) => c.kind === "initial_conference")?.heldOn ?? plan.startedOn;
  const reviews = conferences.filter(
    (c) => c.kind === "review_conference" && c.signedOff && (!before || (c.id !== before.id && c.heldOn <= before.heldOn)),
  );
  const openReview = conferences.find((c) => c.kind === "review_conference" && !c.signedOff);
  return { initial, lastReview: reviews.at(-1)?.heldOn ?? null, openReviewId: openReview?.id ?? null };
}

function reviewDue(calendar: Calendar, { initial, lastReview }: { initial: string; lastReview: string | null }): ConferenceDue {
  return lastReview
    ? due(calendar, lastReview, statutoryRules.laterReview, "at most 6 months from the review before")
    : due(calendar, initial, statutoryRules.firstReview, "3 months from the initial conference");
}

/** The plan a review conference is convened from, and the review's clock; or why it cannot be. */
export async function reviewOrigin(
  sql: Sql,
  calendar: Calendar,
  caseId: number,
): Promise<{ ok: true; planId: number; due: ConferenceDue } | { ok: false; problem: string }> {
  const plan = await findPlan(sql, caseId);
  if (!plan || plan.endedOn) return { ok: false, problem: conferenceRefusals.noPlan };
  const start = await reviewStart(sql, plan);
  if (start.openReviewId) return { ok: false, problem: conferenceRefusals.openReview };
  return { ok: true, planId: plan.id, due: reviewDue(calendar, start) };
}

/**
 * The plan's review conference as its page shows it: the review convened and not yet signed off, with that review's
 * own clock; or, when none is, the clock of the next review as of today.
 */
export async function planReview(
  sql: Sql,
  calendar: Calendar,
  plan: { id: number; caseId: number; startedOn: string },
  today: string,
): Promise<{ convened: Meeting | null; clock: StatutoryClock & { explains: string } }> {
  const start = await reviewStart(sql, plan);
  const convened = start.openReviewId ? await getMeeting(sql, plan.caseId, start.openReviewId) : null;
  const convenedClock = convened ? await conferenceClock(sql, calendar, convened, today) : null;
  if (convened && convenedClock) return { convened, clock: convenedClock };
  const next = reviewDue(calendar, start);
  return { convened: null, clock: { ...statutoryClock(calendar, { start: next.start, rule: next.rule, today }), explains: next.explains } };
}

/** A conference's own clock, judged by the day it is held, with the reason recorded when it is late. */
export async function conferenceClock(sql: Sql, calendar: Calendar, meeting: Meeting, today: string): Promise<(StatutoryClock & { explains: string }) | null> {
  let clockDue: ConferenceDue | null = null;
  if (meeting.kind === "initial_conference" && meeting.fromMeetingId) {
    const from = await getMeeting(sql, meeting.caseId, meeting.fromMeetingId);
    if (from) clockDue = due(calendar, from.heldOn, statutoryRules.initialConference, "15 working days from the strategy meeting");
  }
  if (meeting.kind === "review_conference" && meeting.planId) {
    const [plan] = await sql<{ startedOn: string }[]>`select to_char(started_on, 'YYYY-MM-DD') as "startedOn" from child_protection_plans where id = ${meeting.planId}`;
    if (plan) clockDue = reviewDue(calendar, await reviewStart(sql, { id: meeting.planId, startedOn: plan.startedOn }, meeting));
  }
  if (!clockDue) return null;
  const clock = statutoryClock(calendar, { start: clockDue.start, rule: clockDue.rule, today, happenedOn: meeting.heldOn, reason: meeting.lateReason });
  return { ...clock, explains: clockDue.explains };
}
