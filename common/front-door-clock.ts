// The front door's RAG clock as a screener reads it (red: decided within 4 working hours, amber: 1 working day, green:
// 3 working days): the state the server works out (server/calendar/front-door-clock.ts) and its words, which the
// browser shows as they come. Times are read on the wall clock in London, so the page and its hydration agree.

export const ragRatings = ["red", "amber", "green"] as const;
export type RagRating = (typeof ragRatings)[number];

export type FrontDoorClock = {
  /** The rating the clock follows; null until the contact is rated (the clock of one working day, as amber's). */
  rating: RagRating | null;
  /** When the decision is due, as an ISO instant. */
  dueAt: string;
  /** The length of a working day in minutes, so the words can count whole working days. */
  workingDayMinutes: number;
} & (
  | /** Not yet due: working minutes left (rounded up, so "1 minute" until the moment), and whether it is due today. */
  { status: "due"; workingMinutesLeft: number; dueToday: boolean }
  /** The due instant has passed: working minutes since (rounded down; 0 over the weekend after a Friday deadline). */
  | { status: "overdue"; workingMinutesOverdue: number }
);

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * An amount of working time as people say it: "20 working minutes", "3 working hours and 20 minutes", "1 working day
 * and 5 hours" (minutes left out once there are whole days), "3 working days".
 */
export function workingTimeWords(minutes: number, workingDayMinutes: number): string {
  const days = Math.floor(minutes / workingDayMinutes);
  const hours = Math.floor((minutes - days * workingDayMinutes) / 60);
  const mins = minutes - days * workingDayMinutes - hours * 60;
  if (days > 0) return `${plural(days, "working day", "working days")}${hours > 0 ? ` and ${plural(hours, "hour", "hours")}` : ""}`;
  if (hours > 0) return `${plural(hours, "working hour", "working hours")}${mins > 0 ? ` and ${plural(mins, "minute", "minutes")}` : ""}`;
  return plural(mins, "working minute", "working minutes");
}

const london = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", ...options });
const timeFormat = london({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const dayFormat = london({ weekday: "long", day: "numeric", month: "long" });
const yearFormat = london({ year: "numeric" });

/** "11:00 on Tuesday 26 May", with the year when it is not the year of `now` ("… 5 January 2027"). */
export function dueAtWords(dueAt: string | Date, now: Date): string {
  const due = new Date(dueAt);
  const year = yearFormat.format(due);
  return `${timeFormat.format(due)} on ${dayFormat.format(due)}${year === yearFormat.format(now) ? "" : ` ${year}`}`;
}

/** The line beside the rating: "Decide by 11:00 on Tuesday 26 May", or "Was due by …" once overdue. */
export function decideByWords(clock: FrontDoorClock, now: Date): string {
  return `${clock.status === "overdue" ? "Was due by" : "Decide by"} ${dueAtWords(clock.dueAt, now)}`;
}

/**
 * The clock's state: "Due in 1 working day and 5 hours", "Due today, in 2 working hours", "Due now", "Overdue by 2
 * working hours", or "Overdue" when no working time has passed since (the weekend after a Friday deadline).
 */
export function frontDoorClockWords(clock: FrontDoorClock): string {
  if (clock.status === "overdue") {
    return clock.workingMinutesOverdue > 0 ? `Overdue by ${workingTimeWords(clock.workingMinutesOverdue, clock.workingDayMinutes)}` : "Overdue";
  }
  if (clock.workingMinutesLeft === 0) return "Due now";
  const left = workingTimeWords(clock.workingMinutesLeft, clock.workingDayMinutes);
  return clock.dueToday ? `Due today, in ${left}` : `Due in ${left}`;
}

/** The GOV.UK tag colour of the clock's state: red overdue, yellow due today, blue otherwise. */
export function frontDoorClockColour(clock: FrontDoorClock): "red" | "yellow" | "blue" {
  if (clock.status === "overdue") return "red";
  return clock.dueToday ? "yellow" : "blue";
}

/** A clock as the queue shows it: its state's words and colour, and when the decision is due by. */
export const frontDoorClockView = (clock: FrontDoorClock, now: Date) => ({
  words: frontDoorClockWords(clock),
  colour: frontDoorClockColour(clock),
  decideBy: decideByWords(clock, now),
});
