// Calendar arithmetic for statutory timescales counted in months ("a review conference within 3 months of the
// initial conference") and in plain days. Dates are ISO calendar dates ("2026-04-02"), worked in UTC as in
// server/calendar/working-days.ts, so no time zone or daylight saving change can move a day.
// This module reads no bank holidays, so the browser's forms, the demo seed and the browser tests can import it.

const MS_PER_DAY = 86_400_000;

/** The day number (days since 1970-01-01) of a real YYYY-MM-DD date, or null. */
export function dayNumberOrNull(date: unknown): number | null {
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00Z`);
  // The round trip catches dates that Date.parse rolls over or that do not exist, like 2026-02-30.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return null;
  return ms / MS_PER_DAY;
}

function parts(date: string, name: string): { year: number; month: number; day: number } {
  if (dayNumberOrNull(date) === null) throw new Error(`${name} ${JSON.stringify(date)} is not a real date written YYYY-MM-DD`);
  const [year, month, day] = date.split("-").map(Number);
  return { year, month, day };
}

function wholeNumber(count: number, what: string): number {
  if (!Number.isSafeInteger(count)) throw new Error(`${what} must be a whole number; got ${count}`);
  return count;
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");

/**
 * The same day of the month `months` calendar months on (or back, when negative). A day the later month does not
 * have becomes its last day, as people count months: 31 January + 1 month is 28 February (29 in a leap year), and
 * 31 January + 3 months is 30 April.
 */
export function addCalendarMonths(date: string, months: number): string {
  const { year, month, day } = parts(date, "date");
  const monthIndex = year * 12 + (month - 1) + wholeNumber(months, "months");
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12; // 0–11
  const daysInMonth = new Date(Date.UTC(newYear, newMonth + 1, 0)).getUTCDate();
  return `${pad(newYear, 4)}-${pad(newMonth + 1, 2)}-${pad(Math.min(day, daysInMonth), 2)}`;
}

/** The date `days` calendar days on (or back, when negative), weekends and bank holidays included. */
export function addCalendarDays(date: string, days: number): string {
  const day = dayNumberOrNull(date);
  if (day === null) throw new Error(`date ${JSON.stringify(date)} is not a real date written YYYY-MM-DD`);
  return new Date((day + wholeNumber(days, "days")) * MS_PER_DAY).toISOString().slice(0, 10);
}
