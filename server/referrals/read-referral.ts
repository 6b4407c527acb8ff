// A referral whole, as its referrer wrote it: the contact, its answers, its children and family.
import type { Sql } from "../../db/client";
import type { HouseholdMember, ReferralChild } from "../../common/forms/referrals";

export type ReferralAnswers = {
  whatHappened: string;
  worries: string;
  actionsTaken: string;
  familyKnows: "yes" | "no" | null;
  familyKnowsDetail: string;
  consent: "given" | "refused" | "not_asked" | null;
  consentDetail: string;
  referrerName: string;
  referrerJobTitle: string;
  referrerPhone: string;
  referrerEmail: string;
};

export type Referral = ReferralAnswers & {
  id: number;
  referrerUserId: number;
  referrerAgencyId: string;
  referrerAgencyName: string;
  status: "draft" | "submitted";
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  /** When a manager authorised its decision (decision 036); null until then. */
  decidedAt: Date | null;
  children: (ReferralChild & { id: number })[];
  household: (HouseholdMember & { id: number })[];
};

/** The referral whole, or null when there is none by that id. */
export async function readReferral(sql: Sql, id: number): Promise<Referral | null> {
  const [row] = await sql<Record<string, unknown>[]>`
    select c.id, c.referrer_user_id, c.referrer_agency_id, a.name as agency_name, c.status, c.created_at, c.updated_at,
           c.submitted_at, r.what_happened, r.worries, r.actions_taken, r.family_knows, r.family_knows_detail, r.consent,
           r.consent_detail, r.referrer_name, r.referrer_job_title, r.referrer_phone, r.referrer_email,
           (select at from contact_decisions where contact_id = c.id and step = 'authorised') as decided_at
      from contacts c join contact_referrals r on r.contact_id = c.id join agencies a on a.id = c.referrer_agency_id
     where c.id = ${id}`;
  if (!row) return null;
  const children = await sql<{ id: string; full_name: string; date_of_birth: string | null; expected_on: string | null; nhs_number: string | null; address: string; school: string }[]>`
    select id, full_name, date_of_birth::text as date_of_birth, expected_on::text as expected_on, nhs_number, address, school
      from contact_children where contact_id = ${id} order by id`;
  const household = await sql<{ id: string; full_name: string; relationship: string; lives_with_child: boolean }[]>`
    select id, full_name, relationship, lives_with_child from contact_household_members where contact_id = ${id} order by id`;
  return {
    id: Number(row.id),
    referrerUserId: Number(row.referrer_user_id),
    referrerAgencyId: row.referrer_agency_id as string,
    referrerAgencyName: row.agency_name as string,
    status: row.status as Referral["status"],
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
    submittedAt: (row.submitted_at as Date | null) ?? null,
    decidedAt: (row.decided_at as Date | null) ?? null,
    whatHappened: row.what_happened as string,
    worries: row.worries as string,
    actionsTaken: row.actions_taken as string,
    familyKnows: row.family_knows as ReferralAnswers["familyKnows"],
    familyKnowsDetail: row.family_knows_detail as string,
    consent: row.consent as ReferralAnswers["consent"],
    consentDetail: row.consent_detail as string,
    referrerName: row.referrer_name as string,
    referrerJobTitle: row.referrer_job_title as string,
    referrerPhone: row.referrer_phone as string,
    referrerEmail: row.referrer_email as string,
    children: children.map((child) => ({
      id: Number(child.id),
      fullName: child.full_name,
      dateOfBirth: child.date_of_birth,
      expectedOn: child.expected_on,
      nhsNumber: child.nhs_number,
      address: child.address,
      school: child.school,
    })),
    household: household.map((member) => ({ id: Number(member.id), fullName: member.full_name, relationship: member.relationship, livesWithChild: member.lives_with_child })),
  };
}

