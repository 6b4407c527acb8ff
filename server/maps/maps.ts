// A case's Signs of Safety maps: several over time, each dated; the latest opens by default.
import type { Sql } from "../../db/client";
import { DEFAULT_SCALING_QUESTION } from "../../common/map-document";

export type CaseMap = { id: number; caseId: number; heldOn: string; title: string; scalingQuestion: string; createdAt: Date; createdBy: string };

const columns = (sql: Sql) => sql`
  m.id, m.case_id as "caseId", to_char(m.held_on, 'YYYY-MM-DD') as "heldOn", m.title, m.scaling_question as "scalingQuestion",
  m.created_at as "createdAt", u.full_name as "createdBy"`;

const fromRows = <T extends { id: unknown; caseId: unknown }>(rows: readonly T[]) =>
  rows.map((row) => ({ ...row, id: Number(row.id), caseId: Number(row.caseId) }));

/** Newest first: by the date the mapping took place, then by when it was started. */
export async function listMaps(sql: Sql, caseId: number): Promise<CaseMap[]> {
  return fromRows(
    await sql<CaseMap[]>`
      select ${columns(sql)} from case_maps m join users u on u.id = m.created_by
      where m.case_id = ${caseId} order by m.held_on desc, m.id desc`,
  );
}

/**
 * The map that opens by default, from `maps` newest first: the newest held on or before today, so a meeting arranged
 * for next month (which has its own map) does not hide the mapping that has happened; if every map is still to come,
 * the newest.
 */
export function latestMap<T extends Pick<CaseMap, "heldOn">>(maps: readonly T[], today: string): T | undefined {
  return maps.find((map) => map.heldOn <= today) ?? maps[0];
}

export async function getMap(sql: Sql, caseId: number, mapId: number): Promise<CaseMap | null> {
  if (!Number.isSafeInteger(mapId) || mapId <= 0) return null;
  const [row] = fromRows(
    await sql<CaseMap[]>`
      select ${columns(sql)} from case_maps m join users u on u.id = m.created_by
      where m.case_id = ${caseId} and m.id = ${mapId}`,
  );
  return row ?? null;
}

export async function createMap(
  sql: Sql,
  input: { caseId: number; heldOn: string; title: string; scalingQuestion?: string; createdBy: number; at: Date },
): Promise<{ id: number }> {
  const [row] = await sql<{ id: string }[]>`
    insert into case_maps (case_id, held_on, title, scaling_question, created_at, created_by)
    values (${input.caseId}, ${input.heldOn}, ${input.title}, ${input.scalingQuestion || DEFAULT_SCALING_QUESTION}, ${input.at}, ${input.createdBy})
    returning id`;
  return { id: Number(row.id) };
}
