// The child protection plan on the front sheet, as an inspector reads it first: whether there is a plan and since
// when, its category, the lead social worker, the next core group and review with their clocks, and the overdue
// actions by the agency that owns them. Rows of the front sheet's summary list.
import { Link } from "@remix-run/react";
import type { PlanSummary } from "../../server/plans/plan-summary";
import { DueBy } from "./clock-tag";
import { Hidden } from "./page";
import { SummaryRow } from "./summary-list";

export function PlanSummaryRows({ caseId, plan }: { caseId: number; plan: PlanSummary }) {
  const here = `/cases/${caseId}`;
  const category = [plan.category, ...plan.otherCategories.map((other) => `${other.toLowerCase()} noted`)].join("; ");
  return (
    <>
      <SummaryRow
        label="Child protection plan"
        testId="plan-summary"
        actions={
          <Link className="govuk-link" to={`${here}/plan`}>
            Open<Hidden> the child protection plan</Hidden>
          </Link>
        }
      >
        {plan.ended ? (
          <>
            <strong className="govuk-tag govuk-tag--grey">Ended</strong>
            {` ${plan.ended.on}. Started ${plan.startedOn}. ${plan.ended.whatFollows}.`}
          </>
        ) : (
          <>
            <strong className="govuk-tag govuk-tag--purple">Active</strong>
            {` Since ${plan.startedOn}`}
          </>
        )}
        <div>{`Category: ${category}`}</div>
        <div>{`Lead social worker: ${plan.lead}`}</div>
      </SummaryRow>
      {plan.active ? (
        <>
          <SummaryRow
            label="Next core group"
            testId="next-core-group"
            actions={
              plan.active.nextCoreGroup.id ? (
                <Link className="govuk-link" to={`${here}/core-groups/${plan.active.nextCoreGroup.id}`}>
                  Open<Hidden> the next core group</Hidden>
                </Link>
              ) : null
            }
          >
            {plan.active.nextCoreGroup.heldAt ? <div>{plan.active.nextCoreGroup.heldAt}</div> : <div>Not arranged yet</div>}
            <DueBy clock={plan.active.nextCoreGroup.clock} />
          </SummaryRow>
          <SummaryRow
            label="Next review conference"
            testId="next-review"
            actions={
              plan.active.nextReview.id ? (
                <Link className="govuk-link" to={`${here}/meetings/${plan.active.nextReview.id}`}>
                  Open<Hidden> the review conference</Hidden>
                </Link>
              ) : null
            }
          >
            {plan.active.nextReview.heldAt ? <div>{plan.active.nextReview.heldAt}</div> : <div>Not convened yet</div>}
            <DueBy clock={plan.active.nextReview.clock} />
          </SummaryRow>
          <SummaryRow label="Overdue actions" testId="overdue-actions">
            {plan.active.overdueByAgency.length ? (
              <ul className="govuk-list">
                {plan.active.overdueByAgency.map((agency) => (
                  <li key={agency.agencyName}>
                    <strong className="govuk-tag govuk-tag--red">{agency.count}</strong>
                    {` ${agency.agencyName}`}
                  </li>
                ))}
              </ul>
            ) : (
              `None overdue (${plan.active.openActions} open ${plan.active.openActions === 1 ? "action" : "actions"})`
            )}
          </SummaryRow>
        </>
      ) : null}
    </>
  );
}
