// Changing a draft referral, one question page at a time: its answers, and the children and family it names.
import { inTransaction, type Sql } from "../../db/client";
import type { HouseholdMember, ReferralChild } from "../../common/forms/referrals";
import type { ReferralAnswers } from "./read-referral";

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

/** Adds a child to a draft; the NHS number is optional (the demo's children and older callers give none). */
export function addReferralChild(sql: Sql, id: number, child: Omit<ReferralChild, "nhsNumber"> & { nhsNumber?: string | null }, at: Date): Promise<boolean> {
  return changeDraft(
    sql,
    id,
    at,
    (tx) => tx`
      insert into contact_children (contact_id, full_name, date_of_birth, expected_on, nhs_number, address, school)
      values (${id}, ${child.fullName}, ${child.dateOfBirth}, ${child.expectedOn}, ${child.nhsNumber ?? null}, ${child.address}, ${child.school})`,
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

