// The spread of agencies' scalings (issue 13 item 1; decision 040): how far agencies disagree on a map, the highest
// less the lowest of each agency's latest score, for the maps held in the scope that at least two agencies scaled; by
// month of the map, and whether the spread is widening or narrowing from the first month with maps to the last.
import type { Sql } from "../../../db/client";
import { SPREAD_FLAG } from "../../maps/scalings";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { caseChildNames, scopeMonths } from "./scope-figures";

/** A change of less than this many points between the first and the last month reads as steady. */
export const STEADY_WITHIN = 0.5;

/**
 * Each map held in the scope with at least two agencies' latest scores: its spread and, in `detail`, its scores and the
 * lowest-scoring agency (the most worried; 0 is certain harm). Agency: only the maps that agency scaled.
 */
function spreadOfMaps(sql: Sql, scope: OversightScope, detail: boolean) {
  const agency = scope.agencyId;
  return sql`
    with latest as (
      select distinct on (s.map_id, s.agency_id) s.map_id, s.agency_id, s.score
        from map_scalings s join case_maps m on m.id = s.map_id
       where m.held_on between ${scope.from}::date and ${scope.to}::date
       order by s.map_id, s.agency_id, s.recorded_at desc, s.id desc
    ), maps as (
      select l.map_id, m.case_id, m.held_on, max(l.score) - min(l.score) as spread
             ${detail ? sql`, string_agg(a.name || ' ' || l.score, ', ' order by l.score, a.name) as scores,
                           (array_agg(l.agency_id order by l.score, a.name))[1] as lowest_agency_id` : sql``}
        from latest l join case_maps m on m.id = l.map_id ${detail ? sql`join agencies a on a.id = l.agency_id` : sql``}
       group by l.map_id, m.case_id, m.held_on
      having count(*) >= 2 and (${agency}::text is null or bool_or(l.agency_id = ${agency}))
    )`;
}

type Month = { month: string; maps: number; meanSpread: number | null; wide: number };

const roundOne = (value: number) => Math.round(value * 10) / 10;

/** Where the spread went from the first month with maps to the last: its change and a word for it. */
export function spreadDirection(months: readonly Month[]): { first: Month; last: Month; change: number; words: string } | null {
  const withMaps = months.filter((month) => month.maps > 0);
  if (withMaps.length < 2) return null;
  const [first, last] = [withMaps[0], withMaps[withMaps.length - 1]];
  const change = roundOne(last.meanSpread! - first.meanSpread!);
  const words = Math.abs(change) < STEADY_WITHIN ? "steady" : change > 0 ? "widening" : "narrowing";
  return { first, last, change, words };
}

const definition =
  "For each map held in these dates that at least two agencies scaled, the spread: the highest less the lowest of each " +
  "agency's latest score (0 to 10). The figure is the mean spread; a spread of more than 3 points is flagged on the " +
  `map. The direction compares the first month with maps to the last: a change of less than ${STEADY_WITHIN} points ` +
  "is steady. For one agency: the maps it scaled (the spread is still across every agency on them).";

export const scalingSpread: MeasureModule = {
  id: "scaling-spread",
  async read(context, scope) {
    const { sql } = context;
    const rows = await sql<{ month: string; maps: number; spread_total: number; wide: number }[]>`
      ${spreadOfMaps(sql, scope, false)}
      select to_char(held_on, 'YYYY-MM') as month, count(*)::int as maps, sum(spread)::int as spread_total,
             count(*) filter (where spread > ${SPREAD_FLAG})::int as wide
        from maps group by to_char(held_on, 'YYYY-MM')`;
    const months: Month[] = scopeMonths(scope).map((month) => {
      const row = rows.find((entry) => entry.month === month);
      return row ? { month, maps: row.maps, meanSpread: roundOne(row.spread_total / row.maps), wide: row.wide } : { month, maps: 0, meanSpread: null, wide: 0 };
    });
    const maps = rows.reduce((total, row) => total + row.maps, 0);
    const spreadTotal = rows.reduce((total, row) => total + row.spread_total, 0);
    const direction = spreadDirection(months);
    return {
      id: "scaling-spread",
      group: "scaling",
      title: "Spread of agencies' scalings",
      definition,
      headline: { value: maps ? roundOne(spreadTotal / maps) : null, format: "score", denominator: maps },
      trend: { label: "Mean spread, by month the map was held", format: "score", points: months.map((month) => ({ month: month.month, value: month.meanSpread, of: month.maps })) },
      table: {
        caption: `Spread of agencies' scalings, by month the map was held, and its direction: ${direction?.words ?? "too few months with maps to tell"}`,
        columns: [
          { key: "month", label: "Month", format: "text" },
          { key: "maps", label: "Maps scaled by two or more agencies", format: "count" },
          { key: "meanSpread", label: "Mean spread (points)", format: "score" },
          { key: "wide", label: `Spread of more than ${SPREAD_FLAG} points`, format: "count" },
          { key: "direction", label: "Direction", format: "text" },
        ],
        rows: [
          ...months.map((month) => ({ key: month.month, cells: { month: month.month, maps: month.maps, meanSpread: month.meanSpread, wide: month.wide, direction: null } })),
          {
            key: "direction",
            cells: direction
              ? {
                  month: `${direction.first.month} to ${direction.last.month}`,
                  maps: direction.first.maps + direction.last.maps,
                  meanSpread: direction.change,
                  wide: direction.first.wide + direction.last.wide,
                  direction: direction.words,
                }
              : { month: "First to last month with maps", maps: maps, meanSpread: null, wide: null, direction: "too few months with maps to tell" },
          },
        ],
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { sql } = context;
    const rows = await sql<{ map_id: string; case_id: string; held_on: string; spread: number; scores: string; lowest_agency_id: string }[]>`
      ${spreadOfMaps(sql, scope, true)}
      select map_id, case_id, to_char(held_on, 'YYYY-MM-DD') as held_on, spread, scores, lowest_agency_id
        from maps order by held_on, map_id`;
    let chosen = [...rows];
    if (rowKey === "direction") {
      const months = [...new Set(rows.map((row) => row.held_on.slice(0, 7)))];
      const ends = months.length >= 2 ? [months[0], months[months.length - 1]] : [];
      chosen = rows.filter((row) => ends.includes(row.held_on.slice(0, 7)));
    } else if (rowKey !== null) chosen = rows.filter((row) => row.held_on.slice(0, 7) === rowKey);
    const children = await caseChildNames(sql, chosen.map((row) => Number(row.case_id)));
    return chosen.map(
      (row): Counted => ({
        caseId: Number(row.case_id),
        contactId: null,
        childName: children.get(Number(row.case_id)) ?? "",
        agencyId: scope.agencyId ?? row.lowest_agency_id,
        dates: [{ label: "Map held", date: row.held_on }],
        outcome: `Spread of ${row.spread} ${row.spread === 1 ? "point" : "points"}${row.spread > SPREAD_FLAG ? " (flagged)" : ""}`,
        // Each agency's score is the case's content: shown only to those who read the case (./drill-down.ts).
        caseWords: `Scores: ${row.scores}`,
      }),
    );
  },
};
