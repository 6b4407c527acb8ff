// Each agency's 0–10 risk scaling on a map: one current score per agency (its latest), every earlier one kept.
import type { Sql } from "../../db/client";

export type Scaling = {
  id: number;
  agencyId: string;
  agencyName: string;
  agencyColour: string;
  score: number;
  reasons: string;
  notForFamily: boolean;
  recordedAt: Date;
  recordedBy: string;
};

/** More than this many points between the highest and lowest current scores is flagged. */
export const SPREAD_FLAG = 3;

const scalingColumns = (sql: Sql) => sql`
  s.id, s.agency_id as "agencyId", a.name as "agencyName", a.colour as "agencyColour", s.score, s.reasons,
  s.not_for_family as "notForFamily", s.recorded_at as "recordedAt", u.full_name as "recordedBy"`;

/** Every scaling on the map, oldest first. */
export async function listScalings(sql: Sql, mapId: number): Promise<Scaling[]> {
  const rows = await sql<(Scaling & { id: string })[]>`
    select ${scalingColumns(sql)}
    from map_scalings s join agencies a on a.id = s.agency_id join users u on u.id = s.recorded_by
    where s.map_id = ${mapId}
    order by s.recorded_at, s.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Every scaling on every map of the case, oldest first, with the map it belongs to: the direction of travel. */
export async function listCaseScalings(sql: Sql, caseId: number): Promise<(Scaling & { mapId: number; mapHeldOn: string })[]> {
  const rows = await sql<(Scaling & { id: string; mapId: string; mapHeldOn: string })[]>`
    select ${scalingColumns(sql)}, m.id as "mapId", to_char(m.held_on, 'YYYY-MM-DD') as "mapHeldOn"
    from map_scalings s join case_maps m on m.id = s.map_id
      join agencies a on a.id = s.agency_id join users u on u.id = s.recorded_by
    where m.case_id = ${caseId}
    order by s.recorded_at, s.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id), mapId: Number(row.mapId) }));
}

/** Each agency's latest scaling, by agency name. */
export function currentScalings(all: readonly Scaling[]): Scaling[] {
  const latest = new Map<string, Scaling>();
  for (const scaling of all) latest.set(scaling.agencyId, scaling);
  return [...latest.values()].sort((a, b) => a.agencyName.localeCompare(b.agencyName));
}

/** The gap between the highest and lowest current scores, and whether it is wide enough to talk about. */
export function scalingSpread(current: readonly Scaling[]): { spread: number; flagged: boolean; highest?: Scaling; lowest?: Scaling } {
  if (current.length < 2) return { spread: 0, flagged: false };
  const sorted = [...current].sort((a, b) => a.score - b.score);
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  const spread = highest.score - lowest.score;
  return { spread, flagged: spread > SPREAD_FLAG, highest, lowest };
}

export async function recordScaling(
  sql: Sql,
  input: { mapId: number; agencyId: string; score: number; reasons: string; notForFamily: boolean; recordedBy: number; at: Date },
): Promise<{ id: number }> {
  const [row] = await sql<{ id: string }[]>`
    insert into map_scalings (map_id, agency_id, score, reasons, not_for_family, recorded_at, recorded_by)
    values (${input.mapId}, ${input.agencyId}, ${input.score}, ${input.reasons}, ${input.notForFamily}, ${input.at}, ${input.recordedBy})
    returning id`;
  return { id: Number(row.id) };
}
