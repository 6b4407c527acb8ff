// Changing an action of the child protection plan: its words, owner, due date or measure. The change is a new version;
// the earlier one stays in the plan's history. Only those who may change the plan reach this page.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { todayInEngland } from "../../common/forms/dates";
import { formValues, parseForm } from "../../common/forms/form-errors";
import { planActionFields, planActionSchema } from "../../common/forms/plan";
import { readPlanItem } from "../../server/plans/read-plan-item";
import { updatePlanAction } from "../../server/plans/update-plan-action";
import { answersOf, ErrorSummary } from "../components/forms";
import { BackLink, caseCaption, Column, PageHeading, SubmitOrCancel } from "../components/page";
import { pageTitle } from "../components/page-title";
import { PlanActionFields } from "../components/plan-action-fields";
import { requireUser } from "../utils/auth.server";
import { audit, notFound } from "../utils/permissions.server";
import { idParam, planChanged, requirePlan, type PlanOnCase } from "../utils/plan.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Change an action of the plan") }];

async function requireAction(context: Parameters<typeof requirePlan>[0], on: PlanOnCase, rawId: string | undefined) {
  const actionId = idParam(rawId);
  const item = actionId === null ? null : await readPlanItem(context.services.sql, on.facts.caseId, { actionId });
  if (!item?.action || item.planId !== on.plan.id) throw notFound();
  return { ...item, action: item.action };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requirePlan(context, signedIn, params, { change: true });
  const item = await requireAction(context, on, params.actionId);
  await audit(context, signedIn, { action: "view:plan", outcome: "success", caseId: on.facts.caseId, target: on.target, details: { actionId: item.action.id } });
  return item;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requirePlan(context, signedIn, params, { change: true });
  const item = await requireAction(context, on, params.actionId);
  const at = context.services.clock();
  const schema = planActionSchema({ today: todayInEngland(at), ownerUserIds: item.owners.map((owner) => owner.userId), keepDueOn: item.action.dueOn });
  const form = await request.formData();
  const parsed = parseForm(schema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { outcomeId: _none, ...change } = parsed.data;
  const result = await updatePlanAction(context.services.sql, { ...change, caseId: on.facts.caseId, planId: on.plan.id, actionId: item.action.id, by: signedIn.user.id, at });
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: formValues(form) }, { status: 400 });
  return planChanged(context, signedIn, on, {
    action: "change:plan-action",
    details: { actionId: item.action.id, changed: result.changed },
    done: result.changed ? "change:plan-action" : "unchanged",
    anchor: `action-${item.action.id}`,
  });
}

export default function ChangePlanAction() {
  const page = useLoaderData<typeof loader>();
  const { errors, values } = answersOf(useActionData<typeof action>());
  const back = `/cases/${page.caseId}/plan#action-${page.action.id}`;
  return (
    <Column width="two-thirds">
      <BackLink to={back}>Back to the plan</BackLink>
      <ErrorSummary errors={errors} order={planActionFields} />
      <PageHeading caption={caseCaption(page)}>Change action {page.action.number}</PageHeading>
      <p className="govuk-body">
        For outcome {page.outcome.number}: {page.outcome.wording}
      </p>
      <Form method="post" noValidate>
        <PlanActionFields owners={page.owners} errors={errors} values={errors ? values : page.action.values} firstName={page.firstName} />
        <SubmitOrCancel cancelTo={back}>Save the action</SubmitOrCancel>
      </Form>
    </Column>
  );
}
