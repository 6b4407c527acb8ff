// The front door's RAG clocks as a screener reads them (issue 12): red decided within 4 working hours, amber within 1
// working day, green within 3, counted from when the contact was received, in working hours in London.
import { describe, expect, test } from "vitest";
import { frontDoorClockView, workingTimeWords, type FrontDoorClock } from "../../common/front-door-clock";
import { createFrontDoorClocks, frontDoorClock, frontDoorDueAt } from "../../server/calendar/front-door-clock";
import { createCalendar } from "../../server/calendar/working-days";
import { parseConfig } from "../../server/config";

const clocks = createFrontDoorClocks(createCalendar(), parseConfig({}));
const at = (iso: string) => new Date(iso);

/** What the queue shows for a contact as of `now`. */
function shown(contact: { receivedAt: string; rating: "red" | "amber" | "green" | null }, now: string) {
  const clock = frontDoorClock(clocks, { receivedAt: at(contact.receivedAt), rating: contact.rating }, at(now));
  return { clock, ...frontDoorClockView(clock, at(now)) };
}

describe("a red contact at 15:00 on the Friday before the Spring bank holiday Monday", () => {
  const contact = { receivedAt: "2026-05-22T15:00:00+01:00", rating: "red" as const };

  test("is to be decided by 11:00 on Tuesday 26 May", () => {
    expect(frontDoorDueAt(clocks, { ...contact, receivedAt: at(contact.receivedAt) })).toEqual(at("2026-05-26T11:00:00+01:00"));
    expect(shown(contact, "2026-05-22T15:00:00+01:00").decideBy).toBe("Decide by 11:00 on Tuesday 26 May");
  });

  test("an hour later on the Friday it is due in 3 working hours, not today", () => {
    expect(shown(contact, "2026-05-22T16:00:00+01:00")).toMatchObject({ words: "Due in 3 working hours", colour: "blue" });
  });

  test("over the weekend and the bank holiday no working time passes", () => {
    expect(shown(contact, "2026-05-25T12:00:00+01:00").words).toBe("Due in 2 working hours");
  });

  test("on the Tuesday morning it is due today", () => {
    expect(shown(contact, "2026-05-26T09:30:00+01:00")).toMatchObject({ words: "Due today, in 1 working hour and 30 minutes", colour: "yellow" });
    expect(shown(contact, "2026-05-26T10:59:30+01:00").words).toBe("Due today, in 1 working minute");
    expect(shown(contact, "2026-05-26T11:00:00+01:00").words).toBe("Due now");
  });

  test("at 13:00 on the Tuesday it is overdue by 2 working hours, and flagged", () => {
    expect(shown(contact, "2026-05-26T13:00:00+01:00")).toMatchObject({
      words: "Overdue by 2 working hours",
      colour: "red",
      decideBy: "Was due by 11:00 on Tuesday 26 May",
    });
    expect(shown(contact, "2026-05-26T13:00:00+01:00").clock).toMatchObject({ status: "overdue", workingMinutesOverdue: 120 });
  });

  test("a week later it is overdue by whole working days", () => {
    // Tuesday 11:00–17:00, Wednesday to Friday, Monday 09:00–11:00: 32 working hours, 4 working days of 8.
    expect(shown(contact, "2026-06-01T11:00:00+01:00").words).toBe("Overdue by 4 working days");
    expect(shown(contact, "2026-06-01T13:20:00+01:00").words).toBe("Overdue by 4 working days and 2 hours");
  });
});

describe("amber and green across a weekend", () => {
  test("amber, received at 14:00 on a Friday, is decided by 14:00 on the Monday", () => {
    expect(shown({ receivedAt: "2026-05-15T14:00:00+01:00", rating: "amber" }, "2026-05-15T14:00:00+01:00").decideBy).toBe(
      "Decide by 14:00 on Monday 18 May",
    );
  });

  test("green, received at 10:00 on a Thursday, is decided by 10:00 on the Tuesday (Friday, Monday, Tuesday)", () => {
    const green = shown({ receivedAt: "2026-05-14T10:00:00+01:00", rating: "green" }, "2026-05-14T10:00:00+01:00");
    expect(green.decideBy).toBe("Decide by 10:00 on Tuesday 19 May");
    expect(green.words).toBe("Due in 3 working days");
  });

  test("green over Christmas and New Year names the year it falls in", () => {
    const green = shown({ receivedAt: "2026-12-30T10:00:00Z", rating: "green" }, "2026-12-30T10:00:00Z");
    expect(green.decideBy).toBe("Decide by 10:00 on Tuesday 5 January 2027");
  });

  test("amber across the clocks going back is the same time on the Monday, on the wall clock", () => {
    expect(shown({ receivedAt: "2026-10-23T14:00:00+01:00", rating: "amber" }, "2026-10-23T14:00:00+01:00").decideBy).toBe(
      "Decide by 14:00 on Monday 26 October",
    );
  });
});

describe("when the clock starts", () => {
  test("a contact received at 20:00 starts at 09:00 the next working day", () => {
    expect(shown({ receivedAt: "2026-05-20T20:00:00+01:00", rating: "red" }, "2026-05-20T20:00:00+01:00").decideBy).toBe(
      "Decide by 13:00 on Thursday 21 May",
    );
  });

  test("a contact received on a Saturday, or on a bank holiday, starts at 09:00 the next working day", () => {
    expect(shown({ receivedAt: "2026-05-16T11:00:00+01:00", rating: "amber" }, "2026-05-16T11:00:00+01:00").decideBy).toBe(
      "Decide by 17:00 on Monday 18 May",
    );
    expect(shown({ receivedAt: "2026-05-25T10:00:00+01:00", rating: "red" }, "2026-05-25T10:00:00+01:00").decideBy).toBe(
      "Decide by 13:00 on Tuesday 26 May",
    );
  });

  test("a contact not yet rated has the front door's one working day, as amber", () => {
    expect(shown({ receivedAt: "2026-05-19T10:00:00+01:00", rating: null }, "2026-05-19T10:00:00+01:00")).toMatchObject({
      decideBy: "Decide by 10:00 on Wednesday 20 May",
      clock: { rating: null, status: "due", workingMinutesLeft: 480 },
    });
  });

  test("re-rated red later in the day, the clock still runs from receipt, so it can be overdue at once", () => {
    const rerated = shown({ receivedAt: "2026-05-19T09:00:00+01:00", rating: "red" }, "2026-05-19T14:00:00+01:00");
    expect(rerated).toMatchObject({ words: "Overdue by 1 working hour", decideBy: "Was due by 13:00 on Tuesday 19 May" });
  });

  test("overdue since 17:00 on a Friday, the weekend adds no working time: it reads just 'Overdue'", () => {
    const friday = shown({ receivedAt: "2026-05-15T13:00:00+01:00", rating: "red" }, "2026-05-16T10:00:00+01:00");
    expect(friday).toMatchObject({ words: "Overdue", colour: "red", decideBy: "Was due by 17:00 on Friday 15 May" });
  });
});

describe("lengths set by configuration", () => {
  test("the defaults: red 4 working hours, amber 1 working day, green 3, on a 09:00 to 17:00 day", () => {
    expect(clocks.allows).toEqual({ red: 240, amber: 480, green: 1440 });
  });

  test("a partnership's own lengths and working day", () => {
    const local = createFrontDoorClocks(
      createCalendar(),
      parseConfig({
        FRONT_DOOR_RED_WORKING_HOURS: "2",
        FRONT_DOOR_AMBER_WORKING_DAYS: "2",
        FRONT_DOOR_GREEN_WORKING_DAYS: "5",
        WORKING_DAY_STARTS: "08:30",
        WORKING_DAY_ENDS: "16:30",
      }),
    );
    expect(local.allows).toEqual({ red: 120, amber: 960, green: 2400 });
    expect(frontDoorDueAt(local, { receivedAt: at("2026-05-22T15:00:00+01:00"), rating: "red" })).toEqual(at("2026-05-26T09:00:00+01:00"));
  });
});

describe("working time in words", () => {
  test.each([
    [1, "1 working minute"],
    [45, "45 working minutes"],
    [60, "1 working hour"],
    [61, "1 working hour and 1 minute"],
    [200, "3 working hours and 20 minutes"],
    [480, "1 working day"],
    [480 + 300 + 15, "1 working day and 5 hours"],
    [3 * 480, "3 working days"],
  ])("%i minutes of an 8-hour working day: %s", (minutes, words) => {
    expect(workingTimeWords(minutes, 480)).toBe(words);
  });

  test("the words are the same wherever they are worked out: the clock is plain data", () => {
    const clock: FrontDoorClock = { rating: "red", dueAt: "2026-05-26T10:00:00.000Z", workingDayMinutes: 480, status: "overdue", workingMinutesOverdue: 120 };
    expect(JSON.parse(JSON.stringify(clock))).toEqual(clock);
    expect(frontDoorClockView(clock, at("2026-05-26T12:00:00Z"))).toEqual({
      words: "Overdue by 2 working hours",
      colour: "red",
      decideBy: "Was due by 11:00 on Tuesday 26 May",
    });
  });
});
