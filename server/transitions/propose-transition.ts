// Proposing a step down (social care to early help) or a step up (early help to social care) of a case, with its
// rationale: a new row, waiting for the receiving team's answer. Refused, changing nothing, when the case is closed,
// not led by the team it would move from, has an active child protection plan (a step down), or already has a
// transition waiting.
import { inTransaction, type Sql } from "../../db/client";
import { transitionMessages, transitionNames, type TransitionDirection } from "../../common/forms/transitions";
import type { AgencyKind } from "../access/policy";

export type TransitionRefusal = { ok: false; field: string; message: string };

/** The agency leading the case now, and its kind. */
export async function readCaseLeadAgency(sql: Sql, caseId: number): Promise<{ id: string; name: string; kind: AgencyKind } | null> {
  const [row] = await sql<{ id: string; name: string; kind: AgencyKind }[]>`
    select a.id, a.name, a.kind from case_agencies ca join agencies a on a.id = ca.agency_id
    where ca.case_id = ${caseId} and ca.is_lead and ca.removed_at is null
    order by a.name limit 1`;
  return row ?? null;
}

/** The services a case's work may move to: the agencies of the receiving kind. */
export async function listReceivingAgencies(sql: Sql, direction: TransitionDirection): Promise<{ id: string; name: string }[]> {
  return [...(await sql<{ id: string; name: string }[]>`
    select id, name from agencies where kind = ${transitionNames[direction].to} order by name`)];
}

export type CaseProposal = {
  caseId: number;
  direction: TransitionDirection;
  toAgencyId: string;
  rationale: string;
  byUserId: number;
  byAgencyId: string;
  at: Date;
};

export async function proposeCaseTransition(
  sql: Sql,
  proposal: CaseProposal,
): Promise<{ ok: true; transitionId: number; fromAgencyId: string } | TransitionRefusal> {
  return inTransaction(sql, async (tx) => {
    // Locking the case keeps two proposals (or a proposal and an answer) from passing the checks at once.
    const [theCase] = await tx<{ status: "open" | "closed" }[]>`select status from cases where id = ${proposal.caseId} for update`;
    if (!theCase) return refuse("form", "There is no such case");
    if (theCase.status !== "open") return refuse("form", transitionMessages.closed);
    const lead = await readCaseLeadAgency(tx, proposal.caseId);
    const names = transitionNames[proposal.direction];
    if (!lead || lead.kind !== names.from) {
      const leadName = lead?.name ?? "no agency";
      return refuse("form", proposal.direction === "step_down" ? transitionMessages.notSocialCareLed(leadName) : transitionMessages.notEarlyHelpLed(leadName));
    }
    if (proposal.direction === "step_down") {
      const [plan] = await tx`select 1 from child_protection_plans where case_id = ${proposal.caseId} and ended_on is null limit 1`;
      if (plan) return refuse("form", transitionMessages.activePlan);
    }
    const [pending] = await tx<{ agency: string }[]>`
      select a.name as agency from transitions t join agencies a on a.id = t.to_agency_id
      where t.case_id = ${proposal.caseId} and not exists (select 1 from transition_answers x where x.transition_id = t.id)
      limit 1`;
    if (pending) return refuse("form", transitionMessages.pending(pending.agency));
    const [to] = await tx<{ kind: string }[]>`select kind from agencies where id = ${proposal.toAgencyId}`;
    if (!to || to.kind !== names.to) return refuse("toAgencyId", transitionMessages.wrongAgency);
    const [row] = await tx<{ id: string }[]>`
      insert into transitions (direction, case_id, from_agency_id, to_agency_id, rationale, proposed_by_user_id,
                               proposed_by_agency_id, proposed_at)
      values (${proposal.direction}, ${proposal.caseId}, ${lead.id}, ${proposal.toAgencyId}, ${proposal.rationale},
              ${proposal.byUserId}, ${proposal.byAgencyId}, ${proposal.at})
      returning id`;
    return { ok: true as const, transitionId: Number(row.id), fromAgencyId: lead.id };
  });
}

/**
 * The front door's decision to step a contact down to early help, as a transition for the early help service to
 * accept or decline: written when a social care manager authorises that decision (the decision's rationale is the
 * transition's). `fromAgencyId`: the deciding social care agency.
 */
export async function proposeContactStepDown(
  sql: Sql,
  proposal: { contactId: number; fromAgencyId: string; toAgencyId: string; rationale: string; byUserId: number; byAgencyId: string; at: Date },
): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    insert into transitions (direction, contact_id, from_agency_id, to_agency_id, rationale, proposed_by_user_id,
                             proposed_by_agency_id, proposed_at)
    values ('step_down', ${proposal.contactId}, ${proposal.fromAgencyId}, ${proposal.toAgencyId}, ${proposal.rationale},
            ${proposal.byUserId}, ${proposal.byAgencyId}, ${proposal.at})
    returning id`;
  return Number(row.id);
}

/**
 * An authorised front-door decision to step down to early help becomes the early help service's to accept or decline:
 * a transition of the contact from the authorising manager's agency to the early help service (the partnership's one;
 * of several, the first by name), with the decision's rationale. None when the partnership has no early help service.
 */
export async function stepContactDownToEarlyHelp(
  sql: Sql,
  decision: { contactId: number; rationale: string; byUserId: number; byAgencyId: string; at: Date },
): Promise<{ id: number; toAgencyId: string } | null> {
  const [earlyHelp] = await sql<{ id: string }[]>`select id from agencies where kind = 'early_help' order by name limit 1`;
  if (!earlyHelp) return null;
  const id = await proposeContactStepDown(sql, { ...decision, fromAgencyId: decision.byAgencyId, toAgencyId: earlyHelp.id });
  return { id, toAgencyId: earlyHelp.id };
}

/** The managers of an agency: who is told, on Your work, that a transition waits for their answer. */
export async function listAgencyManagerIds(sql: Sql, agencyId: string): Promise<number[]> {
  const rows = await sql<{ id: string }[]>`select id from users where agency_id = ${agencyId} and role = 'manager' and active`;
  return rows.map((row) => Number(row.id));
}

const refuse = (field: string, message: string): TransitionRefusal => ({ ok: false, field, message });
