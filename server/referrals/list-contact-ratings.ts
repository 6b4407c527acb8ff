// A contact's ratings, newest first: the first is its rating now, the rest its history (who, their agency, when, why).
import type { Sql } from "../../db/client";
import type { RagRating } from "../../common/front-door-clock";

export type ContactRating = { id: number; rating: RagRating; reason: string; byName: string; byAgencyName: string; at: Date };

export async function listContactRatings(sql: Sql, contactId: number): Promise<ContactRating[]> {
  const rows = await sql<{ id: string; rating: RagRating; reason: string; full_name: string; agency_name: string; at: Date }[]>`
    select r.id, r.rating, r.reason, u.full_name, a.name as agency_name, r.at
      from contact_ratings r join users u on u.id = r.by_user_id join agencies a on a.id = r.by_agency_id
     where r.contact_id = ${contactId} order by r.at desc, r.id desc`;
  return rows.map((row) => ({ id: Number(row.id), rating: row.rating, reason: row.reason, byName: row.full_name, byAgencyName: row.agency_name, at: row.at }));
}
