// Sending a draft referral to the screening team, once.
import type { Sql } from "../../db/client";

/** Sends a draft to the screening team; false when it was already sent (nothing changes). */
export async function submitReferral(sql: Sql, id: number, at: Date): Promise<boolean> {
  const rows = await sql`
    update contacts set status = 'submitted', submitted_at = ${at}, updated_at = ${at}
     where id = ${id} and status = 'draft' returning id`;
  return rows.length === 1;
}

