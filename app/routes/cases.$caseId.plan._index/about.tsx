// The plan's details: status, category, when it started, its lead social worker, how often the child is visited and
// seen alone (which the lead may change here), and the clocks of the first core group and the review conference.
import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { TextArea } from "../../components/forms";
import { SubmitButton } from "../../components/page";
import { SummaryList, SummaryRow } from "../../components/summary-list";
import type { PlanPage, PlanShown } from "./route";
import { Section } from "../../components/section";

function Clock({ clock }: { clock: { dueOn: string; words: string; colour: string } }) {
  return (
    <>
      Due by {clock.dueOn} <strong className={`govuk-tag govuk-tag--${clock.colour}`}>{clock.words}</strong>
    </>
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
          <>
            <SummaryRow label="First core group" testId="clock-core-group">
              <Clock clock={plan.clocks.firstCoreGroup} />
            </SummaryRow>
            <SummaryRow label="Review conference" testId="clock-review">
              <Clock clock={plan.clocks.review} />
            </SummaryRow>
          </>
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
