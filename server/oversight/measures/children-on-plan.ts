// Children on a child protection plan, by category (issue 13 item 1; decision 041): the plans active on the last day
// of the scope (or today, if sooner), each child once (a child has at most one active plan), by the plan's primary
// category as it stood that day.
import { formatDate } from "../../../common/format";
import { planCategories, planCategoryNames, type PlanCategory } from "../../../common/forms/plan";
import type { Counted, MeasureModule } from "../terms";
import { activeOn, monthEnds, onCasesOfTheAgency, plansAsAt, standsAt } from "./plan-figures";
import { percent } from "./scope-figures";

const definition =
  "The children on a child protection plan on the last day of these dates (or today, if sooner), by the plan's " +
  "primary category as it stood that day; a plan ended on that day is over. The trend counts the children on a plan " +
  `on the last day of each month. For one agency: plans on ${onCasesOfTheAgency}.`;

export const childrenOnPlan: MeasureModule = {
  id: "children-on-plan",
  async read(context, scope) {
    const { sql } = context;
    const { day, ends } = standsAt(context, scope);
    const agency = scope.agencyId;
    const lastDays = monthEnds(scope, day);
    const [byCategory, byMonth] = await Promise.all([
      sql<{ category: PlanCategory; children: number }[]>`
        with plans as (${plansAsAt(sql, ends, agency)})
        select primary_category as category, count(distinct child_person_id)::int as children
          from plans where ${activeOn(sql, day)} group by primary_category`,
      sql<{ day: string; children: number }[]>`
        select to_char(e.day, 'YYYY-MM-DD') as day, count(distinct p.child_person_id)::int as children
          from unnest(${lastDays.map((end) => end.day)}::date[]) as e (day)
          left join child_protection_plans p on p.started_on <= e.day and (p.ended_on is null or p.ended_on > e.day)
               and (${agency}::text is null or exists (select 1 from case_agencies ca where ca.case_id = p.case_id and ca.agency_id = ${agency}))
         group by e.day`,
    ]);
    const count = (category: PlanCategory) => byCategory.find((row) => row.category === category)?.children ?? 0;
    const children = byCategory.reduce((sum, row) => sum + row.children, 0);
    const atMonthEnd = new Map(byMonth.map((row) => [row.day, row.children]));
    return {
      id: "children-on-plan",
      group: "plans",
      title: "Children on a child protection plan",
      definition,
      headline: { value: children, format: "count" },
      trend: {
        label: "Children on a plan on the last day of each month",
        format: "count",
        points: lastDays.map((end) => ({ month: end.month, value: atMonthEnd.get(end.day) ?? 0 })),
      },
      table: {
        caption: `Children on a plan on ${formatDate(day)}, by the plan's primary category`,
        columns: [
          { key: "category", label: "Category", format: "text" },
          { key: "children", label: "Children", format: "count" },
          { key: "percent", label: "Share of children on a plan (%)", format: "percent" },
        ],
        rows: planCategories.map((category) => ({
          key: category,
          cells: { category: planCategoryNames[category], children: count(category), percent: percent(count(category), children) },
        })),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { sql } = context;
    const { day, ends } = standsAt(context, scope);
    const rows = await sql<{ case_id: string; child_name: string; lead_agency_id: string; started_on: string; primary_category: PlanCategory }[]>`
      with plans as (${plansAsAt(sql, ends, scope.agencyId)})
      select case_id, child_name, lead_agency_id, to_char(started_on, 'YYYY-MM-DD') as started_on, primary_category
        from plans where ${activeOn(sql, day)} and (${rowKey}::text is null or primary_category = ${rowKey})
       order by started_on, id`;
    return rows.map(
      (row): Counted => ({
        caseId: Number(row.case_id),
        contactId: null,
        childName: row.child_name,
        agencyId: row.lead_agency_id,
        dates: [{ label: "Plan started", date: row.started_on }],
        outcome: `On a plan on ${formatDate(day)}: ${planCategoryNames[row.primary_category]}`,
      }),
    );
  },
};
