// Possible matches for each child on a contact (issue 12 item 3; decision 035): children already on a case, and the
// children of other sent referrals, found by NHS number, name and date of birth, surname and date of birth, or
// address, the strongest first. The database finds those sharing an NHS number, a date of birth or an address key; common/child-matching.ts
// then says why each is a possible match, and any it cannot say why for is dropped.
import type { Sql } from "../../db/client";
import { matchKey, matchReasons, MIN_ADDRESS_KEY, type MatchablePerson, type MatchReason } from "../../common/child-matching";

export type ContactChild = MatchablePerson & { id: number; expectedOn: string | null };

/** A child on a case who may be this child: the screener sees the case's reference, the name and the date of birth. */
export type CaseChildCandidate = { casePersonId: number; caseId: number; caseReference: string; fullName: string; dateOfBirth: string | null; reasons: MatchReason[] };

/** A child of another sent referral who may be this child. */
export type ReferralChildCandidate = {
  contactId: number;
  contactChildId: number;
  fullName: string;
  dateOfBirth: string | null;
  expectedOn: string | null;
  submittedAt: Date;
  reasons: MatchReason[];
};

export type ChildCandidates = { child: ContactChild; cases: CaseChildCandidate[]; referrals: ReferralChildCandidate[] };

/** The strongest first: an NHS number, then name and date of birth, then surname and date of birth, then address. */
const strength: Record<MatchReason, number> = { "same NHS number": 4, "same name and date of birth": 3, "same surname and date of birth": 2, "same address": 1 };
const strongestFirst = (a: { reasons: MatchReason[] }, b: { reasons: MatchReason[] }) =>
  Math.max(...b.reasons.map((reason) => strength[reason])) - Math.max(...a.reasons.map((reason) => strength[reason])) || b.reasons.length - a.reasons.length;

/** A contact's children, in the order they were added. */
export async function listContactChildren(sql: Sql, contactId: number): Promise<ContactChild[]> {
  const rows = await sql<{ id: string; full_name: string; date_of_birth: string | null; expected_on: string | null; nhs_number: string | null; address: string }[]>`
    select id, full_name, date_of_birth::text as date_of_birth, expected_on::text as expected_on, nhs_number, address
      from contact_children where contact_id = ${contactId} order by id`;
  return rows.map((row) => ({
    id: Number(row.id),
    fullName: row.full_name,
    dateOfBirth: row.date_of_birth,
    expectedOn: row.expected_on,
    nhsNumber: row.nhs_number,
    address: row.address,
  }));
}

/** What the database looks up: the children's NHS numbers, dates of birth and address keys. */
function lookups(children: ContactChild[]) {
  const present = <T,>(values: (T | null)[]) => [...new Set(values.filter((value): value is T => value !== null && value !== ""))];
  return {
    nhs: present(children.map((child) => child.nhsNumber)),
    dobs: present(children.map((child) => child.dateOfBirth)),
    addresses: present(children.map((child) => matchKey(child.address))).filter((key) => key.length >= MIN_ADDRESS_KEY),
  };
}

/** For each child on the contact, the children on cases and on other sent referrals who may be them. */
export async function listMatchCandidates(sql: Sql, contactId: number): Promise<ChildCandidates[]> {
  const children = await listContactChildren(sql, contactId);
  if (!children.length) return [];
  const { nhs, dobs, addresses } = lookups(children);
  const caseRows = await sql<{ id: string; case_id: string; reference: string; full_name: string; date_of_birth: string | null; nhs_number: string | null; address: string }[]>`
    select p.id, p.case_id, c.reference, p.full_name, p.date_of_birth::text as date_of_birth, p.nhs_number, p.address
      from case_people p join cases c on c.id = p.case_id
     where p.kind = 'child'
       and (p.nhs_number = any(${nhs}::text[]) or p.date_of_birth = any(${dobs}::date[]) or contact_match_key(p.address) = any(${addresses}::text[]))
     order by c.reference, p.id`;
  const referralRows = await sql<
    { id: string; contact_id: string; full_name: string; date_of_birth: string | null; expected_on: string | null; nhs_number: string | null; address: string; submitted_at: Date }[]
  >`
    select cc.id, cc.contact_id, cc.full_name, cc.date_of_birth::text as date_of_birth, cc.expected_on::text as expected_on, cc.nhs_number,
           cc.address, c.submitted_at
      from contact_children cc join contacts c on c.id = cc.contact_id
     where c.status = 'submitted' and c.id <> ${contactId}
       and (cc.nhs_number = any(${nhs}::text[]) or cc.date_of_birth = any(${dobs}::date[]) or contact_match_key(cc.address) = any(${addresses}::text[]))
     order by c.submitted_at desc, cc.id`;
  return children.map((child) => ({
    child,
    cases: caseRows.flatMap((row) => {
      const reasons = matchReasons(child, { fullName: row.full_name, dateOfBirth: row.date_of_birth, nhsNumber: row.nhs_number, address: row.address });
      return reasons.length
        ? [{ casePersonId: Number(row.id), caseId: Number(row.case_id), caseReference: row.reference, fullName: row.full_name, dateOfBirth: row.date_of_birth, reasons }]
        : [];
    }).sort(strongestFirst),
    referrals: referralRows.flatMap((row) => {
      const reasons = matchReasons(child, { fullName: row.full_name, dateOfBirth: row.date_of_birth, nhsNumber: row.nhs_number, address: row.address });
      return reasons.length
        ? [
            {
              contactId: Number(row.contact_id),
              contactChildId: Number(row.id),
              fullName: row.full_name,
              dateOfBirth: row.date_of_birth,
              expectedOn: row.expected_on,
              submittedAt: row.submitted_at,
              reasons,
            },
          ]
        : [];
    }),
  }));
}
