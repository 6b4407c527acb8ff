// Core group attendance by agency (issue 13 item 1; decision 041): of the members of the core groups held in the
// scope, who was present, sent apologies, did not attend, or whose attendance was never recorded, by their agency.
import type { Counted, MeasureModule } from "../terms";
import { attendanceFigures, attendanceWords, type Attendance } from "./attendance-figures";
import { standsAt } from "./plan-figures";
import { agencyNames } from "./scope-figures";

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
    return {
      id: "core-group-attendance",
      group: "conferences-and-core-groups",
      title: "Core group attendance by agency",
      definition,
      ...attendanceFigures(
        rows.map((row) => ({ agencyId: row.agency_id, month: row.month, attendance: row.attendance, places: row.members })),
        names,
        scope,
        {
          trendLabel: "Members present, by month the core group was held",
          caption: "Core group members' attendance, by agency",
          percentLabel: "Present, of those recorded (%)",
        },
      ),
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
