// The clock of every core group of a plan, one way (server/calendar/statutory-clock.ts): the first within 10 working
// days of the conference that made the plan (the plan's start), each later one within the plan's interval of the one
// before. A core group whose day has come has met its clock or missed it (with the reason recorded when it was
// scheduled); one arranged for a day still to come is arranged in time or late; the next, not yet arranged, is due
// in N working days, or overdue.
import type { Sql } from "../../db/client";
import type { StatutoryClock } from "../../common/statutory-clock";
import { dueOn, statutoryClock, statutoryRules, type ClockRule } from "../calendar/statutory-clock";
import type { Calendar } from "../calendar/working-days";
import { holdActivePlan, inTransaction, planRefusals } from "../plans/plans";
import type { CoreGroupSummary } from "./core-groups";

/**
 * The interval a plan's core groups meet at after the first when the plan has not set its own: 30 working days, about
 * every six weeks, the partnership's default (DOMAIN.md: "then regularly").
 */
export const DEFAULT_CORE_GROUP_INTERVAL = 30;

export type PlanInterval = { workingDays: number; setBy: string | null; setAt: Date | null };

/** The plan's interval as it stands: the latest version, or the default. */
export async function getCoreGroupInterval(sql: Sql, planId: number): Promise<PlanInterval> {
  const [row] = await sql<{ workingDays: number; setBy: string; setAt: Date }[]>`
    select i.working_days as "workingDays", u.full_name as "setBy", i.recorded_at as "setAt"
    from plan_core_group_intervals i join users u on u.id = i.recorded_by
    where i.plan_id = ${planId} order by i.version desc limit 1`;
  return row ? { ...row, workingDays: Number(row.workingDays) } : { workingDays: DEFAULT_CORE_GROUP_INTERVAL, setBy: null, setAt: null };
}

/** A new version of the plan's interval, attributed; the same interval again is no change. */
export async function setCoreGroupInterval(
  sql: Sql,
  opts: { caseId: number; planId: number; workingDays: number; by: number; at: Date },
): Promise<{ ok: true; changed: boolean } | { ok: false; message: string }> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, opts.planId, opts.caseId))) return { ok: false as const, message: planRefusals.ended };
    if ((await getCoreGroupInterval(tx, opts.planId)).workingDays === opts.workingDays) return { ok: true as const, changed: false };
    await tx`
      insert into plan_core_group_intervals (plan_id, version, working_days, recorded_at, recorded_by)
      select ${opts.planId}, coalesce(max(version), 0) + 1, ${opts.workingDays}, ${opts.at}, ${opts.by}
      from plan_core_group_intervals where plan_id = ${opts.planId}`;
    return { ok: true as const, changed: true };
  });
}

/** What the clock of the core group after `previous` (none: the first) starts from, and its rule. */
function clockStart(planStartedOn: string, previous: Pick<CoreGroupSummary, "heldOn"> | undefined, interval: number): { start: string; rule: ClockRule } {
  return previous ? { start: previous.heldOn, rule: { workingDays: interval } } : { start: planStartedOn, rule: statutoryRules.firstCoreGroup };
}

/** The last day the core group after `previous` may be held on. */
export function nextDueOn(calendar: Calendar, planStartedOn: string, previous: Pick<CoreGroupSummary, "heldOn"> | undefined, interval: number): string {
  const { start, rule } = clockStart(planStartedOn, previous, interval);
  return dueOn(calendar, start, rule);
}

/**
 * Each core group's clock, by id, and the clock of the next one not yet scheduled. `coreGroups` in the order they are
 * held (listPlanCoreGroups).
 */
export function coreGroupClocks(
  calendar: Calendar,
  opts: { planStartedOn: string; interval: number; coreGroups: readonly CoreGroupSummary[]; today: string },
): { byId: Map<number, StatutoryClock>; next: StatutoryClock } {
  const { planStartedOn, interval, coreGroups, today } = opts;
  const byId = new Map<number, StatutoryClock>();
  coreGroups.forEach((group, index) => {
    const { start, rule } = clockStart(planStartedOn, coreGroups[index - 1], interval);
    byId.set(group.id, statutoryClock(calendar, { start, rule, today, happenedOn: group.heldOn, reason: group.lateReason }));
  });
  const { start, rule } = clockStart(planStartedOn, coreGroups.at(-1), interval);
  return { byId, next: statutoryClock(calendar, { start, rule, today }) };
}
