// Strategy meetings where every attending agency scaled (issue 13 item 1; decision 040), by the rule a meeting is
// signed off by (server/meetings/sign-off-meeting.ts `unscaledAgencies`): each agency with someone present, other than
// the partnership's own office, has a score on the meeting's map or the chair's record of why it could not scale. The
// rule is written here once more in SQL so that every meeting in the scope is judged in one statement (joins, not a
// subquery per agency: the planner costs those so high that PostgreSQL compiles the query, which takes longer than it).
import type { Sql } from "../../../db/client";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { agencyNames, caseChildNames, percent, scopeMonths } from "./scope-figures";

/**
 * Each attending agency's part of each strategy meeting or discussion held in the scope: whether it scaled on the
 * meeting's map, or the chair recorded why it could not (exempt). Agency: only that agency's part.
 */
function attendingParts(sql: Sql, scope: OversightScope) {
  const agency = scope.agencyId;
  return sql`
    with held as (
      select id, case_id, map_id, held_on, chair_user_id from meetings
       where kind in ('meeting', 'discussion') and held_on between ${scope.from}::date and ${scope.to}::date
    ), attending as (
      select distinct h.id as meeting_id, i.agency_id
        from held h join meeting_invitees i on i.meeting_id = h.id join agencies a on a.id = i.agency_id
       where i.attendance = 'present' and a.kind <> 'partnership' and (${agency}::text is null or i.agency_id = ${agency})
    ), scaled as (
      select distinct h.id as meeting_id, s.agency_id from held h join map_scalings s on s.map_id = h.map_id
    ), parts as (
      select h.id as meeting_id, h.case_id, h.held_on, h.chair_user_id, p.agency_id,
             s.meeting_id is not null as scaled, e.meeting_id is not null as exempt
        from attending p join held h on h.id = p.meeting_id
        left join scaled s on s.meeting_id = p.meeting_id and s.agency_id = p.agency_id
        left join meeting_scaling_exemptions e on e.meeting_id = p.meeting_id and e.agency_id = p.agency_id
    )`;
}

type MeetingJudged = { meetingId: number; caseId: number; heldOn: string; chairAgencyId: string; allScaled: boolean; unscaled: string | null };

/** Each meeting with at least one attending agency: whether every one scaled, and the names of those that did not. */
async function judgedMeetings(context: MeasureContext, scope: OversightScope): Promise<MeetingJudged[]> {
  const { sql } = context;
  const rows = await sql<{ meeting_id: string; case_id: string; held_on: string; chair_agency_id: string; all_scaled: boolean; unscaled: string | null }[]>`
    ${attendingParts(sql, scope)}
    select p.meeting_id, p.case_id, to_char(p.held_on, 'YYYY-MM-DD') as held_on, u.agency_id as chair_agency_id,
           bool_and(p.scaled or p.exempt) as all_scaled,
           string_agg(a.name, ', ' order by a.name) filter (where not (p.scaled or p.exempt)) as unscaled
      from parts p join users u on u.id = p.chair_user_id join agencies a on a.id = p.agency_id
     group by p.meeting_id, p.case_id, p.held_on, u.agency_id
     order by p.held_on, p.meeting_id`;
  return rows.map((row) => ({
    meetingId: Number(row.meeting_id),
    caseId: Number(row.case_id),
    heldOn: row.held_on,
    chairAgencyId: row.chair_agency_id,
    allScaled: row.all_scaled,
    unscaled: row.unscaled,
  }));
}

const definition =
  "Of the strategy meetings and telephone strategy discussions held in these dates at which at least one agency was " +
  "present, the share where every agency present (other than the partnership's office) scaled on the meeting's map, " +
  "or the chair recorded why it could not: the rule for signing a meeting off. For one agency: the meetings it was " +
  "present at, and whether it scaled.";

export const strategyScaled: MeasureModule = {
  id: "strategy-scaled",
  async read(context, scope) {
    const { sql } = context;
    // One statement, so the parts are worked out once: rows by month (meetings, all scaled) and by agency.
    const [tallies, names] = await Promise.all([
      sql<{ by: "month" | "agency"; key: string; count: number; scaled: number; exempt: number }[]>`
        ${attendingParts(sql, scope)}
        select 'month' as by, to_char(held_on, 'YYYY-MM') as key, count(*)::int as count, count(*) filter (where all_scaled)::int as scaled, 0 as exempt
          from (select meeting_id, held_on, bool_and(scaled or exempt) as all_scaled from parts group by meeting_id, held_on) meeting
         group by to_char(held_on, 'YYYY-MM')
        union all
        select 'agency', agency_id, count(*)::int, count(*) filter (where scaled)::int, count(*) filter (where exempt and not scaled)::int
          from parts group by agency_id`,
      agencyNames(sql),
    ]);
    const byMonth = tallies.filter((row) => row.by === "month").map((row) => ({ month: row.key, meetings: row.count, all_scaled: row.scaled }));
    const byAgency = tallies.filter((row) => row.by === "agency").map((row) => ({ agency_id: row.key, attended: row.count, scaled: row.scaled, exempt: row.exempt }));
    const meetings = byMonth.reduce((total, row) => total + row.meetings, 0);
    const allScaled = byMonth.reduce((total, row) => total + row.all_scaled, 0);
    const agencies = [...byAgency].sort((a, b) => (names.get(a.agency_id) ?? a.agency_id).localeCompare(names.get(b.agency_id) ?? b.agency_id));
    return {
      id: "strategy-scaled",
      group: "strategy-meetings",
      title: "Strategy meetings where every attending agency scaled",
      definition,
      headline: { value: percent(allScaled, meetings), format: "percent", numerator: allScaled, denominator: meetings },
      trend: {
        label: "Meetings where every attending agency scaled, by month held",
        format: "percent",
        points: scopeMonths(scope).map((month) => {
          const row = byMonth.find((entry) => entry.month === month);
          return row ? { month, value: percent(row.all_scaled, row.meetings), of: row.meetings } : { month, value: null, of: 0 };
        }),
      },
      table: {
        caption: "Scaling at strategy meetings and discussions, by agency present",
        columns: [
          { key: "agency", label: "Agency", format: "text" },
          { key: "attended", label: "Meetings present at", format: "count" },
          { key: "scaled", label: "Scaled", format: "count" },
          { key: "exempt", label: "Could not scale (reason recorded)", format: "count" },
          { key: "notScaled", label: "Not scaled", format: "count" },
          { key: "percent", label: "Scaled or reason recorded (%)", format: "percent" },
        ],
        rows: agencies.map((row) => ({
          key: row.agency_id,
          cells: {
            agency: names.get(row.agency_id) ?? row.agency_id,
            attended: row.attended,
            scaled: row.scaled,
            exempt: row.exempt,
            notScaled: row.attended - row.scaled - row.exempt,
            percent: percent(row.scaled + row.exempt, row.attended),
          },
        })),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { sql } = context;
    if (rowKey === null && scope.agencyId === null) {
      const meetings = await judgedMeetings(context, scope);
      const children = await caseChildNames(sql, meetings.map((meeting) => meeting.caseId));
      return meetings.map(
        (meeting): Counted => ({
          caseId: meeting.caseId,
          contactId: null,
          childName: children.get(meeting.caseId) ?? "",
          agencyId: meeting.chairAgencyId,
          dates: [{ label: "Held", date: meeting.heldOn }],
          outcome: meeting.allScaled ? "Every attending agency scaled" : `Not scaled: ${meeting.unscaled}`,
        }),
      );
    }
    // One agency's part: each meeting it was present at, and whether it scaled.
    const agencyId = rowKey ?? scope.agencyId;
    if (scope.agencyId !== null && agencyId !== scope.agencyId) return [];
    const rows = await sql<{ meeting_id: string; case_id: string; held_on: string; agency_id: string; scaled: boolean; exempt: boolean }[]>`
      ${attendingParts(sql, { ...scope, agencyId })}
      select meeting_id, case_id, to_char(held_on, 'YYYY-MM-DD') as held_on, agency_id, scaled, exempt
        from parts order by held_on, meeting_id`;
    const children = await caseChildNames(sql, rows.map((row) => Number(row.case_id)));
    return rows.map(
      (row): Counted => ({
        caseId: Number(row.case_id),
        contactId: null,
        childName: children.get(Number(row.case_id)) ?? "",
        agencyId: row.agency_id,
        dates: [{ label: "Held", date: row.held_on }],
        outcome: row.scaled ? "Scaled" : row.exempt ? "Could not scale (reason recorded)" : "Not scaled",
      }),
    );
  },
};
