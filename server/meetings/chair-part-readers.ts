// Which other agencies at a meeting may read each agency's part for the chair: that agency names them (db/migrations/
// 014). Each naming or un-naming is a row, attributed and dated; the latest for a reader stands. The database refuses
// a change once the meeting is signed off.
import { inTransaction, type Sql } from "../../db/client";

/** A reader as it stands now: named (or no longer), by whom, when. */
export type ChairPartReader = { agencyId: string; agencyName: string; named: boolean; recordedBy: string; recordedAt: Date };

/** By author agency id: each reader agency's latest row, named or not, in name order. */
export type ChairPartReaders = Map<string, ChairPartReader[]>;

export async function listChairPartReaders(sql: Sql, meetingId: number): Promise<ChairPartReaders> {
  const rows = await sql<(ChairPartReader & { authorAgencyId: string })[]>`
    select * from (
      select distinct on (r.agency_id, r.reader_agency_id) r.agency_id as "authorAgencyId", r.reader_agency_id as "agencyId",
             a.name as "agencyName", r.named, u.full_name as "recordedBy", r.recorded_at as "recordedAt"
      from meeting_chair_part_readers r join agencies a on a.id = r.reader_agency_id join users u on u.id = r.recorded_by
      where r.meeting_id = ${meetingId}
      order by r.agency_id, r.reader_agency_id, r.id desc
    ) latest order by "agencyName"`;
  const readers: ChairPartReaders = new Map();
  for (const { authorAgencyId, ...reader } of rows) readers.set(authorAgencyId, [...(readers.get(authorAgencyId) ?? []), reader]);
  return readers;
}

/** The agencies an agency names now to read its part for the chair. */
export const namedAgencyIds = (readers: ChairPartReaders, agencyId: string): string[] =>
  (readers.get(agencyId) ?? []).filter((reader) => reader.named).map((reader) => reader.agencyId);

/**
 * Names exactly `readerAgencyIds` to read `agencyId`'s part for the chair: a row for each agency named or un-named by
 * this, none for those unchanged. Returns what changed. The meeting's row is held while it is worked out, so two
 * people saving at once each change what the other left.
 */
export async function nameChairPartReaders(
  sql: Sql,
  input: { meetingId: number; agencyId: string; readerAgencyIds: readonly string[]; by: number; at: Date },
): Promise<{ named: string[]; unnamed: string[] }> {
  return inTransaction(sql, async (tx) => {
    await tx`select 1 from meetings where id = ${input.meetingId} for update`;
    const now = new Set(namedAgencyIds(await listChairPartReaders(tx, input.meetingId), input.agencyId));
    const wanted = new Set(input.readerAgencyIds);
    const named = [...wanted].filter((id) => !now.has(id));
    const unnamed = [...now].filter((id) => !wanted.has(id));
    if (!named.length && !unnamed.length) return { named, unnamed };
    const readers = [...named, ...unnamed];
    await tx`
      insert into meeting_chair_part_readers (meeting_id, agency_id, reader_agency_id, named, recorded_at, recorded_by)
      select ${input.meetingId}, ${input.agencyId}, reader.id, reader.id = any(${named}::text[]), ${input.at}, ${input.by}
      from unnest(${readers}::text[]) as reader (id)`;
    return { named, unnamed };
  });
}
