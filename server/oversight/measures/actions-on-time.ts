// Plan actions done on or before their date (issue 13 item 1; decision 041): of the actions said "done" at a core
// group held in the scope (and still done at its end), the share done on or before the date the action carried then.
import { formatDate } from "../../../common/format";
import type { Sql } from "../../../db/client";
import type { Counted, MeasureModule, OversightScope } from "../terms";
import { standsAt } from "./plan-figures";
import { agencyNames, percent, scopeMonths } from "./scope-figures";

/**
 * Each action first said "done" (after any progress that was not) at a core group held on `from`..`day`, and not said
 * otherwise before `ends`; with the day of that core group and the date the action carried when it was said done.
 */
function doneActions(sql: Sql, scope: OversightScope, day: string, ends: Date) {
  const agency = scope.agencyId;
  // The core groups of the scope first (materialised), so only their progress is looked into.
  return sql`
    with said as materialized (
      select d.id, d.action_id, d.plan_id, d.recorded_at, g.case_id, g.held_on
        from core_groups g join core_group_progress d on d.core_group_id = g.id
       where g.held_on between ${scope.from}::date and ${day}::date and d.status = 'done' and d.recorded_at < ${ends}
    )
    select d.action_id, d.case_id, p.child_person_id, d.held_on as done_on, v.owner_agency_id, v.due_on
      from said d
      join child_protection_plans p on p.id = d.plan_id
      join lateral (
        select v.owner_agency_id, v.due_on from plan_action_versions v where v.action_id = d.action_id
         order by case when v.recorded_at <= d.recorded_at then v.version else -v.version end desc limit 1
      ) v on true
     where coalesce((select b.status from core_group_progress b where b.action_id = d.action_id and b.id < d.id order by b.id desc limit 1), '') <> 'done'
       and not exists (select 1 from core_group_progress l where l.action_id = d.action_id and l.id > d.id and l.status <> 'done' and l.recorded_at < ${ends})
       and (${agency}::text is null or v.owner_agency_id = ${agency})`;
}

const definition =
  "Of the plan actions said \"done\" at a core group held in these dates (by the agency that owns the action, or the " +
  "lead social worker), the share done on or before their date: the day of that core group against the date the " +
  "action carried when it was said done. An action said done again after being reopened counts from the later " +
  "core group; one reopened before the end of these dates does not count. For one agency: the actions it owns.";

export const actionsOnTime: MeasureModule = {
  id: "actions-on-time",
  async read(context, scope) {
    const { sql } = context;
    const { day, ends } = standsAt(context, scope);
    const [rows, names] = await Promise.all([
      sql<{ agency_id: string; month: string; done: number; on_time: number }[]>`
        with done as (${doneActions(sql, scope, day, ends)})
        select owner_agency_id as agency_id, to_char(done_on, 'YYYY-MM') as month,
               count(*)::int as done, (count(*) filter (where done_on <= due_on))::int as on_time
          from done group by owner_agency_id, to_char(done_on, 'YYYY-MM')`,
      agencyNames(sql),
    ]);
    const sum = (list: readonly { done: number; on_time: number }[], key: "done" | "on_time") => list.reduce((total, row) => total + row[key], 0);
    const done = sum(rows, "done");
    const onTime = sum(rows, "on_time");
    const agencies = [...new Set(rows.map((row) => row.agency_id))].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
    return {
      id: "actions-on-time",
      group: "actions",
      title: "Actions done on time",
      definition,
      headline: { value: percent(onTime, done), format: "percent", numerator: onTime, denominator: done },
      trend: {
        label: "Actions done on or before their date, by month done",
        format: "percent",
        points: scopeMonths(scope).map((month) => {
          const ofMonth = rows.filter((row) => row.month === month);
          return { month, value: percent(sum(ofMonth, "on_time"), sum(ofMonth, "done")), of: sum(ofMonth, "done") };
        }),
      },
      table: {
        caption: "Actions done in these dates, by the agency that owns them",
        columns: [
          { key: "agency", label: "Agency", format: "text" },
          { key: "done", label: "Done", format: "count" },
          { key: "onTime", label: "On or before their date", format: "count" },
          { key: "late", label: "After their date", format: "count" },
          { key: "percent", label: "On time (%)", format: "percent" },
        ],
        rows: agencies.map((id) => {
          const ofAgency = rows.filter((row) => row.agency_id === id);
          const agencyDone = sum(ofAgency, "done");
          const agencyOnTime = sum(ofAgency, "on_time");
          return {
            key: id,
            cells: {
              agency: names.get(id) ?? id,
              done: agencyDone,
              onTime: agencyOnTime,
              late: agencyDone - agencyOnTime,
              percent: percent(agencyOnTime, agencyDone),
            },
          };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { sql } = context;
    const { day, ends } = standsAt(context, scope);
    const rows = await sql<{ case_id: string; agency_id: string; done_on: string; due_on: string; child_name: string }[]>`
      with done as (${doneActions(sql, scope, day, ends)})
      select d.case_id, d.owner_agency_id as agency_id, to_char(d.done_on, 'YYYY-MM-DD') as done_on, to_char(d.due_on, 'YYYY-MM-DD') as due_on,
             child.full_name as child_name
        from done d join case_people child on child.id = d.child_person_id
       where ${rowKey}::text is null or d.owner_agency_id = ${rowKey}
       order by d.done_on, d.action_id`;
    return rows.map(
      (row): Counted => ({
        caseId: Number(row.case_id),
        contactId: null,
        childName: row.child_name,
        agencyId: row.agency_id,
        dates: [
          { label: "Due by", date: row.due_on },
          { label: "Said done", date: row.done_on },
        ],
        outcome: row.done_on <= row.due_on ? "Done on time" : `Done after its date (due by ${formatDate(row.due_on)})`,
      }),
    );
  },
};
