// The child protection plan (`/cases/:id/plan`): its details and clocks, outcomes and their actions, the live
// contingency plan, and every change; `?at=YYYY-MM-DD` shows the plan as it stood at the end of that day. Each part
// is its own file beside this one; the action is in plan-actions.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { todayInEngland } from "../../../common/forms/dates";
import { dayNumberOrNull } from "../../../common/calendar-dates";
import { readPlanPage } from "../../../server/plans/read-plan-page";
import { SuccessBanner } from "../../components/banners";
import { ErrorSummary } from "../../components/forms";
import { usePageAnswers } from "../../components/use-page-answers";
import { BackLink, caseCaption, PageHeading } from "../../components/page";
import { pageTitle } from "../../components/page-title";
import { requireUser } from "../../utils/auth.server";
import { requirePlan } from "../../utils/plan.server";
import { audit, notFound, requireCase } from "../../utils/permissions.server";
import { PlanChanges } from "./changes";
import { ContingencyPlan } from "./contingency";
import { AddActionForm, AddOutcomeForm } from "./add-forms";
import { Outcomes } from "./outcomes";
import { AboutThePlan } from "./about";
import { CoreGroups } from "./core-groups";
import { planAction } from "./plan-actions.server";
import { planActionFields } from "../../../common/forms/plan";

export const meta: MetaFunction = () => [{ title: pageTitle("Child protection plan") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const today = todayInEngland(context.services.clock());
  const at = new URL(request.url).searchParams.get("at");
  // A day in the plan's past, written YYYY-MM-DD; anything else is no page.
  if (at !== null && (dayNumberOrNull(at) === null || at > today)) throw notFound();
  const page = await readPlanPage(context.services.sql, context.services.calendar, signedIn, facts, { today, at });
  await audit(context, signedIn, { action: "view:plan", outcome: "success", caseId: facts.caseId, target: `case:${facts.caseId}:plan`, details: at ? { at } : {} });
  return page;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  return planAction(request, context, signedIn, await requirePlan(context, signedIn, params, { change: true }));
}

export type PlanPage = ReturnType<typeof useLoaderData<typeof loader>>;
export type PlanShown = NonNullable<PlanPage["plan"]>;

const doneMessages: Record<string, string> = {
  "add:plan-outcome": "The outcome has been added to the plan.",
  "add:plan-action": "The action has been added to the plan.",
  "change:plan-visits": "How often the child is visited and seen alone has been saved.",
  "change:plan-outcome": "The outcome has been changed. Its earlier wording is kept in the plan's history.",
  "change:plan-action": "The action has been changed. Its earlier version is kept in the plan's history.",
  unchanged: "Nothing was changed: the plan already said that.",
};

export default function PlanPage() {
  const page = useLoaderData<typeof loader>();
  const { errors, values, failed, done } = usePageAnswers(useActionData<typeof action>());
  const { plan } = page;
  return (
    <>
      <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} order={["visits", "seenAlone", "wording", ...planActionFields]} />
      {done && !errors ? <SuccessBanner id="plan-done" heading={doneMessages[done] ?? "Saved."} /> : null}
      <PageHeading caption={caseCaption(page)}>Child protection plan</PageHeading>
      {page.at ? (
        <div className="govuk-inset-text" data-testid="plan-as-at">
          You are reading the plan as it stood at the end of {page.at.words}.{" "}
          <Link className="govuk-link" to={`/cases/${page.caseId}/plan`}>
            See the plan as it stands now
          </Link>
        </div>
      ) : null}
      {plan ? (
        <>
          <AboutThePlan page={page} plan={plan} form={{ errors: failed === "change-visits" ? errors : undefined, values }} />
          <CoreGroups page={page} />
          <Outcomes page={page} plan={plan} />
          {page.canChange ? (
            <>
              <AddOutcomeForm caseId={page.caseId} errors={failed === "add-outcome" ? errors : undefined} values={failed === "add-outcome" ? values : {}} />
              <AddActionForm page={page} plan={plan} errors={failed === "add-action" ? errors : undefined} values={failed === "add-action" ? values : {}} />
            </>
          ) : null}
          <ContingencyPlan page={page} />
          <PlanChanges page={page} plan={plan} />
        </>
      ) : (
        <p className="govuk-body" data-testid="no-plan">
          {page.at
            ? `${page.firstName} had no child protection plan at the end of ${page.at.words}.`
            : `${page.firstName} has no child protection plan. A plan is made by an initial child protection conference.`}
        </p>
      )}
    </>
  );
}
