// Which agencies have marked their words on a map for the family. Each marking is a row, attributed and dated; the
// latest for an agency stands; nothing marked is not shared (db/migrations/012). A strategy meeting's map is frozen
// with the meeting: the database refuses a marking after its sign-off.
import type { Sql } from "../../db/client";

export type MapFamilyMarking = { agencyId: string; agencyName: string; forFamily: boolean; recordedBy: string; recordedAt: Date };

/** The standing marking of each agency that has marked its words on this map, by agency name. */
export async function listMapFamilyMarkings(sql: Sql, mapId: number): Promise<MapFamilyMarking[]> {
  return sql<MapFamilyMarking[]>`
    select * from (
      select distinct on (k.agency_id) k.agency_id as "agencyId", a.name as "agencyName", k.for_family as "forFamily",
             u.full_name as "recordedBy", k.recorded_at as "recordedAt"
      from map_family_markings k join agencies a on a.id = k.agency_id join users u on u.id = k.recorded_by
      where k.map_id = ${mapId}
      order by k.agency_id, k.id desc
    ) current order by "agencyName"`;
}

export async function markMapWords(sql: Sql, input: { mapId: number; agencyId: string; forFamily: boolean; by: number; at: Date }) {
  await sql`
    insert into map_family_markings (map_id, agency_id, for_family, recorded_at, recorded_by)
    values (${input.mapId}, ${input.agencyId}, ${input.forFamily}, ${input.at}, ${input.by})`;
}
