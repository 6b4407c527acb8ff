// Initial child protection conferences held within 15 working days of the strategy meeting or discussion that called
// for them (issue 13 item 1; decision 041). The clock is the conference page's own (statutoryClock with the
// initialConference rule), applied here over the conferences the database finds.
import { todayInEngland } from "../../../common/forms/dates";
import { statutoryClock, statutoryRules } from "../../calendar/statutory-clock";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { heldInTime, heldWords, onCasesOfTheAgency, rememberingCalendar, standsAt } from "./plan-figures";
import { caseChildNames, percent, shareByMonth } from "./scope-figures";

type Row = { id: string; case_id: string; held_on: string; strategy_on: string; late_reason: string; chair_agency_id: string };

/** The initial conferences held in the scope (on one of its days, not after today), each with its clock. */
async function conferences(context: MeasureContext, scope: OversightScope) {
  const { sql } = context;
  const calendar = rememberingCalendar(context.calendar);
  const until = standsAt(context, scope).day;
  const agency = scope.agencyId;
  const rows = await sql<Row[]>`
    select m.id, m.case_id, to_char(m.held_on, 'YYYY-MM-DD') as held_on, to_char(s.held_on, 'YYYY-MM-DD') as strategy_on,
           m.late_reason, chair.agency_id as chair_agency_id
      from meetings m
      join meetings s on s.id = m.from_meeting_id
      join users chair on chair.id = m.chair_user_id
     where m.kind = 'initial_conference' and m.held_on between ${scope.from}::date and ${until}::date
       and (${agency}::text is null or exists (select 1 from case_agencies ca where ca.case_id = m.case_id and ca.agency_id = ${agency}))
     order by m.held_on, m.id`;
  const today = todayInEngland(context.now);
  return rows.map((row) => {
    const clock = statutoryClock(calendar, {
      start: row.strategy_on,
      rule: statutoryRules.initialConference,
      today,
      happenedOn: row.held_on,
      reason: row.late_reason,
    });
    const reason = row.late_reason.trim();
    const key = heldInTime(clock) ? "in-time" : reason ? "late" : "late-no-reason";
    return { ...row, caseId: Number(row.case_id), clock, key, reason };
  });
}

const rowLabels: Record<string, string> = {
  "in-time": "Held within 15 working days",
  late: "Held late, with the reason recorded",
  "late-no-reason": "Held late, with no reason recorded",
};

const definition =
  "Of the initial child protection conferences held in these dates, the share held within 15 working days of the " +
  "strategy meeting or discussion that called for them (the strategy meeting's day is day 0; weekends and England " +
  "and Wales bank holidays are not working days). A conference counts on the day it was held; one arranged for a day " +
  "still to come does not count yet. A late conference's reason, as its chair recorded it, is shown in the list to " +
  `those who may read the case. For one agency: conferences on ${onCasesOfTheAgency}.`;

export const icpcInTime: MeasureModule = {
  id: "icpc-in-time",
  async read(context, scope) {
    const held = await conferences(context, scope);
    const inTime = held.filter((conference) => conference.key === "in-time").length;
    return {
      id: "icpc-in-time",
      group: "conferences-and-core-groups",
      title: "Initial child protection conferences within 15 working days",
      definition,
      headline: { value: percent(inTime, held.length), format: "percent", numerator: inTime, denominator: held.length },
      national: {
        value: 81,
        format: "percent",
        source: "Characteristics of children in need, England, year to 31 March 2025 (Department for Education)",
      },
      trend: {
        label: "Held within 15 working days, by month held",
        format: "percent",
        points: shareByMonth(scope, held.map((conference) => ({ month: conference.held_on.slice(0, 7), counts: conference.key === "in-time" }))),
      },
      table: {
        caption: "Initial child protection conferences held in these dates, in time and late",
        columns: [
          { key: "outcome", label: "Outcome", format: "text" },
          { key: "conferences", label: "Conferences", format: "count" },
          { key: "percent", label: "Share of conferences held (%)", format: "percent" },
        ],
        rows: Object.entries(rowLabels).map(([key, label]) => {
          const count = held.filter((conference) => conference.key === key).length;
          return { key, cells: { outcome: label, conferences: count, percent: percent(count, held.length) } };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const held = (await conferences(context, scope)).filter((conference) => rowKey === null || conference.key === rowKey);
    const names = await caseChildNames(context.sql, held.map((conference) => conference.caseId));
    return held.map(
      (conference): Counted => ({
        caseId: conference.caseId,
        contactId: null,
        childName: names.get(conference.caseId) ?? "",
        agencyId: conference.chair_agency_id,
        dates: [
          { label: "Strategy meeting", date: conference.strategy_on },
          { label: "Due by", date: conference.clock.dueOn },
          { label: "Held", date: conference.held_on },
        ],
        outcome: heldWords(conference.clock),
        ...(conference.key !== "in-time" && conference.reason ? { caseWords: conference.reason } : {}),
      }),
    );
  },
};
