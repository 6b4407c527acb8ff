// Second or subsequent child protection plans (issue 13 item 1; decision 041): of the plans started in the scope, the
// share that are not the child's first, an earlier plan having been made for the same child.
import { formatDate } from "../../../common/format";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { onCasesOfTheAgency, plansAsAt, standsAt } from "./plan-figures";
import { percent, shareByMonth } from "./scope-figures";

/** The plans started in the scope, each with how many plans the same child had before it and when the last began. */
async function plansStarted(context: MeasureContext, scope: OversightScope) {
  const { sql } = context;
  const { day, ends } = standsAt(context, scope);
  const rows = await sql<
    { id: string; case_id: string; child_name: string; lead_agency_id: string; started_on: string; earlier: number; last_earlier_on: string | null }[]
  >`
    with plans as (${plansAsAt(sql, ends, scope.agencyId)}),
    -- Every plan of every child, in the order they started, whichever agency's part is asked for.
    ordered as (
      select b.id, count(*) over w - 1 as earlier, lag(b.started_on) over w as last_earlier_on
        from child_protection_plans b window w as (partition by b.child_person_id order by b.started_on, b.id)
    )
    select p.id, p.case_id, p.child_name, p.lead_agency_id, to_char(p.started_on, 'YYYY-MM-DD') as started_on,
           o.earlier::int as earlier, to_char(o.last_earlier_on, 'YYYY-MM-DD') as last_earlier_on
      from plans p join ordered o on o.id = p.id
     where p.started_on between ${scope.from}::date and ${day}::date
     order by p.started_on, p.id`;
  return rows.map((row) => ({ ...row, key: row.earlier === 0 ? "first" : row.earlier === 1 ? "second" : "third-or-later" }));
}

const rowLabels: Record<string, string> = {
  first: "The child's first plan",
  second: "The child's second plan",
  "third-or-later": "The child's third plan or later",
};

const definition =
  "Of the child protection plans started in these dates, the share that are a second or subsequent plan: the same " +
  "child (the same person recorded on the case) had a plan that started before it, however long ago. A child " +
  `recorded again on another case is not matched to their earlier record here. For one agency: plans on ${onCasesOfTheAgency}.`;

export const secondPlans: MeasureModule = {
  id: "second-plans",
  async read(context, scope) {
    const plans = await plansStarted(context, scope);
    const later = plans.filter((plan) => plan.key !== "first").length;
    return {
      id: "second-plans",
      group: "plans",
      title: "Second or subsequent plans",
      definition,
      headline: { value: percent(later, plans.length), format: "percent", numerator: later, denominator: plans.length },
      trend: {
        label: "Second or subsequent plans, by month started",
        format: "percent",
        points: shareByMonth(scope, plans.map((plan) => ({ month: plan.started_on.slice(0, 7), counts: plan.key !== "first" }))),
      },
      table: {
        caption: "Plans started in these dates, by how many the child has had",
        columns: [
          { key: "plan", label: "Plan", format: "text" },
          { key: "plans", label: "Plans started", format: "count" },
          { key: "percent", label: "Share of plans started (%)", format: "percent" },
        ],
        rows: Object.entries(rowLabels).map(([key, label]) => {
          const count = plans.filter((plan) => plan.key === key).length;
          return { key, cells: { plan: label, plans: count, percent: percent(count, plans.length) } };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const plans = (await plansStarted(context, scope)).filter((plan) => rowKey === null || plan.key === rowKey);
    return plans.map(
      (plan): Counted => ({
        caseId: Number(plan.case_id),
        contactId: null,
        childName: plan.child_name,
        agencyId: plan.lead_agency_id,
        dates: [...(plan.last_earlier_on ? [{ label: "Plan before started", date: plan.last_earlier_on }] : []), { label: "Plan started", date: plan.started_on }],
        outcome: plan.earlier === 0 ? "First plan" : `Plan ${plan.earlier + 1} for this child (the one before started ${formatDate(plan.last_earlier_on)})`,
      }),
    );
  },
};
