// What the oversight pages are asked for, read from the address (issue 13): a date range and, for partnership
// managers, one agency or all. The filter form sends each date as the GOV.UK date input's three boxes; the pages'
// own links carry `from`/`to` as ISO dates. Anything wrong comes back as one message per field, and no figures.
import { z } from "zod";
import { addCalendarMonths, dayNumberOrNull } from "../../common/calendar-dates";
import { datePartsProblem, todayInEngland } from "../../common/forms/dates";
import type { FieldErrors } from "../../common/forms/form-errors";
import type { Sql } from "../../db/client";
import type { OversightScope } from "./terms";

export type AgencyChoice = { id: string; name: string };

/** The agencies whose part can be asked for: every agency of the partnership but the partnership's own office. */
export async function listOversightAgencies(sql: Sql): Promise<AgencyChoice[]> {
  return [...(await sql<AgencyChoice[]>`select id, name from agencies where kind <> 'partnership' order by name`)];
}

/** The range shown when none is asked for: the 12 months to today, from the first day of the month 11 months ago. */
export function defaultRange(today: string): { from: string; to: string } {
  return { from: `${addCalendarMonths(today, -11).slice(0, 7)}-01`, to: today };
}

/** The longest range asked for at once: a trend of 120 months is already more than a page can show well. */
export const MAX_YEARS = 10;

const param = z.string().max(100).optional();
const rawScope = z.object({
  from: param,
  to: param,
  fromDay: param,
  fromMonth: param,
  fromYear: param,
  toDay: param,
  toMonth: param,
  toYear: param,
  agency: param,
});

/** What the filter form shows again: each box as it was sent (or as the scope reads). */
export type ScopeValues = Record<string, string>;

export type ScopeAnswer =
  | { ok: true; scope: OversightScope; values: ScopeValues; query: string }
  | { ok: false; errors: FieldErrors; values: ScopeValues };

const boxes = (date: string) => {
  const [year, month, day] = date.split("-");
  return { Day: String(Number(day)), Month: String(Number(month)), Year: year };
};

/**
 * The scope the address asks for. `forcedAgencyId`: an agency's manager, who sees only their own agency's part
 * (the caller refuses any other agency before this). `agencies`: those that may be asked for.
 */
export function parseScope(search: URLSearchParams, opts: { now: Date; agencies: AgencyChoice[]; forcedAgencyId: string | null }): ScopeAnswer {
  const entries: Record<string, string> = {};
  for (const [key, value] of search) if (!(key in entries)) entries[key] = value.trim();
  const today = todayInEngland(opts.now);
  const fallback = defaultRange(today);
  const errors: FieldErrors = {};
  const parsed = rawScope.safeParse(entries);
  if (!parsed.success) return { ok: false, errors: { form: "The address asks for something the filter cannot show" }, values: {} };
  const raw = parsed.data;

  const readDate = (prefix: "from" | "to", label: string): string | null => {
    const parts = { day: raw[`${prefix}Day`] ?? "", month: raw[`${prefix}Month`] ?? "", year: raw[`${prefix}Year`] ?? "" };
    const typed = parts.day !== "" || parts.month !== "" || parts.year !== "";
    if (typed) {
      const problem = datePartsProblem(label, parts, { required: true, example: prefix === "from" ? "1 4 2026" : "31 3 2027" });
      if (problem) {
        errors[`${prefix}Day`] = problem;
        return null;
      }
      return `${parts.year}-${parts.month.padStart(2, "0")}-${parts.day.padStart(2, "0")}`;
    }
    const iso = raw[prefix];
    if (iso === undefined || iso === "") return fallback[prefix];
    if (dayNumberOrNull(iso) === null || iso < "1900-01-01") {
      errors[`${prefix}Day`] = `${label} must be a real date, like ${prefix === "from" ? "1 4 2026" : "31 3 2027"}`;
      return null;
    }
    return iso;
  };
  const from = readDate("from", "Start date");
  const to = readDate("to", "End date");
  if (to !== null && to > today) errors.toDay = "End date must be today or in the past";
  else if (from !== null && to !== null && to < from) errors.toDay = "End date must be the same as or after the start date";
  else if (from !== null && to !== null && from < addCalendarMonths(to, -12 * MAX_YEARS))
    errors.fromDay = `Start date must be no more than ${MAX_YEARS} years before the end date`;

  const asked = raw.agency ?? "";
  let agencyId: string | null = opts.forcedAgencyId;
  if (opts.forcedAgencyId === null && asked !== "") {
    if (opts.agencies.some((agency) => agency.id === asked)) agencyId = asked;
    else errors.agency = "Select an agency from the list, or all agencies";
  }

  const values: ScopeValues = {};
  for (const [prefix, date] of [["from", from], ["to", to]] as const) {
    const shown = raw[`${prefix}Day`] !== undefined || raw[`${prefix}Month`] !== undefined || raw[`${prefix}Year`] !== undefined;
    const parts = shown || date === null ? { Day: raw[`${prefix}Day`] ?? "", Month: raw[`${prefix}Month`] ?? "", Year: raw[`${prefix}Year`] ?? "" } : boxes(date);
    for (const [key, value] of Object.entries(parts)) values[`${prefix}${key}`] = value;
  }
  values.agency = opts.forcedAgencyId === null ? asked : opts.forcedAgencyId;

  if (Object.keys(errors).length || from === null || to === null) return { ok: false, errors, values };
  const scope: OversightScope = { from, to, agencyId };
  return { ok: true, scope, values, query: scopeQuery(scope, opts.forcedAgencyId !== null) };
}

/** The scope as the pages' own links carry it (an agency's manager's own agency goes without saying). */
export function scopeQuery(scope: OversightScope, agencyForced = false): string {
  const params = new URLSearchParams({ from: scope.from, to: scope.to });
  if (scope.agencyId && !agencyForced) params.set("agency", scope.agencyId);
  return params.toString();
}
