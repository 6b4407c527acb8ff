// A referral's answers as GOV.UK summary lists: on "Check your answers" (with a "Change" link per answer) and, once
// sent, read-only for its referrer.
import { Link } from "@remix-run/react";
import { formatDate } from "../../common/format";
import { formatNhsNumber } from "../../common/nhs-number";
import { consentNames, stepTitles, type ReferralStep } from "../../common/forms/referrals";
import type { Referral } from "../../server/referrals/read-referral";
import { Hidden } from "./page";
import { SummaryList, SummaryRow } from "./summary-list";

type Shown = Omit<Referral, "createdAt" | "updatedAt" | "submittedAt"> & { submittedAt: string | Date | null };

const birth = (child: { dateOfBirth: string | null; expectedOn: string | null }) =>
  child.dateOfBirth ? `Born ${formatDate(child.dateOfBirth)}` : `Unborn, expected ${formatDate(child.expectedOn)}`;
const orNone = (text: string) => text || "Not given";

/** Words a referrer wrote, a paragraph per line they typed. */
function MultilineText({ text }: { text: string }) {
  const lines = text.split(/\n+/).filter((line) => line.trim() !== "");
  return lines.length > 1 ? (
    <>
      {lines.map((line, index) => (
        <p className="govuk-body" key={index}>
          {line}
        </p>
      ))}
    </>
  ) : (
    <>{text}</>
  );
}

export function ReferralSummary({ referral, changeable }: { referral: Shown; changeable?: boolean }) {
  // `id`: where the error summary of a refused send points, for the answer that is missing.
  const change = (step: ReferralStep, what: string, id?: string) =>
    changeable ? (
      <Link className="govuk-link" id={id} to={`/referrals/${referral.id}/${step}?change=1`}>
        Change<Hidden> {what}</Hidden>
      </Link>
    ) : undefined;
  return (
    <>
      <h2 className="govuk-heading-m">{stepTitles.child}</h2>
      <SummaryList testId="referral-children">
        {referral.children.length ? (
          referral.children.map((child) => (
            <SummaryRow key={child.id} label={child.fullName} actions={change("child", `${child.fullName}'s details`)}>
              {[birth(child), child.nhsNumber ? `NHS number ${formatNhsNumber(child.nhsNumber)}` : "", child.address, child.school].filter(Boolean).join(". ")}
            </SummaryRow>
          ))
        ) : (
          <SummaryRow label="Children" actions={change("child", "the children", "child")}>
            None added
          </SummaryRow>
        )}
      </SummaryList>
      <h2 className="govuk-heading-m">The family</h2>
      <SummaryList testId="referral-family">
        {referral.household.length ? (
          referral.household.map((member) => (
            <SummaryRow key={member.id} label={member.fullName} actions={change("family", `${member.fullName}'s details`)}>
              {`${member.relationship}. ${member.livesWithChild ? "Lives with the child" : "Does not live with the child"}`}
            </SummaryRow>
          ))
        ) : (
          <SummaryRow label="Family members" actions={change("family", "the family")}>
            None added
          </SummaryRow>
        )}
      </SummaryList>
      <h2 className="govuk-heading-m">The referral</h2>
      <SummaryList testId="referral-answers">
        <SummaryRow label="What happened" actions={change("concern", "what happened")}>
          <MultilineText text={orNone(referral.whatHappened)} />
        </SummaryRow>
        <SummaryRow label="What you are worried about" actions={change("concern", "what you are worried about", "concern")}>
          <MultilineText text={orNone(referral.worries)} />
        </SummaryRow>
        <SummaryRow label="What you have done" actions={change("actions", "what you have done")}>
          <MultilineText text={orNone(referral.actionsTaken)} />
        </SummaryRow>
        <SummaryRow label="Does the family know" actions={change("family-knows", "whether the family knows", "family-knows")}>
          {referral.familyKnows === "yes" ? "Yes" : referral.familyKnows === "no" ? `No${referral.familyKnowsDetail ? `: ${referral.familyKnowsDetail}` : ""}` : "Not answered"}
        </SummaryRow>
        <SummaryRow label="Consent" actions={change("consent", "consent", "consent")}>
          {referral.consent ? `${consentNames[referral.consent]}${referral.consentDetail ? `: ${referral.consentDetail}` : ""}` : "Not answered"}
        </SummaryRow>
      </SummaryList>
      <h2 className="govuk-heading-m">Referrer</h2>
      <SummaryList testId="referral-referrer">
        <SummaryRow label="Agency" actions={changeable ? null : undefined}>
          {referral.referrerAgencyName}
        </SummaryRow>
        <SummaryRow label="Name" actions={change("referrer", "your name", "referrer")}>
          {[referral.referrerName, referral.referrerJobTitle].filter(Boolean).join(", ") || "Not given"}
        </SummaryRow>
        <SummaryRow label="Telephone" actions={change("referrer", "your telephone number")}>
          {orNone(referral.referrerPhone)}
        </SummaryRow>
        <SummaryRow label="Email" actions={change("referrer", "your email address")}>
          {orNone(referral.referrerEmail)}
        </SummaryRow>
      </SummaryList>
    </>
  );
}
