// Rating a sent contact red, amber or green with a reason: always a new row, so a re-rating keeps the ones before.
import type { Sql } from "../../db/client";
import type { RagRating } from "../../common/front-door-clock";

export type NewRating = { contactId: number; rating: RagRating; reason: string; byUserId: number; byAgencyId: string; at: Date };

export async function rateContact(sql: Sql, rating: NewRating): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    insert into contact_ratings (contact_id, rating, reason, by_user_id, by_agency_id, at)
    values (${rating.contactId}, ${rating.rating}, ${rating.reason}, ${rating.byUserId}, ${rating.byAgencyId}, ${rating.at})
    returning id`;
  return Number(row.id);
}
