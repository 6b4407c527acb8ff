// Every measure of the partnership's work on /oversight, in the order the page shows them. A measure is one module
// in ./measures/ (its SQL, its definition, its trend and table, and what it counts); add one here to show it.
import type { Measure, MeasureContext, MeasureModule, OversightScope } from "./terms";
import { contactsInTime } from "./measures/contacts-in-time";
import { reReferrals } from "./measures/re-referrals";
import { strategyAttendance } from "./measures/strategy-attendance";
import { strategyScaled } from "./measures/strategy-scaled";
import { contactToStrategy } from "./measures/contact-to-strategy";
import { scalingSpread } from "./measures/scaling-spread";
import { icpcInTime } from "./measures/icpc-in-time";
import { firstCoreGroupInTime } from "./measures/first-core-group-in-time";
import { reviewsInTime } from "./measures/reviews-in-time";
import { coreGroupAttendance } from "./measures/core-group-attendance";
import { actionsOverdue } from "./measures/actions-overdue";
import { actionsOnTime } from "./measures/actions-on-time";
import { actionsWithoutDate } from "./measures/actions-without-date";
import { childrenOnPlan } from "./measures/children-on-plan";
import { plansTwoYears } from "./measures/plans-two-years";
import { secondPlans } from "./measures/second-plans";

export const measureModules: readonly MeasureModule[] = [
  // The front door and strategy meetings (decision 040).
  contactsInTime,
  reReferrals,
  strategyAttendance,
  strategyScaled,
  contactToStrategy,
  // Conferences and core groups, actions, and plans (decision 041).
  icpcInTime,
  firstCoreGroupInTime,
  reviewsInTime,
  coreGroupAttendance,
  actionsOverdue,
  actionsOnTime,
  actionsWithoutDate,
  childrenOnPlan,
  plansTwoYears,
  secondPlans,
  // Scaling (decision 040).
  scalingSpread,
];

export function findMeasure(id: string): MeasureModule | undefined {
  return measureModules.find((measure) => measure.id === id);
}

/** Every measure for the scope, one after another (they share one database connection pool). */
export async function readMeasures(context: MeasureContext, scope: OversightScope): Promise<Measure[]> {
  const measures: Measure[] = [];
  for (const module of measureModules) measures.push(await module.read(context, scope));
  return measures;
}
