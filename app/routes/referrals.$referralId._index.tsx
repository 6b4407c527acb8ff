// A referral as its referrer reads it once sent: every answer, read-only, and where it stands. A draft opens at
// "Check your answers"; anyone else's referral is a 404, audited.
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { referralStandingWords } from "../../common/forms/contact-decisions";
import { RECEIVED } from "../../common/forms/referrals";
import { readReferrerOutcome } from "../../server/referrals/contact-decisions";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { BackLink, Column, ConfirmationPanel, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { ReferralSummary } from "../components/referral-summary";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";
import { audit } from "../utils/permissions.server";
import { requireReferral } from "../utils/referral.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your referral") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireReferral(context, signedIn, params.referralId, "read:referral");
  if (referral.status === "draft") throw redirect(`/referrals/${referral.id}/check-answers`);
  await audit(context, signedIn, { action: "read:referral", outcome: "success", target: `referral:${referral.id}` });
  const outcome = await readReferrerOutcome(context.services.sql, referral.id);
  return {
    referral,
    sentAt: formatDateTime(new Date(referral.submittedAt!)),
    standing: referralStandingWords(outcome, RECEIVED),
    decided: outcome.outcome ? { at: formatDateTime(outcome.decidedAt!), feedback: outcome.feedback ?? "" } : null,
  };
}

export default function Referral() {
  const { referral, sentAt, standing, decided } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  // The outcome arrives while the page is open: the decision tells the referrer's own room, without content.
  usePresence(`user:${referral.referrerUserId}`);
  useChangeNotices(`user:${referral.referrerUserId}`);
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
          <strong className={`govuk-tag govuk-tag--${standing.colour}`}>{standing.words}</strong>
        </SummaryRow>
        {decided ? (
          <>
            <SummaryRow label="Decided">{decided.at}</SummaryRow>
            <SummaryRow label="Feedback from the screening team" testId="referral-feedback">
              {decided.feedback}
            </SummaryRow>
          </>
        ) : null}
      </SummaryList>
      {decided ? null : (
        <p className="govuk-body">The multi-agency screening team decides what happens next within one working day. You will see the outcome here.</p>
      )}
      <ReferralSummary referral={referral} />
    </Column>
  );
}
