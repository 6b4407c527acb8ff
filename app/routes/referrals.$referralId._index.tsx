// A referral as its referrer reads it once sent: every answer, read-only, and where it stands. A draft opens at
// "Check your answers"; anyone else's referral is a 404, audited.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { RECEIVED } from "../../common/forms/referrals";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { BackLink, Column, ConfirmationPanel, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { ReferralSummary } from "../components/referral-summary";
import { requireUser } from "../utils/auth.server";
import { audit } from "../utils/permissions.server";
import { requireReferral } from "../utils/referral.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your referral") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireReferral(context, signedIn, params.referralId, "read:referral");
  if (referral.status === "draft") throw redirect(`/referrals/${referral.id}/check-answers`);
  await audit(context, signedIn, { action: "read:referral", outcome: "success", target: `referral:${referral.id}` });
  return { referral, sentAt: formatDateTime(new Date(referral.submittedAt!)) };
}

export default function Referral() {
  const { referral, sentAt } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const names = referral.children.map((child) => child.fullName).join(", ");
  return (
    <Column width="two-thirds">
      <BackLink to="/">Back to your work</BackLink>
      {search.get("sent") === "1" ? (
        <>
          <ConfirmationPanel title="Referral sent">
            Your reference is <strong>{`R-${referral.id}`}</strong>
          </ConfirmationPanel>
          <h2 className="govuk-heading-l">{`Your referral about ${names}`}</h2>
        </>
      ) : (
        <PageHeading caption={`Referral R-${referral.id}`}>{`Your referral about ${names}`}</PageHeading>
      )}
      <SummaryList testId="referral-status">
        <SummaryRow label="Sent">{sentAt}</SummaryRow>
        <SummaryRow label="Status">
          <strong className="govuk-tag govuk-tag--blue">{RECEIVED}</strong>
        </SummaryRow>
      </SummaryList>
      <p className="govuk-body">The multi-agency screening team decides what happens next within one working day. You will see the outcome here.</p>
      <ReferralSummary referral={referral} />
    </Column>
  );
}
