// Making a referral: any professional, one form for every agency. Starting makes a draft the referrer comes back to.
import { redirect, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { startReferral } from "../../server/referrals/start-referral";
import { Column, PageHeading, SubmitButton, WarningText } from "../components/page";
import { pageTitle } from "../components/page-title";
import { requireUser, type SignedIn } from "../utils/auth.server";
import { audit, authorize } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Make a referral") }];

async function requireReferrer(request: Request, context: AppLoadContext): Promise<SignedIn> {
  const signedIn = await requireUser(request, context);
  const agencyId = signedIn.user.agencyId;
  await authorize(context, signedIn, "make:referral", { type: "agency", agencyId }, { target: `agency:${agencyId}` });
  return signedIn;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireReferrer(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireReferrer(request, context);
  const { user } = signedIn;
  const id = await startReferral(context.services.sql, {
    referrer: { id: user.id, agencyId: user.agencyId, fullName: user.fullName, jobTitle: user.jobTitle, email: user.email },
    at: context.services.clock(),
  });
  await audit(context, signedIn, { action: "make:referral", outcome: "success", target: `referral:${id}` });
  return redirect(`/referrals/${id}/child`);
}

export default function NewReferral() {
  return (
    <Column width="two-thirds">
      <PageHeading>Make a referral</PageHeading>
      <p className="govuk-body">
        Tell the multi-agency screening team about a child you are worried about. Every agency uses this one form. The team
        decides what happens next within one working day.
      </p>
      <p className="govuk-body">You will be asked about:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>the child or children, and their family</li>
        <li>what happened and what you are worried about</li>
        <li>what you have done, whether the family knows, and consent</li>
        <li>how the team can reach you</li>
      </ul>
      <p className="govuk-body">Your answers are saved as you go. You can come back to them from "Your work" before you send the referral.</p>
      <WarningText>If a child is in immediate danger, call the police on 999 now.</WarningText>
      <Form method="post">
        <SubmitButton>Start now</SubmitButton>
      </Form>
    </Column>
  );
}
