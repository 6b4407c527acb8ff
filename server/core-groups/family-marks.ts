// Whether each agency's part of a core group's notes (its section, and its notes on the progress of actions) goes to
// the family. Nothing does until its agency marks it so; each change is a row, attributed and kept.
import type { Sql } from "../../db/client";

export type FamilyMark = { forFamily: boolean; recordedBy: string; recordedAt: Date };

/** Each agency's mark as it stands, by agency id; an agency with none is not for the family. */
export async function listFamilyMarks(sql: Sql, coreGroupId: number): Promise<Map<string, FamilyMark>> {
  const rows = await sql<(FamilyMark & { agencyId: string })[]>`
    select distinct on (f.agency_id) f.agency_id as "agencyId", f.for_family as "forFamily", u.full_name as "recordedBy",
           f.recorded_at as "recordedAt"
    from core_group_family_marks f join users u on u.id = f.recorded_by
    where f.core_group_id = ${coreGroupId}
    order by f.agency_id, f.id desc`;
  return new Map(rows.map(({ agencyId, ...mark }) => [agencyId, mark]));
}

export async function markForFamily(sql: Sql, input: { coreGroupId: number; agencyId: string; forFamily: boolean; by: number; at: Date }) {
  await sql`
    insert into core_group_family_marks (core_group_id, agency_id, for_family, recorded_at, recorded_by)
    values (${input.coreGroupId}, ${input.agencyId}, ${input.forFamily}, ${input.at}, ${input.by})`;
}
