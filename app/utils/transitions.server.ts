// Request guards for step up and step down: the transition, with its case's facts, if this person may do `action` to
// it. One that does not exist and one they may not read get the same 404, both audited; a reader refused an answer
// gets 403, audited.
import type { AppLoadContext } from "@remix-run/node";
import { can, type CaseFacts, type Resource } from "../../server/access/policy";
import { loadCaseFacts } from "../../server/cases/case-facts";
import { listCaseTransitions, listContactTransitions, readTransition, type Transition } from "../../server/transitions/read-transition";
import { readCaseLeadAgency } from "../../server/transitions/propose-transition";
import { transitionNames } from "../../common/forms/transitions";
import { formatDateTime } from "../../common/format";
import type { SignedIn } from "./auth.server";
import { audit, authorize, notFound } from "./permissions.server";

export const transitionResource = (transition: Transition, facts: CaseFacts | null): Resource => ({
  type: "transition",
  case: facts ?? undefined,
  direction: transition.direction,
  toAgencyId: transition.toAgencyId,
  proposedByUserId: transition.proposedByUserId,
  state: transition.state,
});

export async function requireTransition(
  context: AppLoadContext,
  signedIn: SignedIn,
  rawId: string | undefined,
): Promise<{ transition: Transition; facts: CaseFacts | null; resource: Resource }> {
  const id = /^\d{1,15}$/.test(rawId ?? "") ? Number(rawId) : NaN;
  const target = `transition:${(rawId ?? "").slice(0, 40)}`;
  const transition = Number.isSafeInteger(id) ? await readTransition(context.services.sql, id) : null;
  if (!transition) {
    await audit(context, signedIn, { action: "read:transition", outcome: "denied", target, details: { reason: "no such transition" } });
    throw notFound();
  }
  const facts = transition.caseId === null ? null : await loadCaseFacts(context.services.sql, transition.caseId, context.services.clock());
  const resource = transitionResource(transition, facts);
  await authorize(context, signedIn, "read:transition", resource, { target, caseId: facts?.caseId, hide: true });
  return { transition, facts, resource };
}

/**
 * The case page's "Transitions": every step up and down of the case with who proposed it, why, and the answer; and
 * the proposal this person may make now, if any (a step down of a social care-led case, a step up of an early help-led
 * one).
 */
export async function caseTransitionsFor(context: AppLoadContext, signedIn: SignedIn, facts: CaseFacts) {
  const { sql } = context.services;
  const [transitions, lead] = await Promise.all([listCaseTransitions(sql, facts.caseId), readCaseLeadAgency(sql, facts.caseId)]);
  const direction = lead?.kind === "social_care" ? "step_down" : lead?.kind === "early_help" ? "step_up" : null;
  const pending = transitions.some((transition) => transition.state === "proposed");
  const mayPropose =
    direction !== null &&
    !pending &&
    can(signedIn.actor, "propose:transition", { type: "transition", case: facts, direction, toAgencyId: "", proposedByUserId: signedIn.user.id, state: "proposed" });
  return {
    history: transitions.map(presentTransition),
    propose: mayPropose && direction ? { direction, title: transitionNames[direction].title } : null,
  };
}

/** A transition as its pages show it: words and dates, no ids but its own. */
export function presentTransition(transition: Transition) {
  return {
    id: transition.id,
    title: transitionNames[transition.direction].title,
    from: transition.fromAgencyName,
    to: transition.toAgencyName,
    rationale: transition.rationale,
    proposedBy: `${transition.proposedByName}, ${transition.proposedByAgencyName}`,
    proposedAt: formatDateTime(transition.proposedAt),
    state: transition.state,
    answer: transition.answer
      ? {
          by: `${transition.answer.byName}, ${transition.answer.byAgencyName}`,
          at: formatDateTime(transition.answer.at),
          reason: transition.answer.reason,
          leadName: transition.answer.leadName,
        }
      : null,
  };
}

export type PresentedTransition = ReturnType<typeof presentTransition>;

/** A contact's step down to early help, as the screening team sees it on the decision page: early help's answer. */
export async function contactTransitionsFor(context: AppLoadContext, contactId: number): Promise<PresentedTransition[]> {
  return (await listContactTransitions(context.services.sql, contactId)).map(presentTransition);
}
