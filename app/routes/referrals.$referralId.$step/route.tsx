// One question page of a draft referral (`/referrals/<id>/<step>`): the pages are in common/forms/referrals.ts
// (referralSteps), their forms in people-pages.tsx and question-pages.tsx beside this file, saving in save-step.server.ts.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { referralSteps, stepTitles } from "../../../common/forms/referrals";
import { answersOf, ErrorSummary } from "../../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../../components/page";
import { pageTitle } from "../../components/page-title";
import { requireUser } from "../../utils/auth.server";
import { audit, notFound } from "../../utils/permissions.server";
import { requireReferral } from "../../utils/referral.server";
import { ChildPage, FamilyPage, NewPersonFields } from "./people-pages";
import { QuestionPage } from "./question-pages";
import { isStep, saveStep } from "./save-step.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? stepTitles[data.step] : "Make a referral") }];

async function stepOf(args: LoaderFunctionArgs) {
  const signedIn = await requireUser(args.request, args.context);
  const referral = await requireReferral(args.context, signedIn, args.params.referralId, "edit:referral");
  const step = args.params.step;
  if (!isStep(step)) throw notFound();
  return { signedIn, referral, step, changing: new URL(args.request.url).searchParams.get("change") === "1" };
}

export async function loader(args: LoaderFunctionArgs) {
  const { signedIn, referral, step, changing } = await stepOf(args);
  await audit(args.context, signedIn, { action: "read:referral", outcome: "success", target: `referral:${referral.id}`, details: { step } });
  return { referral, step, changing };
}

export async function action(args: ActionFunctionArgs) {
  const { signedIn, referral, step, changing } = await stepOf(args);
  return saveStep(args.context, signedIn, referral, step, await args.request.formData(), changing);
}

export type StepData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ReferralStep() {
  const loaded = useLoaderData<typeof loader>();
  const { referral, step, changing } = loaded;
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  const index = referralSteps.indexOf(step);
  const back = changing || index === 0 ? `/referrals/${referral.id}/check-answers` : `/referrals/${referral.id}/${referralSteps[index - 1]}`;
  const answers = { errors, values, field, referral };
  return (
    <Column width="two-thirds">
      <BackLink to={index === 0 && !changing ? "/" : back}>Back</BackLink>
      <ErrorSummary errors={errors} />
      <PageHeading caption={`Make a referral · question ${index + 1} of ${referralSteps.length}`}>{stepTitles[step]}</PageHeading>
      {step === "child" ? <ChildPage {...answers} /> : step === "family" ? <FamilyPage {...answers} /> : null}
      <Form method="post" noValidate action={changing ? "?change=1" : undefined}>
        {step !== "child" && step !== "family" ? <QuestionPage step={step} {...answers} /> : <NewPersonFields step={step} {...answers} />}
        <div className="govuk-button-group">
          <SubmitButton>Save and continue</SubmitButton>
          {step === "child" || step === "family" ? (
            <button type="submit" name="intent" value="add" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              {step === "child" ? "Save and add another child" : "Save and add another person"}
            </button>
          ) : null}
          <button type="submit" name="intent" value="later" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Save and come back later
          </button>
        </div>
      </Form>
    </Column>
  );
}
