// Matching at the front door as the screening team's pages show it (issue 12 item 3; decision 035): each child on the
// contact with its possible matches (children on cases, children of other sent referrals) and why, its match now, the
// history of matches, and whether the contact is a re-referral. A case's child shows only the case's reference, the
// name and the date of birth; a link to the case only for someone the policy lets read it.
import type { AppLoadContext } from "@remix-run/node";
import { formatDate, formatDateTime } from "../../common/format";
import { formatNhsNumber } from "../../common/nhs-number";
import { can } from "../../server/access/policy";
import { loadCaseFacts } from "../../server/cases/case-facts";
import { listContactMatches } from "../../server/referrals/contact-matches";
import { listMatchCandidates } from "../../server/referrals/match-candidates";
import type { Referral } from "../../server/referrals/read-referral";
import { reReferralOf } from "../../server/referrals/re-referrals";
import type { SignedIn } from "./auth.server";
import { audit } from "./permissions.server";
import { referralResource } from "./referral.server";

const birthWords = (child: { dateOfBirth: string | null; expectedOn?: string | null }) =>
  child.dateOfBirth ? `Born ${formatDate(child.dateOfBirth)}` : child.expectedOn ? `Unborn, expected ${formatDate(child.expectedOn)}` : "Date of birth not known";

const reasonWords = (reasons: string[]) => {
  const text = reasons.join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * The whole matching section of a contact's page, ready to send to the browser, and whether this person may match it
 * now. The cases it shows are audited with the view.
 */
export async function contactMatching(context: AppLoadContext, signedIn: SignedIn, referral: Referral) {
  const { sql } = context.services;
  const { actor } = signedIn;
  const contactId = referral.id;
  const [candidates, matches, earlier] = [await listMatchCandidates(sql, contactId), await listContactMatches(sql, contactId), await reReferralOf(sql, contactId)];
  const readable = new Map<number, boolean>();
  for (const caseId of new Set(candidates.flatMap((entry) => entry.cases.map((candidate) => candidate.caseId)).concat(matches.flatMap((m) => (m.linked ? [m.linked.caseId] : []))))) {
    const facts = await loadCaseFacts(sql, caseId, context.services.clock());
    readable.set(caseId, facts !== null && can(actor, "read:case", { type: "case", case: facts }));
  }
  const caseLink = (caseId: number) => (readable.get(caseId) ? `/cases/${caseId}` : null);
  const shownMatch = (match: (typeof matches)[number]) => ({
    id: match.id,
    childName: match.childName,
    linked: match.linked
      ? { caseReference: match.linked.caseReference, caseLink: caseLink(match.linked.caseId), fullName: match.linked.fullName, birth: birthWords(match.linked) }
      : null,
    reasons: match.reasons,
    by: `${match.byName}, ${match.byAgencyName}`,
    at: formatDateTime(match.at),
  });
  const caseIdsShown = [...readable.keys()];
  if (caseIdsShown.length)
    await audit(context, signedIn, { action: "screen:contact", outcome: "success", target: `contact:${contactId}`, details: { shown: "matches", caseIds: caseIdsShown } });
  return {
    canMatch: can(actor, "match:contact", referralResource(referral)),
    reReferral: earlier.map((entry) => ({
      childName: entry.childName,
      earlierContactId: entry.earlierContactId,
      sent: formatDate(entry.earlierSubmittedAt),
    })),
    children: candidates.map(({ child, cases, referrals }) => {
      const current = matches.find((match) => match.contactChildId === child.id);
      return {
        id: child.id,
        fullName: child.fullName,
        birth: birthWords(child),
        nhsNumber: child.nhsNumber ? formatNhsNumber(child.nhsNumber) : null,
        current: current ? shownMatch(current) : null,
        cases: cases.map((candidate) => ({
          casePersonId: candidate.casePersonId,
          caseReference: candidate.caseReference,
          caseLink: caseLink(candidate.caseId),
          fullName: candidate.fullName,
          birth: birthWords(candidate),
          why: reasonWords(candidate.reasons),
        })),
        referrals: referrals.map((candidate) => ({
          contactId: candidate.contactId,
          fullName: candidate.fullName,
          birth: birthWords(candidate),
          sent: formatDateTime(candidate.submittedAt),
          why: reasonWords(candidate.reasons),
        })),
      };
    }),
    history: matches.map(shownMatch),
  };
}

export type ContactMatchingView = Awaited<ReturnType<typeof contactMatching>>;
