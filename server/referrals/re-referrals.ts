// Re-referrals (issue 12 item 3; decision 035): a contact is a re-referral when a child on it was on an earlier sent
// referral, the same child by NHS number or by name and date of birth, sent within the 12 calendar months before this
// one was sent (counted in London dates: sent on 10 March 2026, an earlier one sent on or after 10 March 2025 counts).
// Worked out whenever it is asked, from the referrals themselves; nothing stores it.
import type { Sql } from "../../db/client";
import { addCalendarMonths } from "../../common/calendar-dates";
import { isSameChild } from "../../common/child-matching";
import { todayInEngland } from "../../common/forms/dates";

export const RE_REFERRAL_MONTHS = 12;

/** An earlier referral of the same child. */
export type EarlierReferral = { contactId: number; childName: string; earlierContactId: number; earlierChildName: string; earlierSubmittedAt: Date };

/** Whether a referral sent at `earlier` falls within the 12 calendar months before one sent at `later`. */
export function withinReReferralWindow(earlier: Date, later: Date): boolean {
  if (earlier.getTime() >= later.getTime()) return false;
  return todayInEngland(earlier) >= addCalendarMonths(todayInEngland(later), -RE_REFERRAL_MONTHS);
}

/** For each of these sent contacts, the earlier referrals that make it a re-referral (none: not a re-referral). */
export async function findReReferrals(sql: Sql, contactIds: number[]): Promise<Map<number, EarlierReferral[]>> {
  const found = new Map<number, EarlierReferral[]>(contactIds.map((id) => [id, []]));
  if (!contactIds.length) return found;
  // The database narrows to the same NHS number or date of birth, sent before and not long before; the rules decide.
  // Each of the two is its own join, so the database can hash each (one join on "this or that" compares every child
  // with every other: minutes at oversight's ten thousand referrals).
  const rows = await sql<
    {
      contact_id: string;
      full_name: string;
      date_of_birth: string | null;
      nhs_number: string | null;
      submitted_at: Date;
      earlier_id: string;
      earlier_name: string;
      earlier_dob: string | null;
      earlier_nhs: string | null;
      earlier_at: Date;
    }[]
  >`
    with later as (
      select a.id, a.contact_id, a.full_name, a.date_of_birth, a.nhs_number, ca.submitted_at
        from contact_children a join contacts ca on ca.id = a.contact_id and ca.status = 'submitted'
       where a.contact_id = any(${contactIds}::bigint[])
    ), pairs as (
      select l.id as later_id, b.id as earlier_child_id from later l join contact_children b on b.nhs_number = l.nhs_number and b.contact_id <> l.contact_id
      union
      select l.id, b.id from later l join contact_children b on b.date_of_birth = l.date_of_birth and b.contact_id <> l.contact_id
    )
    select a.contact_id, a.full_name, a.date_of_birth::text as date_of_birth, a.nhs_number, a.submitted_at,
           b.contact_id as earlier_id, b.full_name as earlier_name, b.date_of_birth::text as earlier_dob, b.nhs_number as earlier_nhs,
           cb.submitted_at as earlier_at
      from pairs p
      join later a on a.id = p.later_id
      join contact_children b on b.id = p.earlier_child_id
      join contacts cb on cb.id = b.contact_id and cb.status = 'submitted'
                      and cb.submitted_at < a.submitted_at and cb.submitted_at >= a.submitted_at - interval '13 months'
     order by a.contact_id, cb.submitted_at desc, b.id`;
  for (const row of rows) {
    const child = { fullName: row.full_name, dateOfBirth: row.date_of_birth, nhsNumber: row.nhs_number, address: "" };
    const earlier = { fullName: row.earlier_name, dateOfBirth: row.earlier_dob, nhsNumber: row.earlier_nhs, address: "" };
    if (!isSameChild(child, earlier) || !withinReReferralWindow(row.earlier_at, row.submitted_at)) continue;
    const list = found.get(Number(row.contact_id))!;
    if (list.some((entry) => entry.earlierContactId === Number(row.earlier_id) && entry.childName === row.full_name)) continue;
    list.push({ contactId: Number(row.contact_id), childName: row.full_name, earlierContactId: Number(row.earlier_id), earlierChildName: row.earlier_name, earlierSubmittedAt: row.earlier_at });
  }
  return found;
}

/** The earlier referrals that make this contact a re-referral; empty when it is not one. */
export async function reReferralOf(sql: Sql, contactId: number): Promise<EarlierReferral[]> {
  return (await findReReferrals(sql, [contactId])).get(contactId) ?? [];
}
