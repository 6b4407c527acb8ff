// The first core group of each plan held within 10 working days of the conference that made the plan (issue 13 item 1;
// decision 041). The clock is the core group page's own (statutoryClock with the firstCoreGroup rule, counted from
// the plan's start, the day of that conference), applied here over the core groups the database finds.
import { todayInEngland } from "../../../common/forms/dates";
import { statutoryClock, statutoryRules } from "../../calendar/statutory-clock";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { heldInTime, heldWords, onCasesOfTheAgency, rememberingCalendar, standsAt } from "./plan-figures";
import { percent, shareByMonth } from "./scope-figures";

type Row = { id: string; case_id: string; held_on: string; started_on: string; late_reason: string | null; child_name: string; lead_agency_id: string };

/** The plans whose first core group was held in the scope, each with that core group's clock. */
async function firstCoreGroups(context: MeasureContext, scope: OversightScope) {
  const { sql } = context;
  const calendar = rememberingCalendar(context.calendar);
  const until = standsAt(context, scope).day;
  const agency = scope.agencyId;
  const rows = await sql<Row[]>`
    select g.id, g.case_id, to_char(g.held_on, 'YYYY-MM-DD') as held_on, to_char(p.started_on, 'YYYY-MM-DD') as started_on,
           g.late_reason, child.full_name as child_name, lead.agency_id as lead_agency_id
      from core_groups g
      join child_protection_plans p on p.id = g.plan_id
      join case_people child on child.id = p.child_person_id
      join lateral (select d.lead_user_id from child_protection_plan_details d where d.plan_id = p.id order by d.version desc limit 1) d on true
      join users lead on lead.id = d.lead_user_id
     where g.held_on between ${scope.from}::date and ${until}::date
       and not exists (select 1 from core_groups e where e.plan_id = g.plan_id and (e.held_on, e.id) < (g.held_on, g.id))
       and (${agency}::text is null or exists (select 1 from case_agencies ca where ca.case_id = g.case_id and ca.agency_id = ${agency}))
     order by g.held_on, g.id`;
  const today = todayInEngland(context.now);
  return rows.map((row) => {
    const clock = statutoryClock(calendar, { start: row.started_on, rule: statutoryRules.firstCoreGroup, today, happenedOn: row.held_on, reason: row.late_reason });
    return { ...row, caseId: Number(row.case_id), clock, key: heldInTime(clock) ? "in-time" : "late", reason: row.late_reason?.trim() ?? "" };
  });
}

const rowLabels: Record<string, string> = { "in-time": "Held within 10 working days", late: "Held late" };

const definition =
  "Of the plans whose first core group was held in these dates, the share whose first core group was held within 10 " +
  "working days of the conference that made the plan (the conference's day is day 0; weekends and England and Wales " +
  "bank holidays are not working days). A core group counts on the day it was held; one arranged for a day still to " +
  `come does not count yet. For one agency: plans on ${onCasesOfTheAgency}.`;

export const firstCoreGroupInTime: MeasureModule = {
  id: "first-core-group-in-time",
  async read(context, scope) {
    const held = await firstCoreGroups(context, scope);
    const inTime = held.filter((group) => group.key === "in-time").length;
    return {
      id: "first-core-group-in-time",
      group: "conferences-and-core-groups",
      title: "First core groups within 10 working days",
      definition,
      headline: { value: percent(inTime, held.length), format: "percent", numerator: inTime, denominator: held.length },
      trend: {
        label: "First core groups held within 10 working days, by month held",
        format: "percent",
        points: shareByMonth(scope, held.map((group) => ({ month: group.held_on.slice(0, 7), counts: group.key === "in-time" }))),
      },
      table: {
        caption: "First core groups held in these dates, in time and late",
        columns: [
          { key: "outcome", label: "Outcome", format: "text" },
          { key: "coreGroups", label: "First core groups", format: "count" },
          { key: "percent", label: "Share of first core groups held (%)", format: "percent" },
        ],
        rows: Object.entries(rowLabels).map(([key, label]) => {
          const count = held.filter((group) => group.key === key).length;
          return { key, cells: { outcome: label, coreGroups: count, percent: percent(count, held.length) } };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const held = (await firstCoreGroups(context, scope)).filter((group) => rowKey === null || group.key === rowKey);
    return held.map(
      (group): Counted => ({
        caseId: group.caseId,
        contactId: null,
        childName: group.child_name,
        agencyId: group.lead_agency_id,
        dates: [
          { label: "Plan started", date: group.started_on },
          { label: "Due by", date: group.clock.dueOn },
          { label: "Held", date: group.held_on },
        ],
        outcome: heldWords(group.clock),
        ...(group.key === "late" && group.reason ? { caseWords: group.reason } : {}),
      }),
    );
  },
};
