// The referral a front-door decision opened (or brought to) this case, as the case's people read it under today's
// rules (issue 12, Access): the referral as sent, the decision with its rationale and who authorised it, and the
// agency checks, each opened only by those the policy lets read it. Anyone who may not read the case gets the same
// 404 as for a referral that never led here.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { outcomeNames } from "../../common/forms/contact-decisions";
import { readDecisionStanding } from "../../server/referrals/contact-decisions";
import { readReferral } from "../../server/referrals/read-referral";
import { BackLink, Column, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { ReferralSummary } from "../components/referral-summary";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { requireUser } from "../utils/auth.server";
import { contactChecksSeenBy } from "../utils/front-door.server";
import { audit, notFound, requireCase } from "../utils/permissions.server";
import { idParam } from "../utils/plan.server";

export const meta: MetaFunction = () => [{ title: pageTitle("The referral") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const contactId = idParam(params.contactId);
  const standing = contactId === null ? null : await readDecisionStanding(context.services.sql, contactId);
  const decided = standing?.decided;
  const target = `referral:${(params.contactId ?? "").slice(0, 40)}`;
  if (!decided || decided.authorisation.caseId !== facts.caseId) {
    await audit(context, signedIn, { action: "read:referral", outcome: "denied", caseId: facts.caseId, target, details: { reason: "not a referral of this case" } });
    throw notFound();
  }
  const referral = (await readReferral(context.services.sql, contactId!))!;
  await audit(context, signedIn, { action: "read:referral", outcome: "success", caseId: facts.caseId, target });
  return {
    caseId: facts.caseId,
    referral,
    received: formatDateTime(new Date(referral.submittedAt!)),
    decision: {
      outcome: outcomeNames[decided.proposal.outcome],
      rationale: decided.proposal.rationale,
      proposed: `${formatDateTime(decided.proposal.at)} by ${decided.proposal.byName}, ${decided.proposal.byAgencyName}`,
      authorised: `${formatDateTime(decided.authorisation.at)} by ${decided.authorisation.byName}, ${decided.authorisation.byAgencyName}`,
      feedback: decided.feedback,
    },
    checks: await contactChecksSeenBy(context, signedIn, contactId!),
  };
}

export default function CaseReferral() {
  const { caseId, referral, received, decision, checks } = useLoaderData<typeof loader>();
  const names = referral.children.map((child) => child.fullName).join(", ");
  return (
    <Column width="two-thirds">
      <BackLink to={`/cases/${caseId}`}>Back to the case</BackLink>
      <PageHeading caption={`Referral R-${referral.id} from ${referral.referrerAgencyName}`}>{`The referral about ${names}`}</PageHeading>
      <SummaryList testId="case-referral-decision">
        <SummaryRow label="Received">{received}</SummaryRow>
        <SummaryRow label="Decision">{decision.outcome}</SummaryRow>
        <SummaryRow label="Rationale">{decision.rationale}</SummaryRow>
        <SummaryRow label="Proposed">{decision.proposed}</SummaryRow>
        <SummaryRow label="Authorised">{decision.authorised}</SummaryRow>
        <SummaryRow label="Feedback to the referrer">{decision.feedback}</SummaryRow>
      </SummaryList>
      <h2 className="govuk-heading-m">Agency checks</h2>
      {checks.checks.length === 0 ? (
        <p className="govuk-body">No agency checks were made at the front door.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" data-testid="case-referral-checks">
          {checks.checks.map((check) => (
            <li key={check.agencyId}>
              {check.canOpen ? (
                <Link className="govuk-link" to={`/front-door/${referral.id}/checks/${check.agencyId}`}>{`${check.agencyName}'s check`}</Link>
              ) : (
                `${check.agencyName}'s check (restricted to ${check.agencyName} and the managers who decide)`
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 className="govuk-heading-m">The referral as sent</h2>
      <ReferralSummary referral={referral} />
    </Column>
  );
}
