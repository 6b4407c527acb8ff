// Who an agency's restricted notes on a case are shared with, and why: every share and every end of one is a row,
// kept with its reason (DOMAIN.md: every share is recorded with its reason).
import type { Sql } from "../../db/client";

export type NoteShare = { agencyId: string; agencyName: string; reason: string; at: Date; by: string };

/** The agencies the notes are shared with now, with the share that made it so. */
export async function listCurrentShares(sql: Sql, caseId: number, ownerAgencyId: string): Promise<NoteShare[]> {
  return sql<NoteShare[]>`
    select latest.agency_id as "agencyId", a.name as "agencyName", latest.reason, latest.at, u.full_name as by
    from (
      select distinct on (shared_with_agency_id) shared_with_agency_id as agency_id, shared, reason, at, by_user_id
      from restricted_note_shares
      where case_id = ${caseId} and owner_agency_id = ${ownerAgencyId}
      order by shared_with_agency_id, at desc, id desc
    ) latest
    join agencies a on a.id = latest.agency_id join users u on u.id = latest.by_user_id
    where latest.shared
    order by a.name`;
}

export async function recordShare(
  sql: Sql,
  input: { caseId: number; ownerAgencyId: string; withAgencyId: string; shared: boolean; reason: string; by: number; at: Date },
): Promise<void> {
  await sql`
    insert into restricted_note_shares (case_id, owner_agency_id, shared_with_agency_id, shared, reason, at, by_user_id)
    values (${input.caseId}, ${input.ownerAgencyId}, ${input.withAgencyId}, ${input.shared}, ${input.reason}, ${input.at}, ${input.by})`;
}

export type ShareEvent = NoteShare & { shared: boolean };

/** Every share and every end of one, newest first: the record of who could read the notes, when and why. */
export async function listShareHistory(sql: Sql, caseId: number, ownerAgencyId: string): Promise<ShareEvent[]> {
  return sql<ShareEvent[]>`
    select s.shared_with_agency_id as "agencyId", a.name as "agencyName", s.shared, s.reason, s.at, u.full_name as by
    from restricted_note_shares s join agencies a on a.id = s.shared_with_agency_id join users u on u.id = s.by_user_id
    where s.case_id = ${caseId} and s.owner_agency_id = ${ownerAgencyId}
    order by s.at desc, s.id desc`;
}
