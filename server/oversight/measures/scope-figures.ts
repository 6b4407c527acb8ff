// What the front door's, strategy meetings' and scaling's measures share: the scope's months and its days as instants,
// shares and medians as the page shows them, and the names a drill-down needs (the case's child, the contact's first
// child), read set-based for many cases or contacts at once.
import type { Sql } from "../../../db/client";
import { addCalendarDays } from "../../../common/calendar-dates";
import { instantInEngland, todayInEngland } from "../../../common/forms/dates";
import { isWorkingDay, type Calendar } from "../../calendar/working-days";
import type { MonthPoint, OversightScope } from "../terms";

/** Every month (YYYY-MM) from the scope's first day's to its last day's, in order. */
export function scopeMonths(scope: OversightScope): string[] {
  const months: string[] = [];
  let [year, month] = scope.from.slice(0, 7).split("-").map(Number);
  const last = scope.to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** The scope's days as instants: from the first day's midnight in England up to (not including) the day after the last. */
export function scopeInstants(scope: OversightScope): { starts: Date; ends: Date } {
  return { starts: instantInEngland(scope.from, "00:00"), ends: instantInEngland(addCalendarDays(scope.to, 1), "00:00") };
}

/** A day in England (YYYY-MM-DD) of an instant. */
export const englandDate = (instant: Date): string => todayInEngland(instant);

/**
 * Working days between many pairs of dates among `dates`, as `workingDaysBetween` counts them (the working days after
 * `from` up to and including `to`), each day of the span looked up in the calendar once rather than once per pair.
 */
export function workingDaysCounter(calendar: Calendar, dates: readonly string[]): (from: string, to: string) => number {
  const sorted = [...new Set(dates)].sort();
  if (!sorted.length) return () => 0;
  const [first, last] = [sorted[0], sorted[sorted.length - 1]];
  // Working days after `first` up to and including each day of the span.
  const upTo = new Map<string, number>([[first, 0]]);
  let count = 0;
  for (let day = addCalendarDays(first, 1); day <= last; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(calendar, day)) count += 1;
    upTo.set(day, count);
  }
  return (from, to) => upTo.get(to)! - upTo.get(from)!;
}

/** A share as a percentage with one decimal, or null when there is nothing to take a share of. */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

/** The middle value (the mean of the two middle values of an even count), to one decimal; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.round(value * 10) / 10;
}

/** The mean to one decimal; null for none. */
export function mean(values: readonly number[]): number | null {
  if (!values.length) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;
}

/** A share per month over every month of the scope (null where the month has nothing to count). */
export function shareByMonth(scope: OversightScope, items: readonly { month: string; counts: boolean }[]): MonthPoint[] {
  const tally = new Map<string, { of: number; counted: number }>();
  for (const item of items) {
    const entry = tally.get(item.month) ?? { of: 0, counted: 0 };
    entry.of += 1;
    if (item.counts) entry.counted += 1;
    tally.set(item.month, entry);
  }
  return scopeMonths(scope).map((month) => {
    const entry = tally.get(month);
    return entry ? { month, value: percent(entry.counted, entry.of), of: entry.of } : { month, value: null, of: 0 };
  });
}

/** A value per month over every month of the scope, summarised by `summarise` (null where the month has none). */
export function valueByMonth(
  scope: OversightScope,
  items: readonly { month: string; value: number }[],
  summarise: (values: readonly number[]) => number | null,
): MonthPoint[] {
  const byMonth = new Map<string, number[]>();
  for (const item of items) {
    const values = byMonth.get(item.month);
    if (values) values.push(item.value);
    else byMonth.set(item.month, [item.value]);
  }
  return scopeMonths(scope).map((month) => {
    const values = byMonth.get(month) ?? [];
    return { month, value: summarise(values), of: values.length };
  });
}

/** The child each case is about (its subject, else its first child), by case id. */
export async function caseChildNames(sql: Sql, caseIds: readonly number[]): Promise<Map<number, string>> {
  if (!caseIds.length) return new Map();
  const rows = await sql<{ case_id: string; full_name: string }[]>`
    select distinct on (case_id) case_id, full_name from case_people
     where case_id = any(${[...new Set(caseIds)]}::bigint[]) and kind = 'child'
     order by case_id, is_subject desc, id`;
  return new Map(rows.map((row) => [Number(row.case_id), row.full_name]));
}

/** The first child on each contact, by contact id. */
export async function contactChildNames(sql: Sql, contactIds: readonly number[]): Promise<Map<number, string>> {
  if (!contactIds.length) return new Map();
  const rows = await sql<{ contact_id: string; full_name: string }[]>`
    select distinct on (contact_id) contact_id, full_name from contact_children
     where contact_id = any(${[...new Set(contactIds)]}::bigint[])
     order by contact_id, id`;
  return new Map(rows.map((row) => [Number(row.contact_id), row.full_name]));
}

/** Agencies' names by id, for tables whose rows are agencies. */
export async function agencyNames(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; name: string }[]>`select id, name from agencies`;
  return new Map(rows.map((row) => [row.id, row.name]));
}
