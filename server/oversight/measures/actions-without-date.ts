// Plan actions with no real date (issue 13 item 1; decision 041): the plan's form refuses "ongoing", "ASAP", "TBC",
// a blank and a past date, and the database requires a date, so this should be none; it counts what would show the
// rule broken: an action whose date is missing, or earlier than the day the action was added.
import type { Sql } from "../../../db/client";
import type { Counted, MeasureModule } from "../terms";
import { standsAt } from "./plan-figures";
import { agencyNames, scopeInstants, scopeMonths } from "./scope-figures";

/**
 * The actions added in the scope (before the end of the day its figures stand at), each at its latest version as
 * recorded by then, with the day it was added in England and whether its date is not a real one.
 */
function actionsAdded(sql: Sql, starts: Date, ends: Date, agency: string | null) {
  return sql`
    select a.id, a.plan_id, p.case_id, p.child_person_id, v.owner_agency_id, v.due_on,
           (a.created_at at time zone 'Europe/London')::date as added_on,
           (v.due_on is null or v.due_on < (a.created_at at time zone 'Europe/London')::date) as no_real_date
      from plan_actions a
      join child_protection_plans p on p.id = a.plan_id
      join lateral (
        select v.owner_agency_id, v.due_on from plan_action_versions v
         where v.action_id = a.id order by case when v.recorded_at < ${ends} then v.version else -v.version end desc limit 1
      ) v on true
     where a.created_at >= ${starts} and a.created_at < ${ends}
       and (${agency}::text is null or v.owner_agency_id = ${agency})`;
}

const definition =
  "Plan actions added in these dates whose date is not a real one: missing, or earlier than the day the action was " +
  "added (each action read at its latest version as it stood at the end of these dates). The plan's form refuses " +
  "\"ongoing\", \"ASAP\", \"TBC\", a blank and a past date, and the database requires a date, so this should be none. " +
  "The table also counts the plans those actions are on. For one agency: the actions it owns.";

export const actionsWithoutDate: MeasureModule = {
  id: "actions-without-date",
  async read(context, scope) {
    const { sql } = context;
    const { ends } = standsAt(context, scope);
    const { starts } = scopeInstants(scope);
    const [rows, names] = await Promise.all([
      sql<{ agency_id: string | null; month: string | null; added: number; without: number; plans: number }[]>`
        with added as (${actionsAdded(sql, starts, ends, scope.agencyId)})
        select owner_agency_id as agency_id, to_char(added_on, 'YYYY-MM') as month, count(*)::int as added,
               (count(*) filter (where no_real_date))::int as without,
               (count(distinct plan_id) filter (where no_real_date))::int as plans
          from added group by grouping sets ((owner_agency_id), (to_char(added_on, 'YYYY-MM')), ())`,
      agencyNames(sql),
    ]);
    const byAgency = rows.filter((row) => row.agency_id !== null && row.month === null);
    const byMonth = new Map(rows.filter((row) => row.month !== null).map((row) => [row.month, row]));
    const all = rows.find((row) => row.agency_id === null && row.month === null);
    return {
      id: "actions-without-date",
      group: "actions",
      title: "Actions with no real date (should be none)",
      definition,
      headline: { value: all?.without ?? 0, format: "count" },
      trend: {
        label: "Actions with no real date, by month added",
        format: "count",
        points: scopeMonths(scope).map((month) => {
          const entry = byMonth.get(month);
          return entry ? { month, value: entry.without, of: entry.added } : { month, value: null, of: 0 };
        }),
      },
      table: {
        caption: "Actions added in these dates with no real date, by the agency that owns them",
        columns: [
          { key: "agency", label: "Agency", format: "text" },
          { key: "added", label: "Actions added", format: "count" },
          { key: "without", label: "With no real date", format: "count" },
          { key: "plans", label: "Plans with such an action", format: "count" },
        ],
        rows: byAgency
          .sort((a, b) => (names.get(a.agency_id!) ?? "").localeCompare(names.get(b.agency_id!) ?? ""))
          .map((row) => ({
            key: row.agency_id!,
            cells: { agency: names.get(row.agency_id!) ?? row.agency_id, added: row.added, without: row.without, plans: row.plans },
          })),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { sql } = context;
    const { ends } = standsAt(context, scope);
    const { starts } = scopeInstants(scope);
    const rows = await sql<{ case_id: string; agency_id: string; added_on: string; due_on: string | null; child_name: string }[]>`
      with added as (${actionsAdded(sql, starts, ends, scope.agencyId)})
      select a.case_id, a.owner_agency_id as agency_id, to_char(a.added_on, 'YYYY-MM-DD') as added_on,
             to_char(a.due_on, 'YYYY-MM-DD') as due_on, child.full_name as child_name
        from added a join case_people child on child.id = a.child_person_id
       where a.no_real_date and (${rowKey}::text is null or a.owner_agency_id = ${rowKey})
       order by a.added_on, a.id`;
    return rows.map(
      (row): Counted => ({
        caseId: Number(row.case_id),
        contactId: null,
        childName: row.child_name,
        agencyId: row.agency_id,
        dates: [{ label: "Added", date: row.added_on }, ...(row.due_on ? [{ label: "Due by", date: row.due_on }] : [])],
        outcome: row.due_on ? "Its date is before the day it was added" : "No date",
      }),
    );
  },
};
