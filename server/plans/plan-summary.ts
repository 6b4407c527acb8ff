// What the front sheet shows of the child's plan, the things an inspector checks first: whether there is a plan and
// since when, its category, the lead social worker, the next core group and the next review with their clocks, and
// how many actions are overdue, by the agency that owns them.
import type { Sql } from "../../db/client";
import { formatDate, formatDateTime } from "../../common/format";
import { planCategoryNames, whatFollowsPlanNames } from "../../common/forms/plan";
import { clockView } from "../../common/statutory-clock";
import type { Calendar } from "../calendar/working-days";
import { coreGroupClocks, getCoreGroupInterval } from "../core-groups/core-group-clock";
import { listPlanCoreGroups } from "../core-groups/core-groups";
import { planReview } from "../meetings/conference-clocks";
import { listOpenActions } from "./open-actions";
import { readPlan } from "./read-plan";

export async function readPlanSummary(sql: Sql, calendar: Calendar, caseId: number, today: string) {
  const plan = await readPlan(sql, caseId);
  if (!plan) return null;
  const about = {
    startedOn: formatDate(plan.startedOn),
    category: planCategoryNames[plan.primaryCategory],
    otherCategories: plan.otherCategories.map((category) => planCategoryNames[category]),
    lead: `${plan.leadName} (${plan.leadAgencyName})`,
  };
  if (plan.ended)
    return { ...about, ended: { on: formatDate(plan.ended.on), whatFollows: whatFollowsPlanNames[plan.ended.whatFollows] }, active: null };

  const [groups, interval, review, open] = await Promise.all([
    listPlanCoreGroups(sql, plan.id),
    getCoreGroupInterval(sql, plan.id),
    planReview(sql, calendar, { id: plan.id, caseId, startedOn: plan.startedOn }, today),
    listOpenActions(sql, { planId: plan.id }),
  ]);
  const clocks = coreGroupClocks(calendar, { planStartedOn: plan.startedOn, interval: interval.workingDays, coreGroups: groups, today });
  // The next core group is the one already arranged for today or later; if none is, the one still to be arranged.
  const arranged = groups.find((group) => group.heldOn >= today);
  const overdue = new Map<string, number>();
  for (const action of open) if (action.dueOn < today) overdue.set(action.ownerAgencyName, (overdue.get(action.ownerAgencyName) ?? 0) + 1);
  return {
    ...about,
    ended: null,
    active: {
      nextCoreGroup: arranged
        ? { id: arranged.id, heldAt: formatDateTime(arranged.heldAt), clock: clockView(clocks.byId.get(arranged.id)!) }
        : { id: null, heldAt: null, clock: clockView(clocks.next) },
      nextReview: review.convened
        ? { id: review.convened.id, heldAt: formatDateTime(review.convened.heldAt), clock: clockView(review.clock) }
        : { id: null, heldAt: null, clock: clockView(review.clock) },
      openActions: open.length,
      overdueByAgency: [...overdue].map(([agencyName, count]) => ({ agencyName, count })).sort((a, b) => a.agencyName.localeCompare(b.agencyName)),
    },
  };
}

export type PlanSummary = NonNullable<Awaited<ReturnType<typeof readPlanSummary>>>;
