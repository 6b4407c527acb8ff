// A transition as the policy and its pages need it: the proposal, its answer if it has one, and where it stands.
import type { Sql } from "../../db/client";
import type { TransitionDirection } from "../../common/forms/transitions";

export type TransitionState = "proposed" | "accepted" | "declined";

export type Transition = {
  id: number;
  direction: TransitionDirection;
  caseId: number | null;
  contactId: number | null;
  fromAgencyId: string;
  fromAgencyName: string;
  toAgencyId: string;
  toAgencyName: string;
  rationale: string;
  proposedByUserId: number;
  proposedByName: string;
  proposedByAgencyName: string;
  proposedAt: Date;
  state: TransitionState;
  answer: {
    byUserId: number;
    byName: string;
    byAgencyName: string;
    at: Date;
    reason: string;
    leadName: string | null;
  } | null;
};

type Row = Omit<Transition, "id" | "caseId" | "contactId" | "proposedByUserId" | "state" | "answer"> & {
  id: string;
  caseId: string | null;
  contactId: string | null;
  proposedByUserId: string;
  answer: "accepted" | "declined" | null;
  answeredByUserId: string | null;
  answeredByName: string | null;
  answeredByAgencyName: string | null;
  answeredAt: Date | null;
  answerReason: string | null;
  leadName: string | null;
};

const selectTransitions = (sql: Sql) => sql`
  select t.id, t.direction, t.case_id as "caseId", t.contact_id as "contactId",
         t.from_agency_id as "fromAgencyId", fa.name as "fromAgencyName", t.to_agency_id as "toAgencyId", ta.name as "toAgencyName",
         t.rationale, t.proposed_by_user_id as "proposedByUserId", pu.full_name as "proposedByName",
         pa.name as "proposedByAgencyName", t.proposed_at as "proposedAt",
         a.answer, a.by_user_id as "answeredByUserId", au.full_name as "answeredByName", aa.name as "answeredByAgencyName",
         a.at as "answeredAt", a.reason as "answerReason", lu.full_name as "leadName"
  from transitions t
  join agencies fa on fa.id = t.from_agency_id
  join agencies ta on ta.id = t.to_agency_id
  join users pu on pu.id = t.proposed_by_user_id
  join agencies pa on pa.id = t.proposed_by_agency_id
  left join transition_answers a on a.transition_id = t.id
  left join users au on au.id = a.by_user_id
  left join agencies aa on aa.id = a.by_agency_id
  left join users lu on lu.id = a.lead_user_id`;

function present(row: Row): Transition {
  return {
    id: Number(row.id),
    direction: row.direction,
    caseId: row.caseId === null ? null : Number(row.caseId),
    contactId: row.contactId === null ? null : Number(row.contactId),
    fromAgencyId: row.fromAgencyId,
    fromAgencyName: row.fromAgencyName,
    toAgencyId: row.toAgencyId,
    toAgencyName: row.toAgencyName,
    rationale: row.rationale,
    proposedByUserId: Number(row.proposedByUserId),
    proposedByName: row.proposedByName,
    proposedByAgencyName: row.proposedByAgencyName,
    proposedAt: row.proposedAt,
    state: row.answer ?? "proposed",
    answer: row.answer
      ? {
          byUserId: Number(row.answeredByUserId),
          byName: row.answeredByName!,
          byAgencyName: row.answeredByAgencyName!,
          at: row.answeredAt!,
          reason: row.answerReason ?? "",
          leadName: row.leadName,
        }
      : null,
  };
}

export async function readTransition(sql: Sql, transitionId: number): Promise<Transition | null> {
  if (!Number.isSafeInteger(transitionId) || transitionId <= 0) return null;
  const [row] = await sql<Row[]>`${selectTransitions(sql)} where t.id = ${transitionId}`;
  return row ? present(row) : null;
}

/** Every transition of a case, the oldest first: its history of steps up and down. */
export async function listCaseTransitions(sql: Sql, caseId: number): Promise<Transition[]> {
  const rows = await sql<Row[]>`${selectTransitions(sql)} where t.case_id = ${caseId} order by t.proposed_at, t.id`;
  return rows.map(present);
}

/** Every transition of a contact (the front door's step down to early help), the oldest first. */
export async function listContactTransitions(sql: Sql, contactId: number): Promise<Transition[]> {
  const rows = await sql<Row[]>`${selectTransitions(sql)} where t.contact_id = ${contactId} order by t.proposed_at, t.id`;
  return rows.map(present);
}

/**
 * The transitions waiting for an answer from this agency, the oldest first, with the child each is about (the case's
 * subject, or the contact's children).
 */
export async function listPendingTransitionsFor(sql: Sql, agencyId: string) {
  const rows = await sql<{ id: string; direction: TransitionDirection; caseId: string | null; contactId: string | null; fromAgencyName: string; proposedAt: Date; childName: string | null; caseReference: string | null }[]>`
    select t.id, t.direction, t.case_id as "caseId", t.contact_id as "contactId", fa.name as "fromAgencyName",
           t.proposed_at as "proposedAt", c.reference as "caseReference",
           coalesce(
             (select p.full_name from case_people p where p.case_id = t.case_id and p.is_subject),
             (select string_agg(cc.full_name, ', ' order by cc.id) from contact_children cc where cc.contact_id = t.contact_id)
           ) as "childName"
    from transitions t
    join agencies fa on fa.id = t.from_agency_id
    left join cases c on c.id = t.case_id
    where t.to_agency_id = ${agencyId}
      and not exists (select 1 from transition_answers a where a.transition_id = t.id)
      and (t.case_id is null or c.status = 'open')
    order by t.proposed_at, t.id`;
  return rows.map((row) => ({
    id: Number(row.id),
    direction: row.direction,
    caseId: row.caseId === null ? null : Number(row.caseId),
    contactId: row.contactId === null ? null : Number(row.contactId),
    fromAgencyName: row.fromAgencyName,
    proposedAt: row.proposedAt,
    childName: row.childName,
    caseReference: row.caseReference,
  }));
}

/**
 * Who a transition is about, as much as the receiving manager needs to decide (not the case's records, which they
 * read once their team is on it): the child's name and date of birth and the case's reference, or the contact's
 * children.
 */
export async function readTransitionSubject(
  sql: Sql,
  transition: Pick<Transition, "caseId" | "contactId">,
): Promise<{ childName: string; dateOfBirth: Date | null; caseReference: string | null }> {
  if (transition.caseId !== null) {
    const [row] = await sql<{ childName: string | null; dateOfBirth: Date | null; reference: string }[]>`
      select c.reference, p.full_name as "childName", p.date_of_birth as "dateOfBirth"
      from cases c left join case_people p on p.case_id = c.id and p.is_subject
      where c.id = ${transition.caseId}`;
    return { childName: row?.childName ?? "Child not yet recorded", dateOfBirth: row?.dateOfBirth ?? null, caseReference: row?.reference ?? null };
  }
  const [row] = await sql<{ names: string | null }[]>`
    select string_agg(full_name, ', ' order by id) as names from contact_children where contact_id = ${transition.contactId}`;
  return { childName: row?.names ?? "No child recorded", dateOfBirth: null, caseReference: null };
}
