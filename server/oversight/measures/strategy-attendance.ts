// Strategy meetings' attendance by agency (issue 13 item 1; decision 040): every invitation to a strategy meeting or
// telephone strategy discussion held in the scope, as the chair recorded it: present, apologies, did not attend, or
// not yet recorded. The database counts; one row per agency, month and attendance comes back.
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { agencyNames, caseChildNames, percent, scopeMonths } from "./scope-figures";

type Attendance = "invited" | "present" | "apologies" | "did_not_attend";

export const attendanceWords: Record<Attendance, string> = {
  invited: "Attendance not recorded",
  present: "Present",
  apologies: "Apologies",
  did_not_attend: "Did not attend",
};

type Tally = { agencyId: string; month: string; attendance: Attendance; invitations: number };

/** Invitations to strategy meetings and discussions held in the scope, counted by agency, month and attendance. */
async function tallies(context: MeasureContext, scope: OversightScope): Promise<Tally[]> {
  const agency = scope.agencyId;
  const rows = await context.sql<{ agency_id: string; month: string; attendance: Attendance; invitations: number }[]>`
    select i.agency_id, to_char(m.held_on, 'YYYY-MM') as month, i.attendance, count(*)::int as invitations
      from meetings m join meeting_invitees i on i.meeting_id = m.id
     where m.kind in ('meeting', 'discussion') and m.held_on between ${scope.from}::date and ${scope.to}::date
       and (${agency}::text is null or i.agency_id = ${agency})
     group by i.agency_id, to_char(m.held_on, 'YYYY-MM'), i.attendance`;
  return rows.map((row) => ({ agencyId: row.agency_id, month: row.month, attendance: row.attendance, invitations: row.invitations }));
}

const sum = (tallies: readonly Tally[], attendance?: Attendance) =>
  tallies.filter((tally) => attendance === undefined || tally.attendance === attendance).reduce((total, tally) => total + tally.invitations, 0);
const recorded = (tallies: readonly Tally[]) => sum(tallies) - sum(tallies, "invited");

const definition =
  "Every invitation to a strategy meeting or telephone strategy discussion held in these dates, by the invitee's " +
  "agency: present, apologies or did not attend, as the chair recorded it. The figure is the share present of the " +
  "invitations whose attendance was recorded; those not yet recorded are counted beside it. For one agency: its own " +
  "invitees.";

export const strategyAttendance: MeasureModule = {
  id: "strategy-attendance",
  async read(context, scope) {
    const all = await tallies(context, scope);
    const names = await agencyNames(context.sql);
    const agencies = [...new Set(all.map((tally) => tally.agencyId))].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
    const present = sum(all, "present");
    return {
      id: "strategy-attendance",
      group: "strategy-meetings",
      title: "Strategy meetings: attendance by agency",
      definition,
      headline: { value: percent(present, recorded(all)), format: "percent", numerator: present, denominator: recorded(all) },
      trend: {
        label: "Invitees present, by month the meeting was held",
        format: "percent",
        points: scopeMonths(scope).map((month) => {
          const ofMonth = all.filter((tally) => tally.month === month);
          return { month, value: percent(sum(ofMonth, "present"), recorded(ofMonth)), of: recorded(ofMonth) };
        }),
      },
      table: {
        caption: "Invitations to strategy meetings and discussions, by agency",
        columns: [
          { key: "agency", label: "Agency", format: "text" },
          { key: "invited", label: "Invited", format: "count" },
          { key: "present", label: "Present", format: "count" },
          { key: "apologies", label: "Apologies", format: "count" },
          { key: "didNotAttend", label: "Did not attend", format: "count" },
          { key: "notRecorded", label: "Not recorded", format: "count" },
          { key: "percent", label: "Present (%)", format: "percent" },
        ],
        rows: agencies.map((agencyId) => {
          const ofAgency = all.filter((tally) => tally.agencyId === agencyId);
          return {
            key: agencyId,
            cells: {
              agency: names.get(agencyId) ?? agencyId,
              invited: sum(ofAgency),
              present: sum(ofAgency, "present"),
              apologies: sum(ofAgency, "apologies"),
              didNotAttend: sum(ofAgency, "did_not_attend"),
              notRecorded: sum(ofAgency, "invited"),
              percent: percent(sum(ofAgency, "present"), recorded(ofAgency)),
            },
          };
        }),
      },
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
