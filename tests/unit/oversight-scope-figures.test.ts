// What the front door's and meetings' measures share (decision 040): the scope's months, shares and medians as the
// page shows them, and working days counted for many pairs at once exactly as the statutory clocks count them.
import { describe, expect, test } from "vitest";
import { addCalendarDays } from "../../common/calendar-dates";
import { createCalendar, workingDaysBetween } from "../../server/calendar/working-days";
import { median, percent, scopeInstants, scopeMonths, workingDaysCounter } from "../../server/oversight/measures/scope-figures";

const calendar = createCalendar();

describe("the scope", () => {
  test("every month from the first day's to the last day's, across a new year", () => {
    expect(scopeMonths({ from: "2025-11-30", to: "2026-02-01", agencyId: null })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(scopeMonths({ from: "2026-03-05", to: "2026-03-06", agencyId: null })).toEqual(["2026-03"]);
  });

  test("its days are England's: midnight in London, in summer time an hour before UTC's", () => {
    expect(scopeInstants({ from: "2026-06-01", to: "2026-06-30", agencyId: null })).toEqual({
      starts: new Date("2026-05-31T23:00:00Z"),
      ends: new Date("2026-06-30T23:00:00Z"),
    });
  });
});

test("shares to one decimal, none of nothing; medians of an even count are the mean of the middle two", () => {
  expect(percent(2, 3)).toBe(66.7);
  expect(percent(1, 8)).toBe(12.5);
  expect(percent(0, 0)).toBeNull();
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([5, 1, 3])).toBe(3);
  expect(median([])).toBeNull();
});

test("working days for many pairs agree with the calendar's own count, over Christmas and the late May bank holiday", () => {
  const days = Array.from({ length: 60 }, (_, i) => addCalendarDays("2025-12-15", i)).concat(Array.from({ length: 20 }, (_, i) => addCalendarDays("2026-05-18", i)));
  const between = workingDaysCounter(calendar, days);
  for (const from of days) for (const to of days) if (from <= to) expect(between(from, to)).toBe(workingDaysBetween(calendar, from, to));
  expect(between("2025-12-24", "2025-12-30")).toBe(2);
  expect(between("2026-05-22", "2026-05-26")).toBe(1);
});
