// A contact's decisions (decision 036): a screener proposes an outcome with its rationale and the referrer's feedback;
// a social care manager authorises it or sends it back with a reason. Every step is a row; the contact is decided
// once one is authorised, and "where it stands" is read from the rows.
import { inTransaction, type Sql } from "../../db/client";
import type { DecisionOutcome } from "../../common/forms/contact-decisions";
import { isDecidedRefusal } from "./contact-consent";
import { matchStanding } from "./contact-matches";

export type DecisionStep = {
  id: number;
  step: "proposed" | "authorised" | "sent_back";
  proposalId: number | null;
  outcome: DecisionOutcome | null;
  rationale: string;
  feedback: string;
  reason: string;
  caseId: number | null;
  meetingId: number | null;
  byUserId: number;
  byName: string;
  byAgencyName: string;
  at: Date;
};

export type Proposal = DecisionStep & { step: "proposed"; outcome: DecisionOutcome };

export type DecisionStanding = {
  /** Every step, newest first. */
  steps: DecisionStep[];
  /** A proposal waiting for a manager, if any. */
  pending: Proposal | null;
  /** The authorisation and the proposal it authorised, once decided. */
  decided: { authorisation: DecisionStep; proposal: Proposal; feedback: string } | null;
};

export async function readDecisionStanding(sql: Sql, contactId: number): Promise<DecisionStanding> {
  const rows = await sql<Record<string, unknown>[]>`
    select d.id, d.step, d.proposal_id, d.outcome, d.rationale, d.feedback, d.reason, d.case_id, d.meeting_id, d.by_user_id,
           u.full_name as by_name, a.name as agency_name, d.at
      from contact_decisions d join users u on u.id = d.by_user_id join agencies a on a.id = d.by_agency_id
     where d.contact_id = ${contactId} order by d.at desc, d.id desc`;
  const steps: DecisionStep[] = rows.map((row) => ({
    id: Number(row.id),
    step: row.step as DecisionStep["step"],
    proposalId: row.proposal_id === null ? null : Number(row.proposal_id),
    outcome: row.outcome as DecisionOutcome | null,
    rationale: row.rationale as string,
    feedback: row.feedback as string,
    reason: row.reason as string,
    caseId: row.case_id === null ? null : Number(row.case_id),
    meetingId: row.meeting_id === null ? null : Number(row.meeting_id),
    byUserId: Number(row.by_user_id),
    byName: row.by_name as string,
    byAgencyName: row.agency_name as string,
    at: row.at as Date,
  }));
  const answered = new Set(steps.map((step) => step.proposalId).filter((id) => id !== null));
  const proposals = steps.filter((step): step is Proposal => step.step === "proposed");
  const pending = proposals.find((proposal) => !answered.has(proposal.id)) ?? null;
  const authorisation = steps.find((step) => step.step === "authorised");
  let decided: DecisionStanding["decided"] = null;
  if (authorisation) {
    const [feedback] = await sql<{ feedback: string }[]>`select feedback from contact_feedback where decision_id = ${authorisation.id}`;
    decided = { authorisation, proposal: proposals.find((p) => p.id === authorisation.proposalId)!, feedback: feedback?.feedback ?? "" };
  }
  return { steps, pending, decided };
}

/**
 * What the referrer reads of where their referral stands: whether screening has begun, and once decided the outcome,
 * when, and the feedback. Never the ratings, checks, consent records, rationale or any reason.
 */
export async function readReferrerOutcome(
  sql: Sql,
  contactId: number,
): Promise<{ screened: boolean; outcome: DecisionOutcome | null; decidedAt: Date | null; feedback: string | null }> {
  const [row] = await sql<{ screened: boolean; outcome: DecisionOutcome | null; at: Date | null; feedback: string | null }[]>`
    select (exists (select 1 from contact_ratings where contact_id = ${contactId})
              or exists (select 1 from contact_consent where contact_id = ${contactId})
              or exists (select 1 from contact_decisions where contact_id = ${contactId})
              or exists (select 1 from contact_matches where contact_id = ${contactId})
              or exists (select 1 from contact_checks where contact_id = ${contactId})) as screened,
           p.outcome, d.at, f.feedback
      from (select 1) one
      left join contact_decisions d on d.contact_id = ${contactId} and d.step = 'authorised'
      left join contact_decisions p on p.id = d.proposal_id
      left join contact_feedback f on f.decision_id = d.id`;
  return { screened: row.screened, outcome: row.outcome, decidedAt: row.at, feedback: row.feedback };
}

export type DecidingNeed = "consent" | "match";

/**
 * What a contact still needs before a decision can be proposed: consent recorded (the referrer's asked and given or
 * refused, or the screening team's record), and every child matched or confirmed none (`matchNeeded`).
 */
export async function whatDecidingNeeds(sql: Sql, contactId: number): Promise<DecidingNeed[]> {
  const [row] = await sql<{ consent: boolean }[]>`
    select exists (select 1 from contact_referrals where contact_id = ${contactId} and consent in ('given', 'refused'))
        or exists (select 1 from contact_consent where contact_id = ${contactId}) as consent`;
  const needs: DecidingNeed[] = [];
  if (!row?.consent) needs.push("consent");
  if (await matchNeeded(sql, contactId)) needs.push("match");
  return needs;
}

/** Whether a child on the contact is still to be matched (linked to a known child, or confirmed none; decision 035). */
export async function matchNeeded(sql: Sql, contactId: number): Promise<boolean> {
  return !(await matchStanding(sql, contactId)).complete;
}

export type NewProposal = {
  contactId: number;
  outcome: DecisionOutcome;
  rationale: string;
  feedback: string;
  byUserId: number;
  byAgencyId: string;
  at: Date;
};

export type Proposed = { ok: true; id: number } | { ok: false; problem: "decided" | "pending" | DecidingNeed };

/** Proposes a decision, unless the contact is decided, a proposal is waiting, or it still needs consent or a match. */
export async function proposeContactDecision(sql: Sql, proposal: NewProposal): Promise<Proposed> {
  try {
    return await inTransaction(sql, async (tx): Promise<Proposed> => {
      await tx`select id from contacts where id = ${proposal.contactId} for update`;
      const standing = await readDecisionStanding(tx, proposal.contactId);
      if (standing.decided) return { ok: false, problem: "decided" };
      if (standing.pending) return { ok: false, problem: "pending" };
      const [need] = await whatDecidingNeeds(tx, proposal.contactId);
      if (need) return { ok: false, problem: need };
      const [row] = await tx<{ id: string }[]>`
        insert into contact_decisions (contact_id, step, outcome, rationale, feedback, by_user_id, by_agency_id, at)
        values (${proposal.contactId}, 'proposed', ${proposal.outcome}, ${proposal.rationale}, ${proposal.feedback},
                ${proposal.byUserId}, ${proposal.byAgencyId}, ${proposal.at})
        returning id`;
      return { ok: true, id: Number(row.id) };
    });
  } catch (error) {
    if (isDecidedRefusal(error)) return { ok: false, problem: "decided" };
    throw error;
  }
}

export type RecentlyDecided = { id: number; children: string; outcome: DecisionOutcome; decidedAt: Date; byName: string };

/** The contacts decided most recently, newest first: they have left the queue, and the team can still find them. */
export async function listRecentlyDecided(sql: Sql, limit = 10): Promise<RecentlyDecided[]> {
  const rows = await sql<{ contact_id: string; children: string | null; outcome: DecisionOutcome; at: Date; full_name: string }[]>`
    select d.contact_id, p.outcome, d.at, u.full_name,
           (select string_agg(full_name, ', ' order by id) from contact_children where contact_id = d.contact_id) as children
      from contact_decisions d join contact_decisions p on p.id = d.proposal_id join users u on u.id = d.by_user_id
     where d.step = 'authorised' order by d.at desc, d.id desc limit ${limit}`;
  return rows.map((row) => ({ id: Number(row.contact_id), children: row.children ?? "", outcome: row.outcome, decidedAt: row.at, byName: row.full_name }));
}
