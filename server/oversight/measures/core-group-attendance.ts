// Core group attendance by agency (issue 13 item 1; decision 041): of the members of the core groups held in the
// scope, who was present, sent apologies, did not attend, or whose attendance was never recorded, by their agency.
import type { Counted, MeasureModule } from "../terms";
import { standsAt } from "./plan-figures";
import { agencyNames, percent, scopeMonths } from "./scope-figures";

type Attendance = "invited" | "present" | "apologies" | "did_not_attend";

const attendanceWords: Record<Attendance, string> = {
  invited: "Attendance not recorded",
  present: "Present",
  apologies: "Apologies",
  did_not_attend: "Did not attend",
};

const definition =
  "Every member invited to a core group held in these dates (one place for each member of each core group), by the " +
  "member's agency: present, sent apologies, did not attend, or attendance not recorded. The share is of the places " +
  "whose attendance was recorded, as for strategy meetings; those not recorded are shown, not counted as absent. A " +
  "core group counts on the day it was held; one arranged for a day still to come does not count yet. For one " +
  "agency: that agency's members.";

export const coreGroupAttendance: MeasureModule = {
  id: "core-group-attendance",
  async read(context, scope) {
    const { sql } = context;
    const until = standsAt(context, scope).day;
    const agency = scope.agencyId;
    const [rows, names] = await Promise.all([
      sql<{ agency_id: string; month: string; attendance: Attendance; members: number }[]>`
        select agency_id, to_char(month, 'YYYY-MM') as month, attendance, members from (
          -- Grouped by the month's first day, worked out in date arithmetic: cheaper than formatting every row.
          select m.agency_id, g.held_on - extract(day from g.held_on)::int + 1 as month, m.attendance, count(*)::int as members
            from core_group_members m join core_groups g on g.id = m.core_group_id
           where g.held_on between ${scope.from}::date and ${until}::date
             and (${agency}::text is null or m.agency_id = ${agency})
           group by 1, 2, 3
        ) as counts`,
      agencyNames(sql),
    ]);
    const total = (filter: (row: (typeof rows)[number]) => boolean) => rows.filter(filter).reduce((sum, row) => sum + row.members, 0);
    const recorded = total((row) => row.attendance !== "invited");
    const present = total((row) => row.attendance === "present");
    const agencies = [...new Set(rows.map((row) => row.agency_id))].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b));
    return {
      id: "core-group-attendance",
      group: "conferences-and-core-groups",
      title: "Core group attendance by agency",
      definition,
      headline: { value: percent(present, recorded), format: "percent", numerator: present, denominator: recorded },
      trend: {
        label: "Members present, by month the core group was held",
        format: "percent",
        points: scopeMonths(scope).map((month) => {
          const of = total((row) => row.month === month && row.attendance !== "invited");
          return { month, value: percent(total((row) => row.month === month && row.attendance === "present"), of), of };
        }),
      },
      table: {
        caption: "Core group members' attendance, by agency",
        columns: [
          { key: "agency", label: "Agency", format: "text" },
          { key: "invited", label: "Invited", format: "count" },
          { key: "present", label: "Present", format: "count" },
          { key: "apologies", label: "Apologies", format: "count" },
          { key: "didNotAttend", label: "Did not attend", format: "count" },
          { key: "notRecorded", label: "Not recorded", format: "count" },
          { key: "percent", label: "Present, of those recorded (%)", format: "percent" },
        ],
        rows: agencies.map((id) => {
          const of = (attendance?: Attendance) => total((row) => row.agency_id === id && (!attendance || row.attendance === attendance));
          return {
            key: id,
            cells: {
              agency: names.get(id) ?? id,
              invited: of(),
              present: of("present"),
              apologies: of("apologies"),
              didNotAttend: of("did_not_attend"),
              notRecorded: of("invited"),
              percent: percent(of("present"), of() - of("invited")),
            },
          };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const until = standsAt(context, scope).day;
    const agency = scope.agencyId;
    const rows = await context.sql<{ case_id: string; agency_id: string; held_on: string; attendance: Attendance; child_name: string }[]>`
      select g.case_id, m.agency_id, to_char(g.held_on, 'YYYY-MM-DD') as held_on, m.attendance, child.full_name as child_name
        from core_group_members m
        join core_groups g on g.id = m.core_group_id
        join child_protection_plans p on p.id = g.plan_id
        join case_people child on child.id = p.child_person_id
       where g.held_on between ${scope.from}::date and ${until}::date
         and (${agency}::text is null or m.agency_id = ${agency})
         and (${rowKey}::text is null or m.agency_id = ${rowKey})
       order by g.held_on, g.id, m.agency_id, m.user_id`;
    return rows.map(
      (row): Counted => ({
        caseId: Number(row.case_id),
        contactId: null,
        childName: row.child_name,
        agencyId: row.agency_id,
        dates: [{ label: "Core group held", date: row.held_on }],
        outcome: attendanceWords[row.attendance],
      }),
    );
  },
};
