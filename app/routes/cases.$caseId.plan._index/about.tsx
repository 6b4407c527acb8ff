// The plan's details: status, category, when it started, its lead social worker, how often the child is visited and
// seen alone (which the lead may change here), and the clocks of the first core group and the review conference, with the
// review convened, or the way to convene it for those who may.
import { Form, Link } from "@remix-run/react";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { TextArea } from "../../components/forms";
import { SubmitButton } from "../../components/page";
import { SummaryList, SummaryRow } from "../../components/summary-list";
import type { PlanPage, PlanShown } from "./route";
import { Section } from "../../components/section";
import { DueBy } from "../../components/clock-tag";


/** The review convened, or, for those who may convene it, the way to. */
function ReviewLink({ caseId, review }: { caseId: number; review: NonNullable<PlanPage["review"]> }) {
  if (review.convened)
    return (
      <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
        <Link className="govuk-link" to={`/cases/${caseId}/meetings/${review.convened.id}`} data-testid="review-conference">
          {review.convened.title}
        </Link>
      </p>
    );
  if (!review.mayConvene) return null;
  return (
    <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
      <Link className="govuk-link" to={`/cases/${caseId}/meetings/new-review`} data-testid="convene-review">
        Convene the review conference
      </Link>
    </p>
  );
}

export function AboutThePlan({ page, plan, form }: { page: PlanPage; plan: PlanShown; form: { errors: FieldErrors | undefined; values: Record<string, string> } }) {
  const { errors, values } = form;
  return (
    <Section id="about-plan" title="About the plan">
      <SummaryList testId="plan-details">
        <SummaryRow label="Status">
          {plan.ended ? (
            <>
              <strong className="govuk-tag govuk-tag--grey">Ended</strong> on {plan.ended.on}. {plan.ended.reason} What follows: {plan.ended.whatFollows}.
            </>
          ) : (
            <strong className="govuk-tag govuk-tag--blue">Active</strong>
          )}
        </SummaryRow>
        <SummaryRow label="Category">
          {plan.category}
          {plan.otherCategories.length ? ` (also noted: ${plan.otherCategories.join(", ").toLowerCase()})` : ""}
        </SummaryRow>
        <SummaryRow label="Started on">{plan.startedOn}</SummaryRow>
        <SummaryRow label="Lead social worker">{plan.lead}</SummaryRow>
        <SummaryRow label={`How often ${page.firstName} is visited`}>
          <span className="app-preserve-lines">{plan.visits}</span>
        </SummaryRow>
        <SummaryRow label={`How often ${page.firstName} is seen alone`}>
          <span className="app-preserve-lines">{plan.seenAlone}</span>
        </SummaryRow>
        {plan.clocks ? (
          <SummaryRow label="First core group" testId="clock-core-group">
            <DueBy clock={plan.clocks.firstCoreGroup} />
          </SummaryRow>
        ) : null}
        {page.review ? (
          <SummaryRow label="Review conference" testId="clock-review">
            <DueBy clock={page.review.clock} />
            <ReviewLink caseId={page.caseId} review={page.review} />
          </SummaryRow>
        ) : null}
      </SummaryList>
      {page.canChange ? (
        <details className="govuk-details" open={!!errors}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Change how often {page.firstName} is visited and seen alone</span>
          </summary>
          <div className="govuk-details__text">
            <Form method="post" action={`/cases/${page.caseId}/plan#about-plan`} noValidate preventScrollReset>
              <input type="hidden" name="intent" value="change-visits" />
              <TextArea name="visits" label={`How often ${page.firstName} is visited`} error={errors?.visits} defaultValue={errors ? values.visits : plan.visits} rows={2} />
              <TextArea name="seenAlone" label={`How often ${page.firstName} is seen alone`} error={errors?.seenAlone} defaultValue={errors ? values.seenAlone : plan.seenAlone} rows={2} />
              <SubmitButton variant="secondary">Save how often</SubmitButton>
            </Form>
          </div>
        </details>
      ) : null}
    </Section>
  );
}
