// The front door's RAG clocks (issue 12, DOMAIN.md step 1; decision 033): a contact rated red is decided within 4
// working hours, amber within 1 working day, green within 3 (each set by configuration), counted in working hours
// (working-hours.ts) from when the contact was received. A contact not yet rated runs on the front door's one working
// day, the amber clock's length. A re-rating changes the clock's length, never its start.
import type { FrontDoorClock, RagRating } from "../../common/front-door-clock";
import type { Config } from "../config";
import type { Calendar } from "./working-days";
import { addWorkingMinutes, createWorkingHours, londonDate, workingDayMinutes, workingMsBetween, type WorkingHours } from "./working-hours";

const MS_PER_MINUTE = 60_000;

export type FrontDoorClocks = {
  hours: WorkingHours;
  /** How much working time each rating allows, in minutes. */
  allows: Record<RagRating, number>;
};

export type FrontDoorSettings = Pick<
  Config,
  "WORKING_DAY_STARTS" | "WORKING_DAY_ENDS" | "FRONT_DOOR_RED_WORKING_HOURS" | "FRONT_DOOR_AMBER_WORKING_DAYS" | "FRONT_DOOR_GREEN_WORKING_DAYS"
>;

/** The clocks of this deployment: its calendar, its working day and the lengths its configuration sets. */
export function createFrontDoorClocks(calendar: Calendar, settings: FrontDoorSettings): FrontDoorClocks {
  const hours = createWorkingHours(calendar, { starts: settings.WORKING_DAY_STARTS, ends: settings.WORKING_DAY_ENDS });
  const day = workingDayMinutes(hours);
  return {
    hours,
    allows: {
      red: settings.FRONT_DOOR_RED_WORKING_HOURS * 60,
      amber: settings.FRONT_DOOR_AMBER_WORKING_DAYS * day,
      green: settings.FRONT_DOOR_GREEN_WORKING_DAYS * day,
    },
  };
}

/**
 * When the decision on a contact is due: the rating's working time after the contact was received, counted from the
 * first working moment (a contact received at 20:00 or on a Saturday starts at the next working day's start).
 */
export function frontDoorDueAt(clocks: FrontDoorClocks, contact: { receivedAt: Date; rating: RagRating | null }): Date {
  return addWorkingMinutes(clocks.hours, contact.receivedAt, clocks.allows[contact.rating ?? "amber"]);
}

/** The clock of a contact not yet decided, as of `now`: due (in so much working time) or overdue (by so much). */
export function frontDoorClock(clocks: FrontDoorClocks, contact: { receivedAt: Date; rating: RagRating | null }, now: Date): FrontDoorClock {
  const due = frontDoorDueAt(clocks, contact);
  const base = { rating: contact.rating, dueAt: due.toISOString(), workingDayMinutes: workingDayMinutes(clocks.hours) };
  if (now.getTime() <= due.getTime()) {
    const left = Math.ceil(workingMsBetween(clocks.hours, now, due) / MS_PER_MINUTE);
    return { ...base, status: "due", workingMinutesLeft: left, dueToday: londonDate(now) === londonDate(due) };
  }
  return { ...base, status: "overdue", workingMinutesOverdue: Math.floor(workingMsBetween(clocks.hours, due, now) / MS_PER_MINUTE) };
}
