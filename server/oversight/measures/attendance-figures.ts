// Attendance by agency, as strategy meetings and core groups both count it (decisions 040 and 041): each place
// (an invitation, a core group member) present, apologies, did not attend, or not yet recorded. The share is of the
// places whose attendance was recorded; those not recorded are shown beside it, never counted as absent.
import type { FigureTable, Measure, OversightScope } from "../terms";
import { percent, scopeMonths } from "./scope-figures";

export type Attendance = "invited" | "present" | "apologies" | "did_not_attend";

export const attendanceWords: Record<Attendance, string> = {
  invited: "Attendance not recorded",
  present: "Present",
  apologies: "Apologies",
  did_not_attend: "Did not attend",
};

/** How many places of one agency, in one month, had one attendance. */
export type AttendanceTally = { agencyId: string; month: string; attendance: Attendance; places: number };

const sum = (tallies: readonly AttendanceTally[], attendance?: Attendance) =>
  tallies.filter((tally) => attendance === undefined || tally.attendance === attendance).reduce((total, tally) => total + tally.places, 0);
const recorded = (tallies: readonly AttendanceTally[]) => sum(tallies) - sum(tallies, "invited");

/** The headline, the trend by month and the table by agency (agencies in the order of their names). */
export function attendanceFigures(
  tallies: readonly AttendanceTally[],
  names: ReadonlyMap<string, string>,
  scope: OversightScope,
  words: { trendLabel: string; caption: string; percentLabel: string },
): Pick<Measure, "headline" | "trend" | "table"> {
  const nameOf = (agencyId: string) => names.get(agencyId) ?? agencyId;
  const agencies = [...new Set(tallies.map((tally) => tally.agencyId))].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  const present = sum(tallies, "present");
  const table: FigureTable = {
    caption: words.caption,
    columns: [
      { key: "agency", label: "Agency", format: "text" },
      { key: "invited", label: "Invited", format: "count" },
      { key: "present", label: "Present", format: "count" },
      { key: "apologies", label: "Apologies", format: "count" },
      { key: "didNotAttend", label: "Did not attend", format: "count" },
      { key: "notRecorded", label: "Not recorded", format: "count" },
      { key: "percent", label: words.percentLabel, format: "percent" },
    ],
    rows: agencies.map((agencyId) => {
      const ofAgency = tallies.filter((tally) => tally.agencyId === agencyId);
      return {
        key: agencyId,
        cells: {
          agency: nameOf(agencyId),
          invited: sum(ofAgency),
          present: sum(ofAgency, "present"),
          apologies: sum(ofAgency, "apologies"),
          didNotAttend: sum(ofAgency, "did_not_attend"),
          notRecorded: sum(ofAgency, "invited"),
          percent: percent(sum(ofAgency, "present"), recorded(ofAgency)),
        },
      };
    }),
  };
  return {
    headline: { value: percent(present, recorded(tallies)), format: "percent", numerator: present, denominator: recorded(tallies) },
    trend: {
      label: words.trendLabel,
      format: "percent",
      points: scopeMonths(scope).map((month) => {
        const ofMonth = tallies.filter((tally) => tally.month === month);
        return { month, value: percent(sum(ofMonth, "present"), recorded(ofMonth)), of: recorded(ofMonth) };
      }),
    },
    table,
  };
}
