// Consent and decisions on a contact behind a URL (decision 036): the screening team's pages ask the policy, and a
// decided contact refuses any more work with a clear message, audited, changing nothing.
import type { AppLoadContext } from "@remix-run/node";
import { formatDateTime } from "../../common/format";
import { consentNames, outcomeNames, referrerConsentNames } from "../../common/forms/contact-decisions";
import { can } from "../../server/access/policy";
import { listContactConsent } from "../../server/referrals/contact-consent";
import { listRecentlyDecided, readDecisionStanding, type DecisionStanding, type DecisionStep } from "../../server/referrals/contact-decisions";
import type { Referral } from "../../server/referrals/read-referral";
import type { SignedIn } from "./auth.server";
import { requireContact } from "./front-door.server";
import { audit } from "./permissions.server";
import { referralResource } from "./referral.server";

export const DECIDED_MESSAGE = "This referral has already been decided: nothing more can be recorded or decided on it";

/**
 * A sent contact this person may work with `action`: the screening team's 404 for anyone else, and, for a decided
 * contact, the refusal's words (audited) instead of the contact's work.
 */
export async function requireUndecidedContact(
  context: AppLoadContext,
  signedIn: SignedIn,
  rawId: string | undefined,
  action: "rate:contact" | "record:consent" | "propose:contact-decision",
): Promise<{ referral: Referral; refused: string | null }> {
  const referral = await requireContact(context, signedIn, rawId, "screen:contact");
  if (referral.decidedAt) {
    await audit(context, signedIn, { action, outcome: "denied", target: `contact:${referral.id}`, details: { reason: "decided" } });
    return { referral, refused: DECIDED_MESSAGE };
  }
  return { referral: await requireContact(context, signedIn, rawId, action), refused: null };
}

/** Whether this person may `action` the contact now (for what a page offers). */
export function mayWork(signedIn: SignedIn, referral: Referral, action: "record:consent" | "propose:contact-decision"): boolean {
  return can(signedIn.actor, action, referralResource(referral));
}

/** A contact's decisions as the screening team's pages show them: every step, the one waiting, the one authorised. */
export function decisionView(signedIn: SignedIn, standing: DecisionStanding) {
  const step = (entry: DecisionStep) => ({
    id: entry.id,
    step: entry.step,
    stepName: stepNames[entry.step],
    outcomeName: entry.outcome ? outcomeNames[entry.outcome] : null,
    rationale: entry.rationale,
    feedback: entry.feedback,
    reason: entry.reason,
    caseId: entry.caseId,
    meetingId: entry.meetingId,
    by: `${entry.byName}, ${entry.byAgencyName}`,
    at: formatDateTime(entry.at),
  });
  const pending = standing.pending;
  return {
    steps: standing.steps.map(step),
    pending: pending ? step(pending) : null,
    ownProposal: pending !== null && pending.byUserId === signedIn.user.id,
    mayAuthorise: pending !== null && can(signedIn.actor, "authorise:contact-decision", proposalResource(pending)),
    decided: standing.decided
      ? { ...step(standing.decided.authorisation), outcomeName: outcomeNames[standing.decided.proposal.outcome], outcome: standing.decided.proposal.outcome, feedback: standing.decided.feedback }
      : null,
  };
}

export const proposalResource = (proposal: { byUserId: number }) => ({ type: "contact-decision" as const, proposedByUserId: proposal.byUserId, state: "proposed" as const });

const stepNames = { proposed: "Proposed", authorised: "Authorised", sent_back: "Sent back" } as const;

/** What the screening page's consent and decision section shows. */
export async function contactWorkSummary(context: AppLoadContext, signedIn: SignedIn, referral: Referral) {
  const { sql } = context.services;
  const [consent, standing] = await Promise.all([listContactConsent(sql, referral.id), readDecisionStanding(sql, referral.id)]);
  return {
    consent: consent[0] ? consentNames[consent[0].consent] : "Not recorded by the screening team",
    referrerConsent: referral.consent ? referrerConsentNames[referral.consent] : "Not answered",
    view: decisionView(signedIn, standing),
  };
}

/** The queue page's recently decided referrals, as it shows them. */
export async function recentlyDecided(context: AppLoadContext) {
  return (await listRecentlyDecided(context.services.sql)).map((contact) => ({
    id: contact.id,
    children: contact.children,
    outcomeName: outcomeNames[contact.outcome],
    decided: formatDateTime(contact.decidedAt),
    byName: contact.byName,
  }));
}
