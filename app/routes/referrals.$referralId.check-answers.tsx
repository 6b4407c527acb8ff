// "Check your answers" before a referral is sent: every answer with its "Change" link; what is missing is named and
// links to its question; sending it twice changes nothing and says so.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { referralGaps } from "../../common/forms/referrals";
import { submitReferral } from "../../server/referrals/submit-referral";
import { ErrorSummary } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { ReferralSummary } from "../components/referral-summary";
import { requireUser } from "../utils/auth.server";
import { audit } from "../utils/permissions.server";
import { requireReferral } from "../utils/referral.server";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";

export const meta: MetaFunction = () => [{ title: pageTitle("Check your answers before sending your referral") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireReferral(context, signedIn, params.referralId, "read:referral");
  await audit(context, signedIn, { action: "read:referral", outcome: "success", target: `referral:${referral.id}` });
  // Once sent, this page says so (sending it again is refused here, with its message) and links to the referral.
  return { referral };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireReferral(context, signedIn, params.referralId, "read:referral");
  const target = `referral:${referral.id}`;
  const already = async () => {
    await audit(context, signedIn, { action: "submit:referral", outcome: "failure", target, details: { reason: "already sent" } });
    return data({ errors: { form: `You sent this referral on ${formatDateTime(new Date(referral.submittedAt ?? context.services.clock()))}. It cannot be sent again.` } }, { status: 409 });
  };
  if (referral.status !== "draft") return already();
  // Sending changes the referral: the same question as editing its draft (a referrer no longer allowed to refer cannot).
  await requireReferral(context, signedIn, params.referralId, "edit:referral");
  const gaps = referralGaps({ ...referral, childCount: referral.children.length });
  if (gaps.length) return data({ errors: Object.fromEntries(gaps.map((gap) => [gap.step, gap.message])) }, { status: 400 });
  // Held in the statement itself: of two sends at once, only one finds the draft.
  if (!(await submitReferral(context.services.sql, referral.id, context.services.clock()))) return already();
  await audit(context, signedIn, { action: "submit:referral", outcome: "success", target });
  context.services.events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  return redirect(`/referrals/${referral.id}?sent=1`);
}

export default function CheckAnswers() {
  const { referral } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <Column width="two-thirds">
      <BackLink to={`/referrals/${referral.id}/referrer`}>Back</BackLink>
      <ErrorSummary errors={errors} />
      <PageHeading caption="Make a referral">{referral.status === "draft" ? "Check your answers before sending your referral" : "Your referral has been sent"}</PageHeading>
      <ReferralSummary referral={referral} changeable={referral.status === "draft"} />
      {referral.status === "draft" ? (
        <>
          <h2 className="govuk-heading-m">Now send your referral</h2>
          <p className="govuk-body">
            By sending this referral you confirm that, to the best of your knowledge, the details you are giving are correct. Once sent,
            it cannot be changed.
          </p>
          <Form method="post">
            <SubmitButton>Accept and send</SubmitButton>
          </Form>
        </>
      ) : (
        <p className="govuk-body">
          This referral has been sent. <Link className="govuk-link" to={`/referrals/${referral.id}`}>Read your referral</Link>
        </p>
      )}
    </Column>
  );
}
