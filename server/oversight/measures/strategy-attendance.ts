// Strategy meetings' attendance by agency (issue 13 item 1; decision 040): every invitation to a strategy meeting or
// telephone strategy discussion held in the scope, as the chair recorded it: present, apologies, did not attend, or
// not yet recorded. The database counts; one row per agency, month and attendance comes back.
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { attendanceFigures, attendanceWords, type Attendance, type AttendanceTally } from "./attendance-figures";
import { agencyNames, caseChildNames } from "./scope-figures";

/** Invitations to strategy meetings and discussions held in the scope, counted by agency, month and attendance. */
async function tallies(context: MeasureContext, scope: OversightScope): Promise<AttendanceTally[]> {
  const agency = scope.agencyId;
  const rows = await context.sql<{ agency_id: string; month: string; attendance: Attendance; invitations: number }[]>`
    select i.agency_id, to_char(m.held_on, 'YYYY-MM') as month, i.attendance, count(*)::int as invitations
      from meetings m join meeting_invitees i on i.meeting_id = m.id
     where m.kind in ('meeting', 'discussion') and m.held_on between ${scope.from}::date and ${scope.to}::date
       and (${agency}::text is null or i.agency_id = ${agency})
     group by i.agency_id, to_char(m.held_on, 'YYYY-MM'), i.attendance`;
  return rows.map((row) => ({ agencyId: row.agency_id, month: row.month, attendance: row.attendance, places: row.invitations }));
}

const definition =
  "Every invitation to a strategy meeting or telephone strategy discussion held in these dates, by the invitee's " +
  "agency: present, apologies or did not attend, as the chair recorded it. The figure is the share present of the " +
  "invitations whose attendance was recorded; those not yet recorded are counted beside it. For one agency: its own " +
  "invitees.";

export const strategyAttendance: MeasureModule = {
  id: "strategy-attendance",
  async read(context, scope) {
    const [all, names] = await Promise.all([tallies(context, scope), agencyNames(context.sql)]);
    return {
      id: "strategy-attendance",
      group: "strategy-meetings",
      title: "Strategy meetings: attendance by agency",
      definition,
      ...attendanceFigures(all, names, scope, {
        trendLabel: "Invitees present, by month the meeting was held",
        caption: "Invitations to strategy meetings and discussions, by agency",
        percentLabel: "Present (%)",
      }),
    };
  },
  async counted(context, scope, rowKey) {
    const agency = rowKey ?? scope.agencyId;
    if (scope.agencyId !== null && agency !== scope.agencyId) return [];
    const rows = await context.sql<{ meeting_id: string; case_id: string; agency_id: string; held_on: string; attendance: Attendance }[]>`
      select m.id as meeting_id, m.case_id, i.agency_id, to_char(m.held_on, 'YYYY-MM-DD') as held_on, i.attendance
        from meetings m join meeting_invitees i on i.meeting_id = m.id
       where m.kind in ('meeting', 'discussion') and m.held_on between ${scope.from}::date and ${scope.to}::date
         and (${agency}::text is null or i.agency_id = ${agency})
       order by m.held_on, m.id, i.agency_id, i.user_id`;
    const children = await caseChildNames(context.sql, rows.map((row) => Number(row.case_id)));
    return rows.map(
      (row): Counted => ({
        caseId: Number(row.case_id),
        contactId: null,
        childName: children.get(Number(row.case_id)) ?? "",
        agencyId: row.agency_id,
        dates: [{ label: "Held", date: row.held_on }],
        outcome: attendanceWords[row.attendance],
      }),
    );
  },
};
