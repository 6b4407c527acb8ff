// Statutory timescales count working days in England: a wrong bank holiday moves a child protection deadline.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import shippedFile from "../../server/calendar/bank-holidays-england-and-wales.json";
import { addWorkingDays, coveredYears, createCalendar, isWorkingDay, loadCalendar, OutsideCoveredYearsError, workingDaysBetween, workingDaysLeft } from "../../server/calendar/working-days";

const calendar = createCalendar();
const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), worked out independently of the data. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(Date.UTC(year, month - 1, day));
}

function shiftDays(date: string, days: number): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + days * DAY);
}

const shippedYears: number[] = [];
for (let year = coveredYears.first; year <= coveredYears.last; year++) shippedYears.push(year);

function holidaysIn(year: number) {
  return shippedFile.dates.filter((holiday) => holiday.date.startsWith(`${year}-`));
}

describe("weekends", () => {
  test("Friday + 1 working day is Monday", () => {
    expect(addWorkingDays(calendar, "2026-03-13", 1)).toBe("2026-03-16");
  });

  test("a week of working days from a Monday ends the next Monday", () => {
    expect(addWorkingDays(calendar, "2026-03-09", 5)).toBe("2026-03-16");
  });

  test("the starting day is day 0, even on a weekend", () => {
    expect(addWorkingDays(calendar, "2026-03-14", 0)).toBe("2026-03-14");
    expect(addWorkingDays(calendar, "2026-03-14", 1)).toBe("2026-03-16");
    expect(addWorkingDays(calendar, "2026-03-15", 1)).toBe("2026-03-16");
  });

  test("Saturday and Sunday are not working days; weekdays are", () => {
    expect(isWorkingDay(calendar, "2026-03-14")).toBe(false);
    expect(isWorkingDay(calendar, "2026-03-15")).toBe(false);
    expect(isWorkingDay(calendar, "2026-03-16")).toBe(true);
  });
});

describe("bank holidays", () => {
  test("an ICPC due 15 working days after a strategy discussion on Thu 2 Apr 2026 skips Good Friday and Easter Monday", () => {
    expect(isWorkingDay(calendar, "2026-04-03")).toBe(false);
    expect(isWorkingDay(calendar, "2026-04-06")).toBe(false);
    // Without Easter the answer would be Thu 23 Apr.
    expect(addWorkingDays(calendar, "2026-04-02", 15)).toBe("2026-04-27");
  });

  test("a core group due 10 working days after an ICPC on Fri 22 May 2026 skips the Spring bank holiday", () => {
    expect(addWorkingDays(calendar, "2026-05-22", 10)).toBe("2026-06-08");
  });

  test("Mon 21 Dec 2026 + 15 skips Christmas Day, the Boxing Day substitute and New Year's Day", () => {
    expect(addWorkingDays(calendar, "2026-12-21", 15)).toBe("2027-01-14");
  });

  test("Tue 23 Dec 2025 + 5 skips Christmas Day, Boxing Day and New Year's Day", () => {
    expect(addWorkingDays(calendar, "2025-12-23", 5)).toBe("2026-01-02");
  });

  test("substitute days are holidays", () => {
    expect(isWorkingDay(calendar, "2026-12-28")).toBe(false);
    expect(calendar.holidayTitle("2026-12-28")).toBe("Boxing Day (substitute day)");
    expect(isWorkingDay(calendar, "2027-12-27")).toBe(false);
    expect(calendar.holidayTitle("2027-12-27")).toBe("Christmas Day (substitute day)");
    expect(isWorkingDay(calendar, "2027-12-28")).toBe(false);
    expect(calendar.holidayTitle("2027-12-28")).toBe("Boxing Day (substitute day)");
    expect(isWorkingDay(calendar, "2028-01-03")).toBe(false);
    expect(calendar.holidayTitle("2028-01-03")).toBe("New Year’s Day (substitute day)");
  });

  test("an ordinary weekday has no holiday title", () => {
    expect(calendar.isHoliday("2026-03-16")).toBe(false);
    expect(calendar.holidayTitle("2026-03-16")).toBeNull();
  });
});

describe("the shipped bank holidays", () => {
  test("cover 2024 to 2030 for England and Wales", () => {
    expect(coveredYears).toEqual({ first: 2024, last: 2030 });
    expect(shippedFile.division).toBe("england-and-wales");
  });

  test("Good Friday and Easter Monday match the Easter algorithm in every year", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    for (const year of shippedYears) {
      const titled = (title: string) => holidaysIn(year).filter((holiday) => holiday.title === title);
      expect(titled("Good Friday").map((holiday) => holiday.date), `${year}`).toEqual([shiftDays(easterSunday(year), -2)]);
      expect(titled("Easter Monday").map((holiday) => holiday.date), `${year}`).toEqual([shiftDays(easterSunday(year), 1)]);
    }
  });

  test("each year has exactly 8, all on weekdays, sorted, with no duplicates", () => {
    for (const year of shippedYears) {
      const dates = holidaysIn(year).map((holiday) => holiday.date);
      expect(dates, `${year}`).toHaveLength(8);
      for (const date of dates) expect([1, 2, 3, 4, 5], date).toContain(weekday(date));
    }
    const all = shippedFile.dates.map((holiday) => holiday.date);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(8 * shippedYears.length);
  });

  test("every year follows the usual pattern of fixed and moveable days", () => {
    const firstMonday = (year: number, month: number) => {
      let date = `${year}-${String(month).padStart(2, "0")}-01`;
      while (weekday(date) !== 1) date = shiftDays(date, 1);
      return date;
    };
    const lastMonday = (year: number, month: number) => shiftDays(firstMonday(year, month + 1), -7);
    const substitute = (date: string) => (weekday(date) === 6 ? 2 : weekday(date) === 0 ? 1 : 0);
    for (const year of shippedYears) {
      const newYear = `${year}-01-01`;
      const christmas = `${year}-12-25`;
      const christmasAndBoxingDay =
        weekday(christmas) === 6
          ? [shiftDays(christmas, 2), shiftDays(christmas, 3)]
          : weekday(christmas) === 0
            ? [shiftDays(christmas, 1), shiftDays(christmas, 2)]
            : weekday(christmas) === 5
              ? [christmas, shiftDays(christmas, 3)]
              : [christmas, shiftDays(christmas, 1)];
      const expected = [
        shiftDays(newYear, substitute(newYear)),
        shiftDays(easterSunday(year), -2),
        shiftDays(easterSunday(year), 1),
        firstMonday(year, 5),
        lastMonday(year, 5),
        lastMonday(year, 8),
        ...christmasAndBoxingDay,
      ].sort();
      expect(holidaysIn(year).map((holiday) => holiday.date), `${year}`).toEqual(expected);
    }
  });

  test("match the dates checked by hand for 2024 to 2027", () => {
    const byHand = {
      2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
      2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
      2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
      2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
    };
    for (const [year, days] of Object.entries(byHand)) {
      expect(holidaysIn(Number(year)).map((holiday) => holiday.date)).toEqual(days.map((day) => `${year}-${day}`));
    }
  });
});

describe("a deployment's own holidays", () => {
  const directory = mkdtempSync(join(tmpdir(), "working-days-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  function fileHolding(name: string, content: string): string {
    const path = join(directory, name);
    writeFileSync(path, content);
    return path;
  }

  test("createCalendar honours extra dates and keeps the shipped ones", () => {
    const local = createCalendar([{ date: "2026-03-16", title: "Council closure" }]);
    expect(local.holidayTitle("2026-03-16")).toBe("Council closure");
    expect(local.isHoliday("2026-04-03")).toBe(true);
    expect(addWorkingDays(local, "2026-03-13", 1)).toBe("2026-03-17");
    // The shipped calendar is untouched.
    expect(addWorkingDays(calendar, "2026-03-13", 1)).toBe("2026-03-16");
  });

  test("createCalendar rejects an impossible extra date, naming it", () => {
    expect(() => createCalendar([{ date: "2026-02-30", title: "Closure" }])).toThrow(/2026-02-30.*real date/);
    expect(() => createCalendar([{ date: "2026-03-16", title: " " }])).toThrow(/title must not be empty/);
  });

  test("without BANK_HOLIDAYS_FILE the calendar is the shipped one", () => {
    expect(loadCalendar({}).isHoliday("2026-03-16")).toBe(false);
    expect(loadCalendar({ BANK_HOLIDAYS_FILE: "" }).isHoliday("2026-04-03")).toBe(true);
  });

  test("BANK_HOLIDAYS_FILE in the shipped file's shape adds its dates", () => {
    const path = fileHolding(
      "shaped.json",
      JSON.stringify({
        division: "england-and-wales",
        source: "Proclamation, 2026",
        dates: [{ date: "2026-06-15", title: "Extra bank holiday" }],
      }),
    );
    const local = loadCalendar({ BANK_HOLIDAYS_FILE: path });
    expect(local.holidayTitle("2026-06-15")).toBe("Extra bank holiday");
    expect(local.isHoliday("2026-12-25")).toBe(true);
    expect(addWorkingDays(local, "2026-06-12", 1)).toBe("2026-06-16");
  });

  test("BANK_HOLIDAYS_FILE as a plain list adds its dates", () => {
    const path = fileHolding("list.json", JSON.stringify([{ date: "2026-03-16", title: "Council closure" }]));
    expect(isWorkingDay(loadCalendar({ BANK_HOLIDAYS_FILE: path }), "2026-03-16")).toBe(false);
  });

  test("an invalid entry is named, with the file", () => {
    const path = fileHolding(
      "bad-entry.json",
      JSON.stringify([
        { date: "2026-03-16", title: "Council closure" },
        { date: "2026-02-30", title: "Closure" },
      ]),
    );
    expect(() => loadCalendar({ BANK_HOLIDAYS_FILE: path })).toThrow(
      `BANK_HOLIDAYS_FILE ${path}: entry 2 of 2, {"date":"2026-02-30","title":"Closure"}: date must be a real date written YYYY-MM-DD`,
    );
  });

  test("a file that is not JSON, not readable or for another division is refused, naming the file", () => {
    const notJson = fileHolding("not-json.json", "2026-03-16 Council closure");
    expect(() => loadCalendar({ BANK_HOLIDAYS_FILE: notJson })).toThrow(`BANK_HOLIDAYS_FILE ${notJson}: is not JSON`);
    const missing = join(directory, "missing.json");
    expect(() => loadCalendar({ BANK_HOLIDAYS_FILE: missing })).toThrow(`BANK_HOLIDAYS_FILE ${missing}: cannot be read (ENOENT)`);
    const scotland = fileHolding("scotland.json", JSON.stringify({ division: "scotland", dates: [] }));
    expect(() => loadCalendar({ BANK_HOLIDAYS_FILE: scotland })).toThrow(/scotland\.json: division must be "england-and-wales"/);
    const wrongShape = fileHolding("events.json", JSON.stringify({ events: [] }));
    expect(() => loadCalendar({ BANK_HOLIDAYS_FILE: wrongShape })).toThrow(/events\.json: dates must be a list/);
  });
});

describe("counting between dates", () => {
  test("workingDaysLeft is positive before the due day, 0 on it and negative after", () => {
    // Due Fri 13 Mar 2026.
    expect(workingDaysLeft(calendar, "2026-03-07", "2026-03-13")).toBe(5);
    expect(workingDaysLeft(calendar, "2026-03-11", "2026-03-13")).toBe(2);
    expect(workingDaysLeft(calendar, "2026-03-13", "2026-03-13")).toBe(0);
    expect(workingDaysLeft(calendar, "2026-03-16", "2026-03-13")).toBe(-1);
    expect(workingDaysLeft(calendar, "2026-03-17", "2026-03-13")).toBe(-2);
  });

  test("the weekend after a Friday deadline is already overdue", () => {
    expect(workingDaysLeft(calendar, "2026-03-14", "2026-03-13")).toBe(-1);
    expect(workingDaysLeft(calendar, "2026-03-15", "2026-03-13")).toBe(-1);
  });

  test("workingDaysBetween undoes addWorkingDays", () => {
    for (const days of [0, 1, 5, 15, 40]) {
      expect(workingDaysBetween(calendar, "2026-12-19", addWorkingDays(calendar, "2026-12-19", days))).toBe(days);
    }
  });

  test("workingDaysBetween flips sign when the dates swap", () => {
    const pairs = [
      ["2026-04-02", "2026-04-27"],
      ["2026-12-21", "2027-01-14"],
      ["2026-03-13", "2026-03-15"],
      ["2026-03-14", "2026-03-16"],
      ["2026-03-16", "2026-03-16"],
    ];
    for (const [from, to] of pairs) {
      expect(workingDaysBetween(calendar, to, from)).toBe(-workingDaysBetween(calendar, from, to) || 0);
    }
    expect(workingDaysBetween(calendar, "2026-04-02", "2026-04-27")).toBe(15);
    expect(workingDaysBetween(calendar, "2026-04-27", "2026-04-02")).toBe(-15);
    expect(Object.is(workingDaysBetween(calendar, "2026-03-15", "2026-03-14"), 0)).toBe(true);
  });

  test("the local time zone does not move a day", () => {
    const original = process.env.TZ;
    try {
      for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles", "Europe/London"]) {
        process.env.TZ = zone;
        expect(addWorkingDays(calendar, "2026-03-27", 1), zone).toBe("2026-03-30");
        expect(isWorkingDay(calendar, "2026-03-29"), zone).toBe(false);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe("refusals", () => {
  test.each(["2026-02-30", "2025-02-29", "2026-13-01", "2026-2-3", "26-01-01", "2026-01-01T00:00:00Z", "", " 2026-01-01"])(
    "%j is not a date",
    (date) => {
      expect(() => addWorkingDays(calendar, date, 1)).toThrow(/not a real date written YYYY-MM-DD/);
      expect(() => isWorkingDay(calendar, date)).toThrow(/not a real date/);
      expect(() => workingDaysBetween(calendar, "2026-03-16", date)).toThrow(/not a real date/);
      expect(() => workingDaysLeft(calendar, date, "2026-03-16")).toThrow(/not a real date/);
      expect(() => calendar.isHoliday(date)).toThrow(/not a real date/);
    },
  );

  test("29 February counts in a leap year", () => {
    expect(addWorkingDays(calendar, "2028-02-28", 1)).toBe("2028-02-29");
  });

  test("a count of days must be a whole number, 0 or more", () => {
    expect(() => addWorkingDays(calendar, "2026-03-16", -1)).toThrow(/whole number/);
    expect(() => addWorkingDays(calendar, "2026-03-16", 1.5)).toThrow(/whole number/);
    expect(() => addWorkingDays(calendar, "2026-03-16", Number.NaN)).toThrow(/whole number/);
  });

  test("counting past the last covered year tells the deployment to extend the bank holidays", () => {
    expect(addWorkingDays(calendar, "2030-12-30", 1)).toBe("2030-12-31");
    expect(() => addWorkingDays(calendar, "2030-12-20", 15)).toThrow(OutsideCoveredYearsError);
    expect(() => addWorkingDays(calendar, "2030-12-20", 15)).toThrow(
      "Cannot count working days on 2031-01-01: the portal knows England and Wales bank holidays for 2024 to 2030 only. " +
        "Extend the bank holidays in server/calendar/bank-holidays-england-and-wales.json with 2031's dates from https://www.gov.uk/bank-holidays.",
    );
    expect(() => workingDaysLeft(calendar, "2030-12-01", "2031-01-10")).toThrow(OutsideCoveredYearsError);
    expect(() => isWorkingDay(calendar, "2031-01-01")).toThrow(OutsideCoveredYearsError);
  });

  test("counting before the first covered year is refused too", () => {
    expect(() => workingDaysBetween(calendar, "2023-12-20", "2024-01-05")).toThrow(/2023-12-21.*2024 to 2030/);
  });
});
