// The receiving team's one answer to a transition. Declined: with why; nothing else changes. Accepted, on a case: the
// case stays one record with all its history, and the lead moves: the receiving agency joins the case (or is already
// on it) and leads it, the worker its manager names leads the work, and the team that led it stays on the case without
// leading (its people keep reading what they wrote; the case team's managers may take them off later).
import { inTransaction, type Sql } from "../../db/client";
import { transitionMessages, type TransitionDirection } from "../../common/forms/transitions";
import type { TransitionRefusal } from "./propose-transition";

/** Who in the receiving agency may lead the work: its active practitioners and managers. */
export async function listLeadCandidates(sql: Sql, agencyId: string): Promise<{ id: number; fullName: string; jobTitle: string }[]> {
  const rows = await sql<{ id: string; fullName: string; jobTitle: string }[]>`
    select id, full_name as "fullName", job_title as "jobTitle" from users
    where agency_id = ${agencyId} and active and role in ('practitioner', 'manager')
    order by full_name`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export type Answer =
  | { answer: "accepted"; leadUserId?: number; reason: string }
  | { answer: "declined"; reason: string };

export async function answerTransition(
  sql: Sql,
  opts: { transitionId: number; byUserId: number; byAgencyId: string; at: Date } & { reply: Answer },
): Promise<{ ok: true; caseId: number | null; answer: "accepted" | "declined" } | TransitionRefusal> {
  return inTransaction(sql, async (tx) => {
    const [transition] = await tx<{ caseId: string | null; direction: TransitionDirection; toAgencyId: string; fromAgencyId: string; proposedBy: string }[]>`
      select case_id as "caseId", direction, to_agency_id as "toAgencyId", from_agency_id as "fromAgencyId",
             proposed_by_user_id as "proposedBy"
      from transitions where id = ${opts.transitionId}`;
    if (!transition) return refuse("form", "There is no such transition");
    const caseId = transition.caseId === null ? null : Number(transition.caseId);
    // The case's row is the lock every proposal and answer on it takes first.
    if (caseId !== null) {
      const [theCase] = await tx<{ status: string }[]>`select status from cases where id = ${caseId} for update`;
      if (theCase?.status !== "open") return refuse("form", transitionMessages.closed);
    }
    const [answered] = await tx<{ answer: "accepted" | "declined"; by: string }[]>`
      select a.answer, u.full_name as by from transition_answers a join users u on u.id = a.by_user_id
      where a.transition_id = ${opts.transitionId}`;
    if (answered) return refuse("form", transitionMessages.answered(answered.answer, answered.by));
    if (Number(transition.proposedBy) === opts.byUserId) return refuse("form", transitionMessages.ownProposal);
    const reply = opts.reply;
    let leadUserId: number | null = null;
    if (reply.answer === "accepted" && caseId !== null) {
      if (!reply.leadUserId) return refuse("leadUserId", transitionMessages.lead);
      const [lead] = await tx`
        select 1 from users where id = ${reply.leadUserId} and agency_id = ${transition.toAgencyId} and active
          and role in ('practitioner', 'manager')`;
      if (!lead) return refuse("leadUserId", transitionMessages.leadNotInTeam);
      leadUserId = reply.leadUserId;
    }
    const inserted = await tx`
      insert into transition_answers (transition_id, answer, reason, lead_user_id, by_user_id, by_agency_id, at)
      values (${opts.transitionId}, ${reply.answer}, ${reply.reason}, ${leadUserId}, ${opts.byUserId}, ${opts.byAgencyId}, ${opts.at})
      on conflict (transition_id) do nothing
      returning transition_id`;
    // A contact's transition has no case: a second answer racing this one is caught by the key.
    if (!inserted.length) return refuse("form", transitionMessages.answeredAlready);
    if (reply.answer === "accepted" && caseId !== null && leadUserId !== null)
      await moveTheLead(tx, { caseId, direction: transition.direction, toAgencyId: transition.toAgencyId, leadUserId, byUserId: opts.byUserId, at: opts.at });
    return { ok: true as const, caseId, answer: reply.answer };
  });
}

/** The receiving agency leads the case and its named worker leads the work; the ones before stay on it, not leading. */
async function moveTheLead(
  tx: Sql,
  opts: { caseId: number; direction: TransitionDirection; toAgencyId: string; leadUserId: number; byUserId: number; at: Date },
): Promise<void> {
  await tx`
    insert into case_agencies (case_id, agency_id, is_lead, added_at, added_by)
    values (${opts.caseId}, ${opts.toAgencyId}, false, ${opts.at}, ${opts.byUserId})
    on conflict (case_id, agency_id) do update
      set removed_at = null, removed_by = null, added_at = excluded.added_at, added_by = excluded.added_by
      where case_agencies.removed_at is not null`;
  await tx`update case_agencies set is_lead = (agency_id = ${opts.toAgencyId}) where case_id = ${opts.caseId} and removed_at is null`;
  const until = opts.direction === "step_down" ? "until the step down to early help" : "until the step up to social care";
  await tx`
    update case_members set is_lead = false, role_on_case = left(role_on_case || ' ' || ${until}, 200)
    where case_id = ${opts.caseId} and is_lead and removed_at is null and user_id <> ${opts.leadUserId}`;
  const role = opts.direction === "step_down" ? "Lead practitioner, early help" : "Lead social worker";
  const updated = await tx`
    update case_members set is_lead = true, role_on_case = ${role}
    where case_id = ${opts.caseId} and user_id = ${opts.leadUserId} and removed_at is null
    returning id`;
  if (!updated.length)
    await tx`
      insert into case_members (case_id, user_id, role_on_case, is_lead, added_at, added_by)
      values (${opts.caseId}, ${opts.leadUserId}, ${role}, true, ${opts.at}, ${opts.byUserId})`;
}

const refuse = (field: string, message: string): TransitionRefusal => ({ ok: false, field, message });
