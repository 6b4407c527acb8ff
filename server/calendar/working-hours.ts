// Working hours in England, for clocks counted in hours rather than days (the front door's RAG clocks): the working
// day (09:00 to 17:00 unless configured) of every working day of working-days.ts, read on the wall clock in London.
//
// Instants stay `Date`s at the edges. Inside, an instant is read as a London calendar day (days since 1970-01-01, as
// working-days.ts counts them) and the milliseconds since that day's midnight on the wall clock. Working hours are
// wall-clock times of working days, and the clocks change only in the early hours of a Sunday, so a working day is
// always exactly its configured length and daylight saving moves nothing: 11:00 in London is 11:00 in March and in
// November, and an hour of working time is an hour.
import { isWorkingDay, type Calendar } from "./working-days";

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** The working day, as minutes after midnight on the wall clock in London (09:00 is 540). */
export type WorkingHours = {
  calendar: Calendar;
  startsAt: number;
  endsAt: number;
};

/** "09:00" → 540, or null for anything that is not a 24-hour time written HH:MM. */
export function minutesOfDayOrNull(time: unknown): number | null {
  if (typeof time !== "string") return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The working hours of a deployment: its calendar and its working day ("09:00" to "17:00" by default). */
export function createWorkingHours(calendar: Calendar, day: { starts?: string; ends?: string } = {}): WorkingHours {
  const startsAt = minutesOfDayOrNull(day.starts ?? "09:00");
  const endsAt = minutesOfDayOrNull(day.ends ?? "17:00");
  if (startsAt === null || endsAt === null || startsAt >= endsAt) {
    throw new Error(`A working day must start before it ends, each written HH:MM; got ${day.starts} to ${day.ends}`);
  }
  return { calendar, startsAt, endsAt };
}

/** The length of one working day in minutes (480 for 09:00 to 17:00). */
export const workingDayMinutes = (hours: WorkingHours) => hours.endsAt - hours.startsAt;

const london = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The wall clock in London at `instant` by the time zone database (slow: oversight asks it for thousands of clocks). */
function londonWallClockByFormat(instant: number): number {
  const parts = Object.fromEntries(london.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const ms = ((instant % 1000) + 1000) % 1000;
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + ms;
}

const MS_PER_HOUR = 3_600_000;
/** London's offset from UTC in each hour asked for. The clocks in London have only ever changed on a whole UTC hour. */
const offsetsByHour = new Map<number, number>();

/** The wall clock in London at `instant`, as if it were UTC: the milliseconds since 1970 of that local time. */
function londonWallClock(instant: number): number {
  const hour = Math.floor(instant / MS_PER_HOUR);
  let offset = offsetsByHour.get(hour);
  if (offset === undefined) {
    if (offsetsByHour.size > 200_000) offsetsByHour.clear();
    offset = londonWallClockByFormat(hour * MS_PER_HOUR) - hour * MS_PER_HOUR;
    offsetsByHour.set(hour, offset);
  }
  return instant + offset;
}

/** The London day an instant falls on and how far into it (wall-clock milliseconds since midnight). */
function londonDayAndTime(instant: number): { day: number; ms: number } {
  const local = londonWallClock(instant);
  const day = Math.floor(local / MS_PER_DAY);
  return { day, ms: local - day * MS_PER_DAY };
}

/**
 * The instant the wall clock in London shows `ms` into `day`. Working hours never fall in the hour the clocks skip or
 * repeat (01:00 on a Sunday), so there is exactly one.
 */
function londonInstant(day: number, ms: number): number {
  const local = day * MS_PER_DAY + ms;
  const offsetNear = (instant: number) => londonWallClock(instant) - instant;
  return local - offsetNear(local - offsetNear(local));
}

const isoDate = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const isWorkingDayNumber = (hours: WorkingHours, day: number) => isWorkingDay(hours.calendar, isoDate(day));

/** The London calendar date ("2026-05-22") of an instant. */
export function londonDate(instant: Date): string {
  return isoDate(londonDayAndTime(instant.getTime()).day);
}

/**
 * The first working moment at or after `instant`, as a London day and time: the instant itself within working hours;
 * the start of the day before it; the start of the next working day after it, at its end, or on a day off.
 */
function nextWorkingMoment(hours: WorkingHours, instant: number): { day: number; ms: number } {
  let { day, ms } = londonDayAndTime(instant);
  const starts = hours.startsAt * MS_PER_MINUTE;
  const ends = hours.endsAt * MS_PER_MINUTE;
  if (isWorkingDayNumber(hours, day) && ms < ends) return { day, ms: Math.max(ms, starts) };
  do day += 1;
  while (!isWorkingDayNumber(hours, day));
  return { day, ms: starts };
}

/** The first working moment at or after `instant`: when a contact received at 20:00, or on a Saturday, starts. */
export function startOfWorkingTime(hours: WorkingHours, instant: Date): Date {
  const { day, ms } = nextWorkingMoment(hours, instant.getTime());
  return new Date(londonInstant(day, ms));
}

/**
 * The instant `minutes` of working time after `from`. Counting starts at the first working moment at or after `from`,
 * and time that runs out exactly at the end of a working day ends there (17:00), not at the next day's start.
 */
export function addWorkingMinutes(hours: WorkingHours, from: Date, minutes: number): Date {
  if (!Number.isSafeInteger(minutes) || minutes < 0) {
    throw new Error(`minutes must be a whole number of working minutes, 0 or more; got ${minutes}`);
  }
  let { day, ms } = nextWorkingMoment(hours, from.getTime());
  const ends = hours.endsAt * MS_PER_MINUTE;
  let remaining = minutes * MS_PER_MINUTE;
  while (remaining > ends - ms) {
    remaining -= ends - ms;
    do day += 1;
    while (!isWorkingDayNumber(hours, day));
    ms = hours.startsAt * MS_PER_MINUTE;
  }
  return new Date(londonInstant(day, ms + remaining));
}

/** The instant `count` working hours after `from` (see addWorkingMinutes). */
export const addWorkingHours = (hours: WorkingHours, from: Date, count: number) => addWorkingMinutes(hours, from, count * 60);

/**
 * The working time from `from` to `to`, in milliseconds: only what falls within working hours counts, so from 16:00 on
 * a Friday to 10:00 on the Monday is two hours. Negative, by the same amount, when `to` is before `from`.
 */
export function workingMsBetween(hours: WorkingHours, from: Date, to: Date): number {
  const [first, last] = from <= to ? [from.getTime(), to.getTime()] : [to.getTime(), from.getTime()];
  const lastDay = londonDayAndTime(last).day;
  let total = 0;
  for (let day = londonDayAndTime(first).day; day <= lastDay; day++) {
    if (!isWorkingDayNumber(hours, day)) continue;
    const opens = Math.max(first, londonInstant(day, hours.startsAt * MS_PER_MINUTE));
    const closes = Math.min(last, londonInstant(day, hours.endsAt * MS_PER_MINUTE));
    if (closes > opens) total += closes - opens;
  }
  return from <= to ? total : -total;
}
