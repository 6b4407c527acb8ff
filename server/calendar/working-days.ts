// Working-day arithmetic for statutory timescales: Monday to Friday, less England and Wales bank holidays.
//
// Dates are ISO calendar dates ("2026-04-02") and stay strings at the edges; inside, a date is a whole
// number of days since 1970-01-01 in UTC, so no local time zone or daylight saving change can shift a day.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import shippedFile from "./bank-holidays-england-and-wales.json";
import { dayNumberOrNull } from "../../common/calendar-dates";

export type Calendar = {
  isHoliday(date: string): boolean;
  holidayTitle(date: string): string | null;
};

export type Holiday = { date: string; title: string };

/** Thrown when a count reaches a date whose bank holidays the portal does not know. */
export class OutsideCoveredYearsError extends Error {}

const MS_PER_DAY = 86_400_000;
const SHIPPED_FILE = "server/calendar/bank-holidays-england-and-wales.json";

function dayNumber(date: string, name: string): number {
  const day = dayNumberOrNull(date);
  if (day === null) throw new Error(`${name} ${JSON.stringify(date)} is not a real date written YYYY-MM-DD`);
  return day;
}

function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

const holidayEntry = z.object({
  date: z
    .string("must be a date written YYYY-MM-DD")
    .refine((date) => dayNumberOrNull(date) !== null, "must be a real date written YYYY-MM-DD"),
  title: z.string("must be text").trim().min(1, "must not be empty"),
});

const holidayFileShape = z.object({
  // A file for another part of the UK is a mistake, not an extension: Scotland's bank holidays differ.
  division: z.literal("england-and-wales", 'must be "england-and-wales"').optional(),
  source: z.string("must be text").optional(),
  dates: z.array(z.unknown(), "must be a list of { date, title }"),
});

/** Validates bank holidays one entry at a time, so an error can name the entry that is wrong. */
function parseHolidays(entries: unknown[], where: string): Holiday[] {
  return entries.map((entry, index) => {
    const result = holidayEntry.safeParse(entry);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = issue.path.length ? `${issue.path.join(".")} ` : "";
    throw new Error(
      `${where}: entry ${index + 1} of ${entries.length}, ${JSON.stringify(entry)}: ${field}${issue.message}`,
    );
  });
}

/** Reads a file of bank holidays: the shipped file's shape, or a plain list of { date, title }. */
function parseHolidayFile(json: unknown, where: string): Holiday[] {
  if (Array.isArray(json)) return parseHolidays(json, where);
  const result = holidayFileShape.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? `${issue.path.join(".")} ` : "";
    throw new Error(`${where}: ${field}${issue.message} (expected { "dates": [{ "date", "title" }] } or a list of { date, title })`);
  }
  return parseHolidays(result.data.dates, where);
}

const shippedHolidays = parseHolidayFile(shippedFile, SHIPPED_FILE);
const shippedYears = shippedHolidays.map((holiday) => Number(holiday.date.slice(0, 4)));

/** The years whose bank holidays ship with the portal; counting outside them throws. */
export const coveredYears: { readonly first: number; readonly last: number } = Object.freeze({
  first: Math.min(...shippedYears),
  last: Math.max(...shippedYears),
});

const firstCoveredDay = dayNumber(`${coveredYears.first}-01-01`, "first covered day");
const lastCoveredDay = dayNumber(`${coveredYears.last}-12-31`, "last covered day");

/** The shipped bank holidays plus a deployment's own (an extra bank holiday, a local closure). */
export function createCalendar(extra: Holiday[] = []): Calendar {
  const titles = new Map<string, string>();
  for (const holiday of [...shippedHolidays, ...parseHolidays(extra, "Extra holiday")]) {
    // A deployment file that repeats a shipped date is harmless; the first title stands.
    if (!titles.has(holiday.date)) titles.set(holiday.date, holiday.title);
  }
  return {
    isHoliday(date) {
      dayNumber(date, "date");
      return titles.has(date);
    },
    holidayTitle(date) {
      dayNumber(date, "date");
      return titles.get(date) ?? null;
    },
  };
}

/** The calendar for this deployment: the shipped bank holidays plus those in BANK_HOLIDAYS_FILE, if set. */
export function loadCalendar(env: Record<string, string | undefined> = process.env): Calendar {
  const setting = env.BANK_HOLIDAYS_FILE?.trim();
  if (!setting) return createCalendar();
  const path = resolve(setting);
  const where = `BANK_HOLIDAYS_FILE ${path}`;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`${where}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: is not JSON (${(error as Error).message})`);
  }
  return createCalendar(parseHolidayFile(json, where));
}

/** Whether a day is a working day; throws outside the covered years rather than guess. */
function isWorkingDayNumber(calendar: Calendar, day: number): boolean {
  if (day < firstCoveredDay || day > lastCoveredDay) {
    const date = isoDate(day);
    throw new OutsideCoveredYearsError(
      `Cannot count working days on ${date}: the portal knows England and Wales bank holidays for ` +
        `${coveredYears.first} to ${coveredYears.last} only. Extend the bank holidays in ${SHIPPED_FILE} ` +
        `with ${date.slice(0, 4)}'s dates from https://www.gov.uk/bank-holidays.`,
    );
  }
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !calendar.isHoliday(isoDate(day));
}

export function isWorkingDay(calendar: Calendar, date: string): boolean {
  return isWorkingDayNumber(calendar, dayNumber(date, "date"));
}

/**
 * The date `days` working days after `from`. `from` is day 0 whether or not it is a working day,
 * so "within 15 working days of the strategy discussion on D" means held on or before
 * addWorkingDays(calendar, D, 15); with days > 0 the answer is always a working day.
 */
export function addWorkingDays(calendar: Calendar, from: string, days: number): string {
  let day = dayNumber(from, "from");
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new Error(`days must be a whole number of working days, 0 or more; got ${days}`);
  }
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (isWorkingDayNumber(calendar, day)) counted += 1;
  }
  return isoDate(day);
}

/**
 * The working days after `from` up to and including `to`, so that
 * workingDaysBetween(D, addWorkingDays(D, n)) is n. When `to` is before `from` the answer is
 * minus the count the other way round, so swapping the dates only flips the sign.
 */
export function workingDaysBetween(calendar: Calendar, from: string, to: string): number {
  const fromDay = dayNumber(from, "from");
  const toDay = dayNumber(to, "to");
  const [first, last] = fromDay <= toDay ? [fromDay, toDay] : [toDay, fromDay];
  let count = 0;
  for (let day = first + 1; day <= last; day++) {
    if (isWorkingDayNumber(calendar, day)) count += 1;
  }
  if (count === 0) return 0;
  return fromDay <= toDay ? count : -count;
}

/**
 * Working days left until `due`: 0 on the due day, negative once it has passed. The weekend after a
 * Friday deadline holds no working day, yet the deadline has passed, so any day after `due` is at most -1.
 */
export function workingDaysLeft(calendar: Calendar, today: string, due: string): number {
  const left = workingDaysBetween(calendar, today, due);
  if (dayNumber(today, "today") > dayNumber(due, "due")) return Math.min(left, -1);
  return left;
}
