// Progress against every action of the plan: how each stands at this core group (not started, on track, at risk,
// done, no longer needed, with the reason for the two that need one) and a short note, said by the action's owner
// agency or the lead social worker; and, for those who may change the plan, a new action in the plan's own SMART form.
import { Form } from "@remix-run/react";
import { progressStatuses, progressStatusColours, progressStatusNames } from "../../../common/forms/core-groups";
import { Field, Select, TextArea } from "../../components/forms";
import { Hidden, SubmitButton } from "../../components/page";
import { PlanActionFields } from "../../components/plan-action-fields";
import { SummaryCard } from "../../components/summary-card";
import { SummaryRow } from "../../components/summary-list";

import type { CoreGroupPage } from "./route";
import { type FormState, Section } from "../../components/section";

type Action = CoreGroupPage["outcomes"][number]["actions"][number];
type Said = NonNullable<Action["latest"]>;

function Progress({ said, where }: { said: Said; where: string }) {
  return (
    <>
      <strong className={`govuk-tag govuk-tag--${progressStatusColours[said.status]}`}>{progressStatusNames[said.status]}</strong>
      {said.reason ? <span className="app-preserve-lines">{` Why: ${said.reason}`}</span> : null}
      {said.note ? <span className="app-preserve-lines">{` ${said.note}`}</span> : null}
      <span className="govuk-body-s govuk-!-display-block">{`${said.by}, ${said.at}${where}`}</span>
    </>
  );
}

function ProgressForm({ action, here, form }: { action: Action; here: string; form: FormState }) {
  const errors = form.errorsFor("progress");
  const values = form.failed === "progress" && form.values.actionId === String(action.id) ? form.values : {};
  const id = (field: string) => `${field}-${action.id}`;
  return (
    <Form method="post" action={`${here}#progress-${action.id}`} noValidate preventScrollReset className="app-progress-form">
      <input type="hidden" name="intent" value="progress" />
      <input type="hidden" name="actionId" value={action.id} />
      <Field id={id("status")} label={`How action ${action.number} stands`} error={errors?.[id("status")]}>
        <select className={`govuk-select${errors?.[id("status")] ? " govuk-select--error" : ""}`} id={id("status")} name="status" defaultValue={values.status ?? action.here?.status ?? ""}>
          <option value="">Select how it stands</option>
          {progressStatuses.map((status) => (
            <option key={status} value={status}>
              {progressStatusNames[status]}
            </option>
          ))}
        </select>
      </Field>
      <TextArea name="reason" id={id("reason")} label="Why (needed for “at risk” and “no longer needed”)" error={errors?.[id("reason")]} defaultValue={values.reason} rows={2} />
      <TextArea name="note" id={id("note")} label="A short note" error={errors?.[id("note")]} defaultValue={values.note} rows={2} />
      <SubmitButton variant="secondary">
        Record progress<Hidden>{` on action ${action.number}`}</Hidden>
      </SubmitButton>
    </Form>
  );
}

export function ProgressSection({ page, here, form }: { page: CoreGroupPage; here: string; form: FormState }) {
  const addErrors = form.errorsFor("add-action");
  const addValues = form.failed === "add-action" ? form.values : {};
  return (
    <Section id="progress" title="Progress on the plan's actions">
      <p className="govuk-hint">Each action's progress is said by the agency that owns it; the lead social worker may say it for any. Every entry is kept.</p>
      {page.outcomes.map((outcome) => (
        <div className="app-section" key={outcome.id}>
          <h3 className="govuk-heading-s">{`Outcome ${outcome.number}: ${outcome.wording}`}</h3>
          {outcome.actions.map((action) => (
            <SummaryCard
              key={action.id}
              title={`Action ${action.number}`}
              id={`progress-${action.id}`}
              testId={`progress-${action.id}`}
              change={page.canChangePlan ? { to: `/cases/${page.caseId}/plan/actions/${action.id}`, hidden: `action ${action.number} on the plan` } : null}
              after={action.canRecord ? <ProgressForm action={action} here={here} form={form} /> : null}
            >
              <SummaryRow label="What">
                <span className="app-preserve-lines">{action.what}</span>
              </SummaryRow>
              <SummaryRow label="Who">{action.owner}</SummaryRow>
              <SummaryRow label="By when">{action.dueOn}</SummaryRow>
              <SummaryRow label="Progress at this core group" testId="progress-here">
                {action.here ? <Progress said={action.here} where="" /> : action.latest ? <Progress said={action.latest} where=" (at an earlier core group)" /> : "Not yet said"}
              </SummaryRow>
            </SummaryCard>
          ))}
        </div>
      ))}
      {page.canChangePlan && page.outcomes.length ? (
        <Form method="post" action={`${here}#progress`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="add-action" />
          <h3 className="govuk-heading-s">Add an action to the plan</h3>
          <Select
            name="outcomeId"
            label="Which outcome it is for"
            error={addErrors?.outcomeId}
            defaultValue={addValues.outcomeId}
            placeholder="Select an outcome"
            groups={[{ label: null, options: page.outcomes.map((outcome) => ({ value: String(outcome.id), label: `Outcome ${outcome.number}` })) }]}
          />
          <PlanActionFields owners={page.owners} errors={addErrors} values={addValues} firstName={page.firstName} />
          <SubmitButton>Add the action to the plan</SubmitButton>
        </Form>
      ) : null}
    </Section>
  );
}
