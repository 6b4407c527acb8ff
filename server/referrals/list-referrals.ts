// The referrals a person made, for "Your work".
import type { Sql } from "../../db/client";

/** The referrals a person made, newest first: drafts to continue and those sent. */
export async function listReferralsBy(sql: Sql, userId: number) {
  const rows = await sql<{ id: string; status: "draft" | "submitted"; updated_at: Date; submitted_at: Date | null; children: string | null }[]>`
    select c.id, c.status, c.updated_at, c.submitted_at,
           (select string_agg(full_name, ', ' order by id) from contact_children where contact_id = c.id) as children
      from contacts c where c.referrer_user_id = ${userId} order by c.id desc`;
  return rows.map((row) => ({ id: Number(row.id), status: row.status, updatedAt: row.updated_at, submittedAt: row.submitted_at, children: row.children }));
}
