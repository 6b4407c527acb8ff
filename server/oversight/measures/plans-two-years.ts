// Plans lasting two years or more (issue 13 item 1; decision 041): those still active on the last day of the scope (or
// today, if sooner) two years or more after they started, and those ended in the scope after two years or more.
import { formatDate } from "../../../common/format";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { activeOn, monthEnds, monthsBetween, monthsWords, onCasesOfTheAgency, plansAsAt, standsAt } from "./plan-figures";
import { percent } from "./scope-figures";

const definition =
  "Child protection plans that have lasted two years or more: those active on the last day of these dates (or " +
  "today, if sooner) that started two years or more before it, and those ended in these dates two years or more " +
  "after they started (started 29 February 2024: two years on 28 February 2026). The trend counts the plans active " +
  `two years or more on the last day of each month. For one agency: plans on ${onCasesOfTheAgency}.`;

/** The plans the measure looks at, each marked "active" or "ended" and whether it has lasted two years. */
async function plansConsidered(context: MeasureContext, scope: OversightScope) {
  const { sql } = context;
  const { day, ends } = standsAt(context, scope);
  const rows = await sql<
    { id: string; case_id: string; child_name: string; lead_agency_id: string; started_on: string; ended_on: string | null; two_years: boolean }[]
  >`
    with plans as (${plansAsAt(sql, ends, scope.agencyId)})
    select id, case_id, child_name, lead_agency_id, to_char(started_on, 'YYYY-MM-DD') as started_on,
           to_char(case when ${activeOn(sql, day)} then null else ended_on end, 'YYYY-MM-DD') as ended_on,
           (started_on + interval '2 years')::date <= least(coalesce(ended_on, ${day}::date), ${day}::date) as two_years
      from plans
     where ${activeOn(sql, day)} or ended_on between ${scope.from}::date and ${day}::date
     order by started_on, id`;
  return { day, plans: rows.map((row) => ({ ...row, key: row.ended_on ? "ended" : "active" })) };
}

const rowLabels: Record<string, string> = {
  active: "Active, two years or more since the plan started",
  ended: "Ended in these dates after two years or more",
};

export const plansTwoYears: MeasureModule = {
  id: "plans-two-years",
  async read(context, scope) {
    const { sql } = context;
    const { day, plans } = await plansConsidered(context, scope);
    const agency = scope.agencyId;
    const lastDays = monthEnds(scope, day);
    const byMonth = await sql<{ day: string; plans: number }[]>`
      select to_char(e.day, 'YYYY-MM-DD') as day, count(p.id)::int as plans
        from unnest(${lastDays.map((end) => end.day)}::date[]) as e (day)
        left join child_protection_plans p on p.started_on <= e.day and (p.ended_on is null or p.ended_on > e.day)
             and (p.started_on + interval '2 years')::date <= e.day
             and (${agency}::text is null or exists (select 1 from case_agencies ca where ca.case_id = p.case_id and ca.agency_id = ${agency}))
       group by e.day`;
    const atMonthEnd = new Map(byMonth.map((row) => [row.day, row.plans]));
    const lasting = plans.filter((plan) => plan.two_years).length;
    return {
      id: "plans-two-years",
      group: "plans",
      title: "Plans lasting two years or more",
      definition,
      headline: { value: lasting, format: "count" },
      trend: {
        label: "Plans active two years or more on the last day of each month",
        format: "count",
        points: lastDays.map((end) => ({ month: end.month, value: atMonthEnd.get(end.day) ?? 0 })),
      },
      table: {
        caption: `Plans lasting two years or more: active on ${formatDate(day)}, and ended in these dates`,
        columns: [
          { key: "plans", label: "Plans", format: "text" },
          { key: "twoYears", label: "Two years or more", format: "count" },
          { key: "of", label: "Of all plans", format: "count" },
          { key: "percent", label: "Two years or more (%)", format: "percent" },
        ],
        rows: Object.entries(rowLabels).map(([key, label]) => {
          const ofKind = plans.filter((plan) => plan.key === key);
          const long = ofKind.filter((plan) => plan.two_years).length;
          return { key, cells: { plans: label, twoYears: long, of: ofKind.length, percent: percent(long, ofKind.length) } };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { day, plans } = await plansConsidered(context, scope);
    return plans
      .filter((plan) => plan.two_years && (rowKey === null || plan.key === rowKey))
      .map(
        (plan): Counted => ({
          caseId: Number(plan.case_id),
          contactId: null,
          childName: plan.child_name,
          agencyId: plan.lead_agency_id,
          dates: [{ label: "Plan started", date: plan.started_on }, ...(plan.ended_on ? [{ label: "Plan ended", date: plan.ended_on }] : [])],
          outcome: plan.ended_on
            ? `Ended after ${monthsWords(monthsBetween(plan.started_on, plan.ended_on))}`
            : `Active, on a plan for ${monthsWords(monthsBetween(plan.started_on, day))}`,
        }),
      );
  },
};
