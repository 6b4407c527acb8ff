// Referrals into the front door, as the referrer makes them: a draft they come back to, its children and family, its
// answers, and sending it to the screening team. Every statement here; the routes ask the policy first.
import { inTransaction, type Sql } from "../../db/client";
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
  children: (ReferralChild & { id: number })[];
  household: (HouseholdMember & { id: number })[];
};

/** A new draft, its contact details started from the referrer's account. */
export async function createDraftReferral(
  sql: Sql,
  opts: { referrer: { id: number; agencyId: string; fullName: string; jobTitle: string; email: string }; at: Date },
): Promise<number> {
  return inTransaction(sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into contacts (referrer_user_id, referrer_agency_id, status, created_at, updated_at)
      values (${opts.referrer.id}, ${opts.referrer.agencyId}, 'draft', ${opts.at}, ${opts.at})
      returning id`;
    await tx`
      insert into contact_referrals (contact_id, referrer_name, referrer_job_title, referrer_email)
      values (${row.id}, ${opts.referrer.fullName}, ${opts.referrer.jobTitle}, ${opts.referrer.email})`;
    return Number(row.id);
  });
}

/** The referral whole, or null when there is none by that id. */
export async function readReferral(sql: Sql, id: number): Promise<Referral | null> {
  const [row] = await sql<Record<string, unknown>[]>`
    select c.id, c.referrer_user_id, c.referrer_agency_id, a.name as agency_name, c.status, c.created_at, c.updated_at,
           c.submitted_at, r.what_happened, r.worries, r.actions_taken, r.family_knows, r.family_knows_detail, r.consent,
           r.consent_detail, r.referrer_name, r.referrer_job_title, r.referrer_phone, r.referrer_email
      from contacts c join contact_referrals r on r.contact_id = c.id join agencies a on a.id = c.referrer_agency_id
     where c.id = ${id}`;
  if (!row) return null;
  const children = await sql<{ id: string; full_name: string; date_of_birth: string | null; expected_on: string | null; address: string; school: string }[]>`
    select id, full_name, date_of_birth::text as date_of_birth, expected_on::text as expected_on, address, school
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
      address: child.address,
      school: child.school,
    })),
    household: household.map((member) => ({ id: Number(member.id), fullName: member.full_name, relationship: member.relationship, livesWithChild: member.lives_with_child })),
  };
}

/**
 * Runs `change` on a draft, held against its being sent at the same moment; false when it is no longer a draft (the
 * change is then not made).
 */
async function changeDraft(sql: Sql, id: number, at: Date, change: (tx: Sql) => Promise<unknown>): Promise<boolean> {
  return inTransaction(sql, async (tx) => {
    const [row] = await tx<{ status: string }[]>`select status from contacts where id = ${id} for update`;
    if (row?.status !== "draft") return false;
    await change(tx);
    await tx`update contacts set updated_at = ${at} where id = ${id}`;
    return true;
  });
}

const columns = {
  whatHappened: "what_happened",
  worries: "worries",
  actionsTaken: "actions_taken",
  familyKnows: "family_knows",
  familyKnowsDetail: "family_knows_detail",
  consent: "consent",
  consentDetail: "consent_detail",
  referrerName: "referrer_name",
  referrerJobTitle: "referrer_job_title",
  referrerPhone: "referrer_phone",
  referrerEmail: "referrer_email",
} as const satisfies Record<keyof ReferralAnswers, string>;

/** Saves the answers of one question page on a draft. */
export function saveReferralAnswers(sql: Sql, id: number, answers: Partial<ReferralAnswers>, at: Date): Promise<boolean> {
  const row = Object.fromEntries(Object.entries(answers).map(([key, value]) => [columns[key as keyof ReferralAnswers], value]));
  return changeDraft(sql, id, at, (tx) => tx`update contact_referrals set ${tx(row as Record<string, string | null>)} where contact_id = ${id}`);
}

export function addReferralChild(sql: Sql, id: number, child: ReferralChild, at: Date): Promise<boolean> {
  return changeDraft(
    sql,
    id,
    at,
    (tx) => tx`
      insert into contact_children (contact_id, full_name, date_of_birth, expected_on, address, school)
      values (${id}, ${child.fullName}, ${child.dateOfBirth}, ${child.expectedOn}, ${child.address}, ${child.school})`,
  );
}

export function addHouseholdMember(sql: Sql, id: number, member: HouseholdMember, at: Date): Promise<boolean> {
  return changeDraft(
    sql,
    id,
    at,
    (tx) => tx`
      insert into contact_household_members (contact_id, full_name, relationship, lives_with_child)
      values (${id}, ${member.fullName}, ${member.relationship}, ${member.livesWithChild})`,
  );
}

/** Removes a child or family member from a draft (only one of this referral's). */
export function removeReferralPerson(sql: Sql, id: number, kind: "child" | "household", personId: number, at: Date): Promise<boolean> {
  return changeDraft(sql, id, at, (tx) =>
    kind === "child"
      ? tx`delete from contact_children where contact_id = ${id} and id = ${personId}`
      : tx`delete from contact_household_members where contact_id = ${id} and id = ${personId}`,
  );
}

/** Sends a draft to the screening team; false when it was already sent (nothing changes). */
export async function submitReferral(sql: Sql, id: number, at: Date): Promise<boolean> {
  const rows = await sql`
    update contacts set status = 'submitted', submitted_at = ${at}, updated_at = ${at}
     where id = ${id} and status = 'draft' returning id`;
  return rows.length === 1;
}

/** The referrals a person made, newest first: drafts to continue and those sent. */
export async function listReferralsBy(sql: Sql, userId: number) {
  const rows = await sql<{ id: string; status: "draft" | "submitted"; updated_at: Date; submitted_at: Date | null; children: string | null }[]>`
    select c.id, c.status, c.updated_at, c.submitted_at,
           (select string_agg(full_name, ', ' order by id) from contact_children where contact_id = c.id) as children
      from contacts c where c.referrer_user_id = ${userId} order by c.id desc`;
  return rows.map((row) => ({ id: Number(row.id), status: row.status, updatedAt: row.updated_at, submittedAt: row.submitted_at, children: row.children }));
}
