// What the measures of conferences, core groups, actions and plans share (decision 041): the day a scope's figures
// stand at (its last day, or today if sooner), the last day of each of its months, and the words of a statutory clock
// as a drill-down reads them. The clocks themselves are the portal's own (server/calendar/statutory-clock.ts).
import { addCalendarDays, addCalendarMonths } from "../../../common/calendar-dates";
import { instantInEngland, todayInEngland } from "../../../common/forms/dates";
import { formatDate } from "../../../common/format";
import type { StatutoryClock } from "../../../common/statutory-clock";
import type { Sql } from "../../../db/client";
import type { Calendar } from "../../calendar/working-days";
import type { MeasureContext, OversightScope } from "../terms";
import { scopeMonths } from "./scope-figures";

/**
 * The day the scope's figures stand at: its last day, or today if that is sooner; and the instant that day ends in
 * England (what was recorded before it counts).
 */
export function standsAt(context: MeasureContext, scope: OversightScope): { day: string; ends: Date } {
  const today = todayInEngland(context.now);
  const day = scope.to < today ? scope.to : today;
  return { day, ends: instantInEngland(addCalendarDays(day, 1), "00:00") };
}

/** The last day of each of the scope's months (the last one: the day the figures stand at), by month. */
export function monthEnds(scope: OversightScope, standsAtDay: string): { month: string; day: string }[] {
  return scopeMonths(scope).map((month) => {
    const last = addCalendarDays(addCalendarMonths(`${month}-01`, 1), -1);
    return { month, day: last < standsAtDay ? last : standsAtDay };
  });
}

/**
 * The calendar for judging many clocks at once: the same days, each day's bank holiday looked up once (the clocks
 * of a year's conferences ask about the same few hundred days thousands of times).
 */
export function rememberingCalendar(calendar: Calendar): Calendar {
  const holidays = new Map<string, boolean>();
  return {
    isHoliday(date) {
      let holiday = holidays.get(date);
      if (holiday === undefined) holidays.set(date, (holiday = calendar.isHoliday(date)));
      return holiday;
    },
    holidayTitle: (date) => calendar.holidayTitle(date),
  };
}

const workingDays = (count: number) => `${count} working ${count === 1 ? "day" : "days"}`;

/** Whether a held event's clock was met: "met", or "missed" (statutoryClock on a day that has come). */
export const heldInTime = (clock: StatutoryClock) => clock.status === "met";

/** "Held in time (due by 5 March 2026)", "Held 2 working days late (due by 5 March 2026); reason recorded". */
export function heldWords(clock: StatutoryClock): string {
  const due = `due by ${formatDate(clock.dueOn)}`;
  if (clock.status === "met") return `Held in time (${due})`;
  if (clock.status === "missed") return `Held ${workingDays(clock.workingDaysLate)} late (${due}); ${clock.reason ? "reason recorded" : "no reason recorded"}`;
  return `Not yet held (${due})`;
}

/** Whole calendar months from `from` to `to` ("26 months"). */
export function monthsBetween(from: string, to: string): number {
  let months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
  if (addCalendarMonths(from, months) > to) months -= 1;
  return months;
}

export const monthsWords = (months: number) => `${months} ${months === 1 ? "month" : "months"}`;

/** One place for the case agency filter's words, so every definition says it the same way. */
export const onCasesOfTheAgency = "cases that agency is or has been on";

/**
 * Every plan with its details as they stood at `ends` (its first version where none was recorded by then): its
 * primary category and the agency of its lead social worker; with its child's name. One agency: plans on cases it is
 * or has been on.
 */
export function plansAsAt(sql: Sql, ends: Date, agency: string | null) {
  return sql`
    select p.id, p.case_id, p.child_person_id, p.started_on, p.ended_on, d.primary_category, lead.agency_id as lead_agency_id,
           child.full_name as child_name
      from child_protection_plans p
      join lateral (
        select d.primary_category, d.lead_user_id from child_protection_plan_details d
         where d.plan_id = p.id order by case when d.recorded_at < ${ends} then d.version else -d.version end desc limit 1
      ) d on true
      join users lead on lead.id = d.lead_user_id
      join case_people child on child.id = p.child_person_id
     where ${agency}::text is null or exists (select 1 from case_agencies ca where ca.case_id = p.case_id and ca.agency_id = ${agency})`;
}

/** Plans active on `day` (a plan ended that day is over). */
export const activeOn = (sql: Sql, day: string) => sql`started_on <= ${day}::date and (ended_on is null or ended_on > ${day}::date)`;
