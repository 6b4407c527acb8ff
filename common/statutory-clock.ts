// A statutory clock as people read it (the conference within 15 working days, the first core group within 10, the
// review within 3 months): the state the server works out (server/calendar/statutory-clock.ts) and its words, which
// the browser shows as they come.
import { formatDate } from "./format";

export type StatutoryClock =
  /** The event happened on or before the day it was due. */
  | { status: "met"; dueOn: string; happenedOn: string }
  /** The event happened after the day it was due, with the reason recorded for the lateness, if any. */
  | { status: "missed"; dueOn: string; happenedOn: string; workingDaysLate: number; reason: string | null }
  /** Arranged for a day still to come: in time (0 working days late), or late, with the reason recorded, if any. */
  | { status: "arranged"; dueOn: string; arrangedOn: string; workingDaysLate: number; reason: string | null }
  /** Not yet happened and not yet late: 0 working days left is "due today". */
  | { status: "due"; dueOn: string; workingDaysLeft: number }
  /** Not yet happened, and the day it was due has passed. */
  | { status: "overdue"; dueOn: string; workingDaysOverdue: number; reason: string | null };

const workingDays = (count: number) => `${count} working ${count === 1 ? "day" : "days"}`;

/**
 * "Met", "Missed by 2 working days. Reason: …", "Arranged in time", "Arranged 1 working day late. Reason: …", "Due
 * today", "Due in 3 working days", "Overdue by 1 working day".
 */
export function clockWords(clock: StatutoryClock): string {
  switch (clock.status) {
    case "met":
      return "Met";
    case "missed":
      return `Missed by ${workingDays(clock.workingDaysLate)}. ${clock.reason ? `Reason: ${clock.reason}` : "No reason recorded"}`;
    case "arranged":
      return clock.workingDaysLate === 0
        ? `Arranged in time, for ${formatDate(clock.arrangedOn)}`
        : `Arranged ${workingDays(clock.workingDaysLate)} late, for ${formatDate(clock.arrangedOn)}. ${clock.reason ? `Reason: ${clock.reason}` : "No reason recorded"}`;
    case "due":
      return clock.workingDaysLeft === 0 ? "Due today" : `Due in ${workingDays(clock.workingDaysLeft)}`;
    case "overdue":
      return `Overdue by ${workingDays(clock.workingDaysOverdue)}${clock.reason ? `. Reason: ${clock.reason}` : ""}`;
  }
}

/**
 * The GOV.UK tag colour that goes with the words: green met, red missed, overdue or arranged late, yellow due within 2
 * working days, blue otherwise.
 */
export function clockTagColour(clock: StatutoryClock): "green" | "red" | "yellow" | "blue" {
  if (clock.status === "met") return "green";
  if (clock.status === "missed" || clock.status === "overdue") return "red";
  if (clock.status === "arranged") return clock.workingDaysLate ? "red" : "blue";
  return clock.workingDaysLeft <= 2 ? "yellow" : "blue";
}

/** A clock as a page shows it: the day it is due by, its words, and its tag's colour. */
export const clockView = (clock: StatutoryClock) => ({ dueOn: formatDate(clock.dueOn), words: clockWords(clock), colour: clockTagColour(clock) });
