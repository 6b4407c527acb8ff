// Plan actions overdue, by the agency that owns them (issue 13 item 1; decision 041), judged as the plan page judges
// them (server/plans/open-actions.ts): an action is done with once its latest progress said at a core group is "done"
// or "no longer needed"; any other action of an active plan is overdue once its date has passed.
import { formatDate } from "../../../common/format";
import type { Sql } from "../../../db/client";
import type { Counted, MeasureModule, OversightScope } from "../terms";
import { standsAt } from "./plan-figures";
import { agencyNames, percent, scopeMonths } from "./scope-figures";

const progressWords: Record<string, string> = {
  not_started: "not started",
  on_track: "on track",
  at_risk: "at risk",
};

/**
 * The open actions of the plans active on `day`, each at its version and progress as recorded before `ends` (the end
 * of that day): what the plan page showed then. One agency: the actions it owns.
 */
function openActions(sql: Sql, day: string, ends: Date, agency: string | null) {
  return sql`
    select a.id, p.case_id, p.child_person_id, v.owner_agency_id, v.due_on, progress.status
      from plan_actions a
      join child_protection_plans p on p.id = a.plan_id
      join lateral (
        select v.owner_agency_id, v.due_on from plan_action_versions v
         where v.action_id = a.id and v.recorded_at < ${ends} order by v.version desc limit 1
      ) v on true
      left join lateral (
        select g.status from core_group_progress g where g.action_id = a.id and g.recorded_at < ${ends} order by g.id desc limit 1
      ) progress on true
     where a.created_at < ${ends} and p.started_on <= ${day}::date and (p.ended_on is null or p.ended_on > ${day}::date)
       and (progress.status is null or progress.status not in ('done', 'no_longer_needed'))
       and (${agency}::text is null or v.owner_agency_id = ${agency})`;
}

const definition =
  "The actions of the plans active on the last day of these dates (or today, if sooner) that were past their date " +
  "and not yet done that day, by the agency that owns them: an action is done with once its latest progress said at a " +
  "core group is \"done\" or \"no longer needed\"; each action is read at its latest version as it stood that day. " +
  "An action overdue that day counts whenever it fell due; the trend shows those that fell due in each month of " +
  "these dates. For one agency: the actions it owns.";

export const actionsOverdue: MeasureModule = {
  id: "actions-overdue",
  async read(context, scope: OversightScope) {
    const { sql } = context;
    const { day, ends } = standsAt(context, scope);
    const [rows, names] = await Promise.all([
      sql<{ agency_id: string | null; month: string | null; open: number; overdue: number }[]>`
        with open as (${openActions(sql, day, ends, scope.agencyId)})
        select owner_agency_id as agency_id, to_char(due_on, 'YYYY-MM') as month,
               count(*)::int as open, (count(*) filter (where due_on < ${day}::date))::int as overdue
          from open
         group by grouping sets ((owner_agency_id), (to_char(due_on, 'YYYY-MM')))`,
      agencyNames(sql),
    ]);
    const byAgency = rows.filter((row) => row.agency_id !== null && row.month === null);
    const byMonth = new Map(rows.filter((row) => row.month !== null).map((row) => [row.month, row]));
    const overdue = byAgency.reduce((sum, row) => sum + row.overdue, 0);
    return {
      id: "actions-overdue",
      group: "actions",
      title: "Actions overdue, by owner agency",
      definition,
      headline: { value: overdue, format: "count" },
      trend: {
        label: `Overdue on ${formatDate(day)}, by the month they fell due`,
        format: "count",
        // A month in which no open action fell due has nothing to count.
        points: scopeMonths(scope).map((month) => ({ month, value: byMonth.get(month)?.overdue ?? null, of: byMonth.get(month)?.open ?? 0 })),
      },
      table: {
        caption: `Open and overdue actions on ${formatDate(day)}, by the agency that owns them`,
        columns: [
          { key: "agency", label: "Agency", format: "text" },
          { key: "open", label: "Open actions", format: "count" },
          { key: "overdue", label: "Overdue", format: "count" },
          { key: "percent", label: "Overdue (%)", format: "percent" },
        ],
        rows: byAgency
          .sort((a, b) => (names.get(a.agency_id!) ?? "").localeCompare(names.get(b.agency_id!) ?? ""))
          .map((row) => ({
            key: row.agency_id!,
            cells: { agency: names.get(row.agency_id!) ?? row.agency_id, open: row.open, overdue: row.overdue, percent: percent(row.overdue, row.open) },
          })),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { sql } = context;
    const { day, ends } = standsAt(context, scope);
    const rows = await sql<{ case_id: string; agency_id: string; due_on: string; status: string | null; child_name: string }[]>`
      with open as (${openActions(sql, day, ends, scope.agencyId)})
      select o.case_id, o.owner_agency_id as agency_id, to_char(o.due_on, 'YYYY-MM-DD') as due_on, o.status, child.full_name as child_name
        from open o join case_people child on child.id = o.child_person_id
       where o.due_on < ${day}::date and (${rowKey}::text is null or o.owner_agency_id = ${rowKey})
       order by o.due_on, o.id`;
    return rows.map((row): Counted => {
      const late = Math.round((Date.parse(day) - Date.parse(row.due_on)) / 86_400_000);
      return {
        caseId: Number(row.case_id),
        contactId: null,
        childName: row.child_name,
        agencyId: row.agency_id,
        dates: [
          { label: "Due by", date: row.due_on },
          { label: "Overdue on", date: day },
        ],
        outcome:
          `Overdue by ${late} ${late === 1 ? "day" : "days"}; ` +
          (row.status ? `latest progress: ${progressWords[row.status] ?? row.status}` : "no progress recorded"),
      };
    });
  },
};
