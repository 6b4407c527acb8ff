// Every statutory clock of a child protection case, worked out one way: from the date it starts, a rule (N working
// days, or N calendar months), and the date the event happened (if it has) with the reason recorded when it was late,
// as of today in England.
import type { StatutoryClock } from "../../common/statutory-clock";
import { addCalendarMonths } from "../../common/calendar-dates";
import { addWorkingDays, workingDaysBetween, workingDaysLeft, type Calendar } from "./working-days";

export type ClockRule = { workingDays: number } | { calendarMonths: number };

/** The timescales of Working Together (DOMAIN.md "The work, in the order a case moves"). */
export const statutoryRules = {
  /** The initial child protection conference, from the strategy discussion that started the section 47 enquiry. */
  initialConference: { workingDays: 15 },
  /** The first core group, from the initial conference. */
  firstCoreGroup: { workingDays: 10 },
  /** The first review conference, from the initial conference. */
  firstReview: { calendarMonths: 3 },
  /** Every later review conference, from the one before. */
  laterReview: { calendarMonths: 6 },
} as const satisfies Record<string, ClockRule>;

/**
 * The last day the event may happen on: `start` is day 0, so "within 10 working days of the conference on D" is on or
 * before dueOn(D, 10 working days), and "within 3 months of D" on or before the same day 3 months on.
 */
export function dueOn(calendar: Calendar, start: string, rule: ClockRule): string {
  return "workingDays" in rule ? addWorkingDays(calendar, start, rule.workingDays) : addCalendarMonths(start, rule.calendarMonths);
}

/**
 * `happenedOn`: the day the event was held, or is arranged for; one still to come has not met its clock, it is
 * arranged in time or late.
 */
export function statutoryClock(
  calendar: Calendar,
  opts: { start: string; rule: ClockRule; today: string; happenedOn?: string | null; reason?: string | null },
): StatutoryClock {
  const due = dueOn(calendar, opts.start, opts.rule);
  const reason = opts.reason?.trim() || null;
  if (opts.happenedOn) {
    // Held on the Saturday after a Friday deadline holds no working day of lateness, yet it was late.
    const late = opts.happenedOn <= due ? 0 : Math.max(1, workingDaysBetween(calendar, due, opts.happenedOn));
    if (opts.happenedOn > opts.today) return { status: "arranged", dueOn: due, arrangedOn: opts.happenedOn, workingDaysLate: late, reason };
    if (!late) return { status: "met", dueOn: due, happenedOn: opts.happenedOn };
    return { status: "missed", dueOn: due, happenedOn: opts.happenedOn, workingDaysLate: late, reason };
  }
  const left = workingDaysLeft(calendar, opts.today, due);
  return left >= 0 ? { status: "due", dueOn: due, workingDaysLeft: left } : { status: "overdue", dueOn: due, workingDaysOverdue: -left, reason };
}

/**
 * The clock of the next review conference: within 3 months of the initial conference, then within 6 months of the
 * review before.
 */
export function reviewClock(
  calendar: Calendar,
  opts: { initialConferenceOn: string; lastReviewOn: string | null; today: string; happenedOn?: string | null; reason?: string | null },
): StatutoryClock {
  const { initialConferenceOn, lastReviewOn, ...rest } = opts;
  return lastReviewOn
    ? statutoryClock(calendar, { ...rest, start: lastReviewOn, rule: statutoryRules.laterReview })
    : statutoryClock(calendar, { ...rest, start: initialConferenceOn, rule: statutoryRules.firstReview });
}
