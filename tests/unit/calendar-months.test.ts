// Reviews count calendar months: a review "within 3 months" of a conference on 31 January is due by 30 April, and a
// wrong month end moves a child's review conference.
import { describe, expect, test } from "vitest";
import { addCalendarDays, addCalendarMonths } from "../../common/calendar-dates";

describe("calendar months", () => {
  test("31 January + 1 month is the last day of February: 28 in 2026, 29 in the leap year 2028", () => {
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2028-01-31", 1)).toBe("2028-02-29");
  });

  test("31 January + 3 months is 30 April", () => {
    expect(addCalendarMonths("2026-01-31", 3)).toBe("2026-04-30");
  });

  test("a day every month has stays the same day", () => {
    expect(addCalendarMonths("2026-11-12", 3)).toBe("2027-02-12");
    expect(addCalendarMonths("2026-01-28", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addCalendarMonths("2026-04-30", 1)).toBe("2026-05-30");
  });

  test("across the year end, and 6 months on from a month end", () => {
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-12-15", 3)).toBe("2027-03-15");
    expect(addCalendarMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addCalendarMonths("2027-08-31", 6)).toBe("2028-02-29");
  });

  test("leap years: 29 February + 12 months is 28 February; 30 November 2027 + 3 months is 29 February 2028", () => {
    expect(addCalendarMonths("2028-02-29", 12)).toBe("2029-02-28");
    expect(addCalendarMonths("2028-02-29", 48)).toBe("2032-02-29");
    expect(addCalendarMonths("2027-11-30", 3)).toBe("2028-02-29");
    // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
    expect(addCalendarMonths("2100-01-31", 1)).toBe("2100-02-28");
    expect(addCalendarMonths("2000-01-31", 1)).toBe("2000-02-29");
  });

  test("months back, and no months", () => {
    expect(addCalendarMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addCalendarMonths("2027-01-15", -2)).toBe("2026-11-15");
    expect(addCalendarMonths("2026-05-31", 0)).toBe("2026-05-31");
  });

  test("the local time zone does not move a day", () => {
    const original = process.env.TZ;
    try {
      for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles", "Europe/London"]) {
        process.env.TZ = zone;
        expect(addCalendarMonths("2026-01-31", 3), zone).toBe("2026-04-30");
        expect(addCalendarDays("2026-03-28", 1), zone).toBe("2026-03-29");
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  test.each(["2026-02-30", "2025-02-29", "2026-13-01", "2026-2-3", "", "2026-01-31T00:00:00Z"])("%j is refused as not a date", (date) => {
    expect(() => addCalendarMonths(date, 1)).toThrow(/not a real date written YYYY-MM-DD/);
    expect(() => addCalendarDays(date, 1)).toThrow(/not a real date written YYYY-MM-DD/);
  });

  test("a count must be a whole number", () => {
    expect(() => addCalendarMonths("2026-01-31", 1.5)).toThrow(/whole number/);
    expect(() => addCalendarDays("2026-01-31", Number.NaN)).toThrow(/whole number/);
  });
});

describe("calendar days", () => {
  test("counts weekends and bank holidays, across a month end and a leap day", () => {
    expect(addCalendarDays("2026-08-28", 3)).toBe("2026-08-31");
    expect(addCalendarDays("2026-08-31", 1)).toBe("2026-09-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-12-01", -7)).toBe("2026-11-24");
  });
});
