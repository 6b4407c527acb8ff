// The referrals a person made, for "Your work".
import type { Sql } from "../../db/client";
import type { DecisionOutcome } from "../../common/forms/contact-decisions";

/** The referrals a person made, newest first: drafts to continue and those sent. */
export async function listReferralsBy(sql: Sql, userId: number) {
  const rows = await sql<{ id: string; status: "draft" | "submitted"; updated_at: Date; submitted_at: Date | null; children: string | null; screened: boolean; outcome: DecisionOutcome | null }[]>`
    select c.id, c.status, c.updated_at, c.submitted_at,
           -- Where it stands for the referrer (decision 036): screening has begun once anyone has recorded anything on
           -- it; decided once a manager authorised a decision (the outcome only, never why).
           (exists (select 1 from contact_ratings where contact_id = c.id) or exists (select 1 from contact_consent where contact_id = c.id)
              or exists (select 1 from contact_decisions where contact_id = c.id) or exists (select 1 from contact_matches where contact_id = c.id)
              or exists (select 1 from contact_checks where contact_id = c.id)) as screened,
           (select p.outcome from contact_decisions d join contact_decisions p on p.id = d.proposal_id
             where d.contact_id = c.id and d.step = 'authorised') as outcome,
           (select string_agg(full_name, ', ' order by id) from contact_children where contact_id = c.id) as children
      from contacts c where c.referrer_user_id = ${userId} order by c.id desc`;
  return rows.map((row) => ({ id: Number(row.id), status: row.status, updatedAt: row.updated_at, submittedAt: row.submitted_at, children: row.children, screened: row.screened, outcome: row.outcome }));
}
