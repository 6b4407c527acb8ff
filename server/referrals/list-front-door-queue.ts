// The front door's queue: every sent contact not yet decided, with its children, when it was received and its rating now (the latest).
// The queue's order by time left is the clock's (server/calendar/front-door-clock.ts), worked out by the caller.
import type { Sql } from "../../db/client";
import type { RagRating } from "../../common/front-door-clock";

export type QueuedContact = { id: number; children: string; referrerAgencyName: string; receivedAt: Date; rating: RagRating | null };

export async function listFrontDoorQueue(sql: Sql): Promise<QueuedContact[]> {
  const rows = await sql<{ id: string; children: string | null; agency_name: string; submitted_at: Date; rating: RagRating | null }[]>`
    select c.id, a.name as agency_name, c.submitted_at,
           (select string_agg(full_name, ', ' order by id) from contact_children where contact_id = c.id) as children,
           (select rating from contact_ratings where contact_id = c.id order by at desc, id desc limit 1) as rating
      from contacts c join agencies a on a.id = c.referrer_agency_id
     where c.status = 'submitted'
       -- A decided contact has left the queue (decision 036).
       and not exists (select 1 from contact_decisions d where d.contact_id = c.id and d.step = 'authorised')
     order by c.submitted_at, c.id`;
  return rows.map((row) => ({ id: Number(row.id), children: row.children ?? "", referrerAgencyName: row.agency_name, receivedAt: row.submitted_at, rating: row.rating }));
}
