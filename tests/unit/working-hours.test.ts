// The front door counts in working hours: 09:00 to 17:00 in London on working days. A wrong hour moves the moment a
// red contact about a child must be decided by. Instants here are written with their UK offset (+01:00 in summer
// time), so the expectations do not lean on the code's own reading of the time zone.
import { describe, expect, test } from "vitest";
import { createCalendar, OutsideCoveredYearsError } from "../../server/calendar/working-days";
import {
  addWorkingHours,
  addWorkingMinutes,
  createWorkingHours,
  londonDate,
  startOfWorkingTime,
  workingMsBetween,
} from "../../server/calendar/working-hours";

const hours = createWorkingHours(createCalendar());
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe("adding working hours", () => {
  test("a red contact at 15:00 on the Friday before the Spring bank holiday is due at 11:00 on the Tuesday", () => {
    // Friday 22 May 2026: 15:00–17:00 is 2 hours; the weekend and Monday 25 May (bank holiday) hold none; Tuesday 09:00–11:00.
    expect(addWorkingHours(hours, at("2026-05-22T15:00:00+01:00"), 4)).toEqual(at("2026-05-26T11:00:00+01:00"));
  });

  test("within one working day it is plain addition", () => {
    expect(addWorkingHours(hours, at("2026-05-19T10:15:00+01:00"), 4)).toEqual(at("2026-05-19T14:15:00+01:00"));
  });

  test("time that runs out exactly at the end of a day ends at 17:00, not at the next morning", () => {
    expect(addWorkingHours(hours, at("2026-05-19T13:00:00+01:00"), 4)).toEqual(at("2026-05-19T17:00:00+01:00"));
    expect(addWorkingHours(hours, at("2026-05-19T09:00:00+01:00"), 8)).toEqual(at("2026-05-19T17:00:00+01:00"));
    expect(addWorkingHours(hours, at("2026-05-19T09:00:00+01:00"), 16)).toEqual(at("2026-05-20T17:00:00+01:00"));
  });

  test("a contact received at 20:00 starts at 09:00 the next working day", () => {
    expect(startOfWorkingTime(hours, at("2026-05-20T20:00:00+01:00"))).toEqual(at("2026-05-21T09:00:00+01:00"));
    expect(addWorkingHours(hours, at("2026-05-20T20:00:00+01:00"), 4)).toEqual(at("2026-05-21T13:00:00+01:00"));
  });

  test("a contact received at 17:00 exactly, or at 07:30, starts at 09:00", () => {
    expect(startOfWorkingTime(hours, at("2026-05-20T17:00:00+01:00"))).toEqual(at("2026-05-21T09:00:00+01:00"));
    expect(startOfWorkingTime(hours, at("2026-05-20T07:30:00+01:00"))).toEqual(at("2026-05-20T09:00:00+01:00"));
    expect(startOfWorkingTime(hours, at("2026-05-20T16:59:00+01:00"))).toEqual(at("2026-05-20T16:59:00+01:00"));
  });

  test("a contact received on a Saturday starts on the Monday; one received on a bank holiday, the next working day", () => {
    expect(addWorkingHours(hours, at("2026-05-16T11:00:00+01:00"), 4)).toEqual(at("2026-05-18T13:00:00+01:00"));
    expect(addWorkingHours(hours, at("2026-05-25T10:00:00+01:00"), 4)).toEqual(at("2026-05-26T13:00:00+01:00"));
    // Christmas: Friday 25 December and the Boxing Day substitute on Monday 28 December 2026.
    expect(addWorkingHours(hours, at("2026-12-24T16:00:00Z"), 4)).toEqual(at("2026-12-29T12:00:00Z"));
  });

  test("seconds carry through: received at 15:00:30, due at 11:00:30", () => {
    expect(addWorkingHours(hours, at("2026-05-22T15:00:30+01:00"), 4)).toEqual(at("2026-05-26T11:00:30+01:00"));
  });

  test("the clocks going forward (last Sunday of March) move nothing: 15:00 GMT Friday + 4 hours is 11:00 BST Monday", () => {
    expect(addWorkingHours(hours, at("2026-03-27T15:00:00Z"), 4)).toEqual(at("2026-03-30T11:00:00+01:00"));
    expect(addWorkingMinutes(hours, at("2026-03-27T10:00:00Z"), 8 * 60)).toEqual(at("2026-03-30T10:00:00+01:00"));
  });

  test("the clocks going back (last Sunday of October) move nothing: 15:00 BST Friday + 4 hours is 11:00 GMT Monday", () => {
    expect(addWorkingHours(hours, at("2026-10-23T15:00:00+01:00"), 4)).toEqual(at("2026-10-26T11:00:00Z"));
    expect(addWorkingMinutes(hours, at("2026-10-23T15:00:00+01:00"), 3 * 8 * 60)).toEqual(at("2026-10-28T15:00:00Z"));
  });

  test("a deployment's own closure (BANK_HOLIDAYS_FILE) is not working time", () => {
    const local = createWorkingHours(createCalendar([{ date: "2026-05-26", title: "Council closure day" }]));
    expect(addWorkingHours(local, at("2026-05-22T15:00:00+01:00"), 4)).toEqual(at("2026-05-27T11:00:00+01:00"));
  });

  test("a configured working day of 08:30 to 16:30 is counted on its own hours", () => {
    const early = createWorkingHours(createCalendar(), { starts: "08:30", ends: "16:30" });
    expect(addWorkingHours(early, at("2026-05-22T15:00:00+01:00"), 4)).toEqual(at("2026-05-26T11:00:00+01:00"));
    expect(addWorkingHours(early, at("2026-05-22T16:00:00+01:00"), 4)).toEqual(at("2026-05-26T12:00:00+01:00"));
  });

  test("a working day that does not start before it ends is refused", () => {
    expect(() => createWorkingHours(createCalendar(), { starts: "17:00", ends: "09:00" })).toThrow(/start before it ends/);
    expect(() => createWorkingHours(createCalendar(), { starts: "9am", ends: "17:00" })).toThrow(/HH:MM/);
  });

  test("a negative or fractional count is refused", () => {
    expect(() => addWorkingMinutes(hours, at("2026-05-22T15:00:00+01:00"), -1)).toThrow(/0 or more/);
    expect(() => addWorkingMinutes(hours, at("2026-05-22T15:00:00+01:00"), 1.5)).toThrow(/whole number/);
  });

  test("beyond the years whose bank holidays ship, it refuses rather than guess", () => {
    expect(() => addWorkingHours(hours, at("2031-05-22T15:00:00+01:00"), 4)).toThrow(OutsideCoveredYearsError);
  });
});

describe("working time between two instants", () => {
  test("only working hours count: 16:00 on a Friday to 10:00 on the Monday is 2 hours", () => {
    expect(workingMsBetween(hours, at("2026-05-15T16:00:00+01:00"), at("2026-05-18T10:00:00+01:00"))).toBe(2 * HOUR);
  });

  test("across the bank holiday weekend: 15:00 Friday to 11:00 Tuesday is the red clock's 4 hours", () => {
    expect(workingMsBetween(hours, at("2026-05-22T15:00:00+01:00"), at("2026-05-26T11:00:00+01:00"))).toBe(4 * HOUR);
  });

  test("across the clocks changing it is still 2 hours, in March and in October", () => {
    expect(workingMsBetween(hours, at("2026-03-27T16:00:00Z"), at("2026-03-30T10:00:00+01:00"))).toBe(2 * HOUR);
    expect(workingMsBetween(hours, at("2026-10-23T16:00:00+01:00"), at("2026-10-26T10:00:00Z"))).toBe(2 * HOUR);
  });

  test("outside working hours no time passes; swapped, the sign flips", () => {
    expect(workingMsBetween(hours, at("2026-05-22T17:00:00+01:00"), at("2026-05-26T09:00:00+01:00"))).toBe(0);
    expect(workingMsBetween(hours, at("2026-05-26T11:00:00+01:00"), at("2026-05-22T15:00:00+01:00"))).toBe(-4 * HOUR);
    expect(workingMsBetween(hours, at("2026-05-26T11:00:00+01:00"), at("2026-05-26T11:00:00+01:00"))).toBe(0);
  });

  test("adding working time and measuring it agree, from any starting moment", () => {
    for (const from of ["2026-05-22T15:00:00+01:00", "2026-03-27T08:00:00Z", "2026-10-24T12:00:00+01:00", "2026-12-24T16:45:00Z"]) {
      for (const count of [1, 4, 8, 9, 24, 40]) {
        const start = startOfWorkingTime(hours, at(from));
        expect(workingMsBetween(hours, at(from), addWorkingHours(hours, at(from), count))).toBe(count * HOUR);
        expect(workingMsBetween(hours, start, addWorkingHours(hours, at(from), count))).toBe(count * HOUR);
      }
    }
  });
});

test("the London date of an instant: 23:30 UTC in summer is the next day in London", () => {
  expect(londonDate(at("2026-05-22T23:30:00Z"))).toBe("2026-05-23");
  expect(londonDate(at("2026-12-22T23:30:00Z"))).toBe("2026-12-22");
});
