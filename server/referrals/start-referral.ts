// Starting a referral: a draft of the referrer's own.
import { inTransaction, type Sql } from "../../db/client";

/** A new draft, its contact details started from the referrer's account. */
export async function startReferral(
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

