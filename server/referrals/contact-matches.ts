// Matches of a contact's children (issue 12 item 3; decision 035): each child linked to a child already on a case, or
// "none" confirmed, by a screener. Rows only: the latest for a child is its match now, those before it the history.
// `matchStanding` is what the decision asks first: a decision waits until every child is matched or confirmed none.
import type { Sql } from "../../db/client";

export type NewMatch = {
  contactId: number;
  contactChildId: number;
  /** The child on a case this child is; null: none of the children shown is. */
  casePersonId: number | null;
  /** Why the linked child was shown, as the screener saw it. */
  reasons: string;
  byUserId: number;
  byAgencyId: string;
  at: Date;
};

export async function recordContactMatch(sql: Sql, match: NewMatch): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    insert into contact_matches (contact_id, contact_child_id, outcome, case_person_id, reasons, by_user_id, by_agency_id, at)
    values (${match.contactId}, ${match.contactChildId}, ${match.casePersonId === null ? "none" : "linked"}, ${match.casePersonId},
            ${match.reasons}, ${match.byUserId}, ${match.byAgencyId}, ${match.at})
    returning id`;
  return Number(row.id);
}

export type ContactMatch = {
  id: number;
  contactChildId: number;
  childName: string;
  outcome: "linked" | "none";
  /** Linked: the child on the case, and the case. */
  linked: { casePersonId: number; caseId: number; caseReference: string; fullName: string; dateOfBirth: string | null } | null;
  reasons: string;
  byName: string;
  byAgencyName: string;
  at: Date;
};

/** Every match of the contact's children, newest first. */
export async function listContactMatches(sql: Sql, contactId: number): Promise<ContactMatch[]> {
  const rows = await sql<
    {
      id: string;
      contact_child_id: string;
      child_name: string;
      outcome: "linked" | "none";
      case_person_id: string | null;
      case_id: string | null;
      reference: string | null;
      person_name: string | null;
      person_dob: string | null;
      reasons: string;
      by_name: string;
      agency_name: string;
      at: Date;
    }[]
  >`
    select m.id, m.contact_child_id, cc.full_name as child_name, m.outcome, m.case_person_id, p.case_id, c.reference,
           p.full_name as person_name, p.date_of_birth::text as person_dob, m.reasons, u.full_name as by_name,
           a.name as agency_name, m.at
      from contact_matches m
      join contact_children cc on cc.id = m.contact_child_id
      join users u on u.id = m.by_user_id
      join agencies a on a.id = m.by_agency_id
      left join case_people p on p.id = m.case_person_id
      left join cases c on c.id = p.case_id
     where m.contact_id = ${contactId}
     order by m.at desc, m.id desc`;
  return rows.map((row) => ({
    id: Number(row.id),
    contactChildId: Number(row.contact_child_id),
    childName: row.child_name,
    outcome: row.outcome,
    linked:
      row.case_person_id === null
        ? null
        : { casePersonId: Number(row.case_person_id), caseId: Number(row.case_id), caseReference: row.reference!, fullName: row.person_name!, dateOfBirth: row.person_dob },
    reasons: row.reasons,
    byName: row.by_name,
    byAgencyName: row.agency_name,
    at: row.at,
  }));
}

export type MatchStanding = {
  /** Every child on the contact is linked or confirmed none: a decision may be made. */
  complete: boolean;
  children: { contactChildId: number; fullName: string; current: ContactMatch | null }[];
  /** The names of the children still to match, for the decision's message. */
  unmatched: string[];
  /** The cases the children are linked to now (a strategy discussion uses the linked case). */
  linkedCaseIds: number[];
};

/** Where a contact's matching stands: each child's match now, and whether every child has one. */
export async function matchStanding(sql: Sql, contactId: number): Promise<MatchStanding> {
  const children = await sql<{ id: string; full_name: string }[]>`
    select id, full_name from contact_children where contact_id = ${contactId} order by id`;
  const matches = await listContactMatches(sql, contactId);
  const standing = children.map((child) => ({
    contactChildId: Number(child.id),
    fullName: child.full_name,
    current: matches.find((match) => match.contactChildId === Number(child.id)) ?? null,
  }));
  const unmatched = standing.filter((child) => !child.current).map((child) => child.fullName);
  const linkedCaseIds = [...new Set(standing.flatMap((child) => (child.current?.linked ? [child.current.linked.caseId] : [])))];
  return { complete: children.length > 0 && unmatched.length === 0, children: standing, unmatched, linkedCaseIds };
}
