// A social care manager's answer to a proposed decision (decision 036): authorise it, or send it back with a reason.
// Authorising records the referrer's feedback with it and, for a strategy discussion, opens the case (or uses the one
// the contact was linked to) and convenes the strategy discussion, all in one transaction: the contact is decided
// whole or not at all. Of two answers at once, one wins: the contact's row is held, and an index allows one answer
// per proposal and one authorisation per contact. Authorising ends writing to the contact's checks and map first
// (decision 037): writing is held, the decision committed (carrying the map to the case it opens), and every open
// editor made read-only before this resolves.
import { inTransaction, type Sql } from "../../db/client";
import { signOffDocuments, type DocumentEvents } from "../documents/sign-off-documents";
import { carryContactMap } from "./carry-contact-map";
import { instantInEngland, todayInEngland } from "../../common/forms/dates";
import { addWorkingDays, type Calendar } from "../calendar/working-days";
import { isDecidedRefusal } from "./contact-consent";
import { readDecisionStanding } from "./contact-decisions";
import { openStrategyDiscussion } from "./open-strategy-discussion";
import { stepContactDownToEarlyHelp } from "../transitions/propose-transition";

export type Answer = {
  contactId: number;
  proposalId: number;
  answer: "authorise" | "send_back";
  /** Authorise: what the referrer is told (the proposal's, as the manager leaves or rewords it). */
  feedback: string;
  /** Send back: why. */
  reason: string;
  byUserId: number;
  byAgencyId: string;
  at: Date;
  calendar: Calendar;
};

export type Answered =
  /** `transition`: a step down to early help, now the early help service's to accept or decline (decision 038). */
  | {
      ok: true;
      id: number;
      caseId: number | null;
      meetingId: number | null;
      transition?: { id: number; toAgencyId: string } | null;
    }
  | { ok: false; problem: "decided" | "answered" | "own-proposal" };

/** When a strategy discussion convened on authorisation is held: 10:00 on the next working day (decision 036). */
export function strategyDiscussionTime(calendar: Calendar, at: Date): { heldOn: string; heldAt: Date } {
  const heldOn = addWorkingDays(calendar, todayInEngland(at), 1);
  return { heldOn, heldAt: instantInEngland(heldOn, "10:00") };
}

export async function answerContactDecision(
  services: { sql: Sql; events: DocumentEvents },
  answer: Answer
): Promise<Answered> {
  try {
    if (answer.answer === "send_back") return await decide(services.sql, answer);
    const contactDocuments = `contact:${answer.contactId}:`;
    return await signOffDocuments(services, {
      ends: { kind: "contact-records-changed", contactId: answer.contactId },
      documents: { prefixes: [contactDocuments] },
      markSignedOff: (tx) => decide(tx, answer),
    });
  } catch (error) {
    if (isDecidedRefusal(error)) return { ok: false, problem: "decided" };
    // The one-answer indexes: another manager's answer landed first. Any other unique key is a fault, not an answer.
    const { code, constraint_name: index } = (error ?? {}) as { code?: unknown; constraint_name?: unknown };
    if (code === "23505" && typeof index === "string" && index.startsWith("contact_decisions_one_")) return { ok: false, problem: "answered" };
    throw error;
  }
}

function decide(sql: Sql, answer: Answer): Promise<Answered> {
  return inTransaction(sql, async (tx): Promise<Answered> => {
    await tx`select id from contacts where id = ${answer.contactId} for update`;
    const standing = await readDecisionStanding(tx, answer.contactId);
    if (standing.decided) return { ok: false, problem: "decided" };
    const proposal = standing.pending;
    if (!proposal || proposal.id !== answer.proposalId) return { ok: false, problem: "answered" };
    if (proposal.byUserId === answer.byUserId) return { ok: false, problem: "own-proposal" };
    if (answer.answer === "send_back") {
      const [row] = await tx<{ id: string }[]>`
          insert into contact_decisions (contact_id, step, proposal_id, reason, by_user_id, by_agency_id, at)
          values (${answer.contactId}, 'sent_back', ${proposal.id}, ${answer.reason}, ${answer.byUserId}, ${answer.byAgencyId}, ${answer.at})
          returning id`;
      return { ok: true, id: Number(row.id), caseId: null, meetingId: null };
    }
    const opened =
      proposal.outcome === "strategy_discussion"
        ? await openStrategyDiscussion(tx, {
            contactId: answer.contactId,
            managerUserId: answer.byUserId,
            managerAgencyId: answer.byAgencyId,
            proposerUserId: proposal.byUserId,
            concern: proposal.rationale,
            ...strategyDiscussionTime(answer.calendar, answer.at),
            at: answer.at,
          })
        : null;
    if (opened)
      await carryContactMap(tx, {
        contactId: answer.contactId,
        caseId: opened.caseId,
        heldOn: todayInEngland(answer.at),
        byUserId: answer.byUserId,
        at: answer.at,
      });
    const [row] = await tx<{ id: string }[]>`
      insert into contact_decisions (contact_id, step, proposal_id, case_id, meeting_id, by_user_id, by_agency_id, at)
      values (${answer.contactId}, 'authorised', ${proposal.id}, ${opened?.caseId ?? null}, ${opened?.meetingId ?? null},
              ${answer.byUserId}, ${answer.byAgencyId}, ${answer.at})
      returning id`;
    await tx`
        insert into contact_feedback (contact_id, decision_id, feedback, by_user_id, by_agency_id, at)
        values (${answer.contactId}, ${row.id}, ${answer.feedback}, ${answer.byUserId}, ${answer.byAgencyId}, ${answer.at})`;
    const transition =
      proposal.outcome === "early_help"
        ? await stepContactDownToEarlyHelp(tx, {
            contactId: answer.contactId,
            rationale: proposal.rationale,
            byUserId: answer.byUserId,
            byAgencyId: answer.byAgencyId,
            at: answer.at,
          })
        : null;
    return {
      ok: true,
      id: Number(row.id),
      caseId: opened?.caseId ?? null,
      meetingId: opened?.meetingId ?? null,
      transition,
    };
  });
}
