// Scheduling a plan's next core group: what the page offers (the people on the case by agency, the agencies the plan
// needs, the clock the core group must meet, the plan's interval), and the checks before it is made: at least one
// member from each agency on the plan, only people on the case, a date the clock counts, and the reason when it is
// later than its clock allows.
import type { Sql } from "../../db/client";
import { formatDate } from "../../common/format";
import { lateReasonMissing } from "../../common/forms/core-groups";
import { instantInEngland, todayInEngland } from "../../common/forms/dates";
import { coveredYears, type Calendar } from "../calendar/working-days";
import { listPlanOwners, ownerOption } from "../plans/plans";
import { readPlan, type PlanView } from "../plans/read-plan";
import { clockView } from "../../common/statutory-clock";
import { coreGroupClocks, getCoreGroupInterval, nextDueOn } from "./core-group-clock";
import { getCoreGroup, listPlanCoreGroups, scheduleCoreGroup, type MeetingHow } from "./core-groups";
import { getConferenceDecision, listPlanConferences } from "../meetings/conferences";

/** The agencies a core group must have a member from: each that owns an action of the plan, and the lead's. */
function agenciesOnPlan(plan: PlanView, owners: { userId: number; agencyId: string; agencyName: string }[]) {
  const agencies = new Map<string, string>();
  const lead = owners.find((owner) => owner.userId === plan.leadUserId);
  if (lead) agencies.set(lead.agencyId, lead.agencyName);
  for (const action of plan.outcomes.flatMap((outcome) => outcome.actions)) agencies.set(action.ownerAgencyId, action.ownerAgencyName);
  return [...agencies].map(([id, name]) => ({ id, name }));
}

/**
 * The first core group as the initial conference that made the plan decided it: its date, its members, and why it is
 * later than its clock allows (null when in time).
 */
async function firstCoreGroupDecided(sql: Sql, planId: number): Promise<{ on: string; memberUserIds: number[]; lateReason: string | null } | null> {
  const initial = (await listPlanConferences(sql, planId)).find((conference) => conference.kind === "initial_conference");
  const decision = initial ? await getConferenceDecision(sql, initial.id) : null;
  if (!decision?.planNeeded || !decision.plan) return null;
  const { firstCoreGroupOn, coreGroupUserIds, firstCoreGroupLateReason } = decision.plan;
  return { on: firstCoreGroupOn, memberUserIds: coreGroupUserIds, lateReason: firstCoreGroupLateReason || null };
}

/** What the scheduling page shows, for the case's active plan. */
export async function readScheduling(sql: Sql, calendar: Calendar, caseId: number, today: string) {
  const plan = await readPlan(sql, caseId);
  if (!plan || plan.ended) return null;
  const [owners, groups, interval] = await Promise.all([listPlanOwners(sql, caseId), listPlanCoreGroups(sql, plan.id), getCoreGroupInterval(sql, plan.id)]);
  const clocks = coreGroupClocks(calendar, { planStartedOn: plan.startedOn, interval: interval.workingDays, coreGroups: groups, today });
  return {
    /** For the first core group, what the conference decided, which the form starts from. */
    decided: groups.length === 0 ? await firstCoreGroupDecided(sql, plan.id) : null,
    /** For a later one, the members of the one before, whom the form starts from. */
    lastMemberUserIds: groups.length ? ((await getCoreGroup(sql, caseId, groups.at(-1)!.id))?.members.map((member) => member.userId) ?? null) : null,
    plan,
    owners,
    people: owners.map((owner) => ({ ...ownerOption(owner), agencyId: owner.agencyId, isLead: owner.userId === plan.leadUserId })),
    agenciesNeeded: agenciesOnPlan(plan, owners),
    groups,
    interval,
    next: { ...clockView(clocks.next), first: groups.length === 0 },
  };
}

export type Scheduling = NonNullable<Awaited<ReturnType<typeof readScheduling>>>;

export type ScheduleRequest = { heldOn: string; heldTime: string; how: MeetingHow; lateReason: string | null; memberUserIds: number[] };

/** Schedules the core group, or says what is wrong, field by field. */
export async function scheduleNextCoreGroup(
  sql: Sql,
  calendar: Calendar,
  scheduling: Scheduling,
  request: ScheduleRequest & { caseId: number; by: number; at: Date },
): Promise<{ ok: true; id: number } | { ok: false; errors: Record<string, string> }> {
  const { plan, owners, groups, interval } = scheduling;
  const errors: Record<string, string> = {};
  const members = new Set([request.by, ...request.memberUserIds]);
  const memberAgencies = new Set(owners.filter((owner) => members.has(owner.userId)).map((owner) => owner.agencyId));
  const missing = scheduling.agenciesNeeded.filter((agency) => !memberAgencies.has(agency.id));
  if (request.memberUserIds.some((userId) => !owners.some((owner) => owner.userId === userId))) errors.memberUserIds = "Choose only people working on this case";
  else if (missing.length)
    errors.memberUserIds = `Choose at least one person from ${missing.map((agency) => agency.name).join(" and ")}: every agency on the plan is part of the core group`;
  const year = Number(request.heldOn.slice(0, 4));
  const last = groups.at(-1);
  const dueOn = () => nextDueOn(calendar, plan.startedOn, last, interval.workingDays);
  if (year < coveredYears.first || year > coveredYears.last)
    errors.heldOnDay = `Date must be in ${coveredYears.first} to ${coveredYears.last}, the years whose bank holidays the portal knows`;
  else if (request.heldOn < plan.startedOn) errors.heldOnDay = `Date must be on or after ${formatDate(plan.startedOn)}, the day the plan started`;
  // A core group is arranged before it meets: one dated in the past would count as held, and move every later clock.
  else if (request.heldOn < todayInEngland(request.at)) errors.heldOnDay = "Date must be today or in the future: a core group is scheduled before it meets";
  else if (last && request.heldOn < last.heldOn) errors.heldOnDay = `Date must be on or after ${formatDate(last.heldOn)}, the plan's latest core group`;
  else if (request.heldOn > dueOn() && !request.lateReason) errors.lateReason = lateReasonMissing(formatDate(dueOn()));
  if (Object.keys(errors).length) return { ok: false, errors };
  const made = await scheduleCoreGroup(sql, {
    caseId: request.caseId,
    planId: plan.id,
    heldAt: instantInEngland(request.heldOn, request.heldTime),
    heldOn: request.heldOn,
    how: request.how,
    // In time, a reason (the conference's, carried over and left in the form) goes with the lateness.
    lateReason: request.heldOn > dueOn() ? request.lateReason : null,
    memberUserIds: [...members],
    by: request.by,
    at: request.at,
  });
  return made.ok ? made : { ok: false, errors: { [made.field]: made.message } };
}
