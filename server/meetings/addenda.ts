// Addenda: what is added to a record after its sign-off, which itself no longer changes: a strategy meeting's or a
// conference's, and a core group's notes. Each attributed and dated, kept in its own record's table.
import type { Sql } from "../../db/client";

/** The signed-off record the addenda are added to. */
export type AddendaOf = { meetingId: number } | { coreGroupId: number };

export type Addendum = { id: number; addendum: string; addedBy: string; addedByAgency: string; addedAt: Date };

const tableOf = (of: AddendaOf) =>
  "meetingId" in of ? { table: "meeting_addenda", key: "meeting_id", id: of.meetingId } : { table: "core_group_addenda", key: "core_group_id", id: of.coreGroupId };

/** The record's addenda, oldest first, with who added each, from which agency, and when. */
export async function listAddenda(sql: Sql, of: AddendaOf): Promise<Addendum[]> {
  const { table, key, id } = tableOf(of);
  const rows = await sql<(Addendum & { id: string })[]>`
    select x.id, x.addendum, u.full_name as "addedBy", a.name as "addedByAgency", x.added_at as "addedAt"
    from ${sql(table)} x join users u on u.id = x.added_by join agencies a on a.id = u.agency_id
    where x.${sql(key)} = ${id} order by x.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function addAddendum(sql: Sql, of: AddendaOf, input: { addendum: string; by: number; at: Date }): Promise<void> {
  const { table, key, id } = tableOf(of);
  await sql`insert into ${sql(table)} (${sql(key)}, addendum, added_at, added_by) values (${id}, ${input.addendum}, ${input.at}, ${input.by})`;
}
