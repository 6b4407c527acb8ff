// Adding to the plan: an outcome in plain words, and an action for one of its outcomes in SMART form. Shown only to
// those the policy lets change the plan.
import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { Select, TextArea } from "../../components/forms";
import { Column, SubmitButton } from "../../components/page";
import { PlanActionFields } from "../../components/plan-action-fields";
import type { PlanPage, PlanShown } from "./route";
import { Section } from "../../components/section";

type Answers = { errors: FieldErrors | undefined; values: Record<string, string> };

export function AddOutcomeForm({ caseId, errors, values }: Answers & { caseId: number }) {
  return (
    <Section id="add-outcome" title="Add an outcome">
      <Column width="two-thirds">
        <Form method="post" action={`/cases/${caseId}/plan#add-outcome`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="add-outcome" />
          <TextArea
            name="wording"
            label="What must change for the child"
            hint="In plain words the family would use, for example: Lily tells us she feels safe at home."
            error={errors?.wording}
            defaultValue={values.wording}
            rows={3}
          />
          <SubmitButton variant="secondary">Add the outcome</SubmitButton>
        </Form>
      </Column>
    </Section>
  );
}

export function AddActionForm({ page, plan, errors, values }: Answers & { page: PlanPage; plan: PlanShown }) {
  if (!plan.outcomes.length) return null;
  return (
    <Section id="add-action" title="Add an action">
      <Column width="two-thirds">
        <Form method="post" action={`/cases/${page.caseId}/plan#add-action`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="add-action" />
          <Select
            name="outcomeId"
            label="Which outcome it is for"
            error={errors?.outcomeId}
            defaultValue={values.outcomeId}
            placeholder="Select an outcome"
            groups={[{ label: null, options: plan.outcomes.map((outcome) => ({ value: String(outcome.id), label: `Outcome ${outcome.number}: ${outcome.wording.slice(0, 80)}${outcome.wording.length > 80 ? "…" : ""}` })) }]}
          />
          <PlanActionFields owners={page.owners} errors={errors} values={values} firstName={page.firstName} />
          <SubmitButton>Add the action</SubmitButton>
        </Form>
      </Column>
    </Section>
  );
}
