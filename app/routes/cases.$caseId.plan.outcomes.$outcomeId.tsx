// Changing an outcome's wording. The change is a new version; the earlier wording stays in the plan's history. Only
// those who may change the plan reach this page.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formValues, parseForm } from "../../common/forms/form-errors";
import { outcomeSchema } from "../../common/forms/plan";
import { readPlanItem } from "../../server/plans/read-plan-item";
import { updatePlanOutcome } from "../../server/plans/update-plan-outcome";
import { answersOf, ErrorSummary, TextArea } from "../components/forms";
import { BackLink, caseCaption, Column, PageHeading, SubmitOrCancel } from "../components/page";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { audit, notFound } from "../utils/permissions.server";
import { idParam, planChanged, requirePlan, type PlanOnCase } from "../utils/plan.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Change an outcome of the plan") }];

async function requireOutcome(context: Parameters<typeof requirePlan>[0], on: PlanOnCase, rawId: string | undefined) {
  const outcomeId = idParam(rawId);
  const item = outcomeId === null ? null : await readPlanItem(context.services.sql, on.facts.caseId, { outcomeId });
  if (!item || item.planId !== on.plan.id) throw notFound();
  return item;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requirePlan(context, signedIn, params, { change: true });
  const item = await requireOutcome(context, on, params.outcomeId);
  await audit(context, signedIn, { action: "view:plan", outcome: "success", caseId: on.facts.caseId, target: on.target, details: { outcomeId: item.outcome.id } });
  return item;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requirePlan(context, signedIn, params, { change: true });
  const item = await requireOutcome(context, on, params.outcomeId);
  const form = await request.formData();
  const parsed = parseForm(outcomeSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const at = context.services.clock();
  const result = await updatePlanOutcome(context.services.sql, { ...parsed.data, caseId: on.facts.caseId, planId: on.plan.id, outcomeId: item.outcome.id, by: signedIn.user.id, at });
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: formValues(form) }, { status: 400 });
  return planChanged(context, signedIn, on, {
    action: "change:plan-outcome",
    details: { outcomeId: item.outcome.id, changed: result.changed },
    done: result.changed ? "change:plan-outcome" : "unchanged",
    anchor: `outcome-${item.outcome.id}`,
  });
}

export default function ChangePlanOutcome() {
  const page = useLoaderData<typeof loader>();
  const { errors, values } = answersOf(useActionData<typeof action>());
  const back = `/cases/${page.caseId}/plan#outcome-${page.outcome.id}`;
  return (
    <Column width="two-thirds">
      <BackLink to={back}>Back to the plan</BackLink>
      <ErrorSummary errors={errors} />
      <PageHeading caption={caseCaption(page)}>Change outcome {page.outcome.number}</PageHeading>
      <Form method="post" noValidate>
        <TextArea
          name="wording"
          label="What must change for the child"
          hint="In plain words the family would use. The earlier wording stays in the plan's history."
          error={errors?.wording}
          defaultValue={errors ? values.wording : page.outcome.wording}
          rows={4}
        />
        <SubmitOrCancel cancelTo={back}>Save the outcome</SubmitOrCancel>
      </Form>
    </Column>
  );
}
