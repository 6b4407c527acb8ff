// The clocks inspectors check first (DOMAIN.md: 15 and 10 working days, 3 and 6 months): met, missed with its reason,
// due in so many working days, or overdue, as of a day in England.
import { describe, expect, test } from "vitest";
import { clockTagColour, clockWords } from "../../common/statutory-clock";
import { createCalendar } from "../../server/calendar/working-days";
import { dueOn, reviewClock, statutoryClock, statutoryRules } from "../../server/calendar/statutory-clock";

const calendar = createCalendar();

describe("the first core group: within 10 working days of the initial conference", () => {
  test("across the summer bank holiday and the end of August", () => {
    // Thu 20 Aug 2026: Fri 21 (1), 24–28 (6), Mon 31 Aug is a bank holiday, 1–4 Sep (10).
    expect(dueOn(calendar, "2026-08-20", statutoryRules.firstCoreGroup)).toBe("2026-09-04");
  });

  test("across the Spring bank holiday", () => {
    expect(dueOn(calendar, "2026-05-22", statutoryRules.firstCoreGroup)).toBe("2026-06-08");
  });

  test("held on working day 8 is met; held the day after the due day is missed by one working day, with its reason", () => {
    const start = "2026-08-20";
    expect(statutoryClock(calendar, { start, rule: statutoryRules.firstCoreGroup, today: "2026-09-10", happenedOn: "2026-09-02" })).toEqual({
      status: "met",
      dueOn: "2026-09-04",
      happenedOn: "2026-09-02",
    });
    expect(statutoryClock(calendar, { start, rule: statutoryRules.firstCoreGroup, today: "2026-09-10", happenedOn: "2026-09-04" }).status).toBe("met");
    const missed = statutoryClock(calendar, {
      start,
      rule: statutoryRules.firstCoreGroup,
      today: "2026-09-10",
      happenedOn: "2026-09-07",
      reason: "  The mother asked to move it so she could attend  ",
    });
    expect(missed).toEqual({
      status: "missed",
      dueOn: "2026-09-04",
      happenedOn: "2026-09-07",
      workingDaysLate: 1,
      reason: "The mother asked to move it so she could attend",
    });
    expect(clockWords(missed)).toBe("Missed by 1 working day. Reason: The mother asked to move it so she could attend");
    expect(clockTagColour(missed)).toBe("red");
  });

  test("missed with no reason says so", () => {
    const missed = statutoryClock(calendar, { start: "2026-08-20", rule: statutoryRules.firstCoreGroup, today: "2026-09-10", happenedOn: "2026-09-09", reason: " " });
    expect(missed).toMatchObject({ status: "missed", workingDaysLate: 3, reason: null });
    expect(clockWords(missed)).toBe("Missed by 3 working days. No reason recorded");
  });

  test("held on the Saturday after a Friday due day is missed, by at least one working day", () => {
    expect(statutoryClock(calendar, { start: "2026-08-20", rule: statutoryRules.firstCoreGroup, today: "2026-09-10", happenedOn: "2026-09-05" })).toMatchObject({
      status: "missed",
      workingDaysLate: 1,
    });
  });

  test("not yet held: due in so many working days (the bank holiday does not count), then due today, then overdue", () => {
    const clock = (today: string) => statutoryClock(calendar, { start: "2026-08-20", rule: statutoryRules.firstCoreGroup, today });
    // From Fri 28 Aug: 1–4 Sep are the 4 working days left; Mon 31 Aug is a bank holiday.
    expect(clock("2026-08-28")).toEqual({ status: "due", dueOn: "2026-09-04", workingDaysLeft: 4 });
    expect(clockWords(clock("2026-08-28"))).toBe("Due in 4 working days");
    expect(clockWords(clock("2026-09-03"))).toBe("Due in 1 working day");
    expect(clockTagColour(clock("2026-09-03"))).toBe("yellow");
    expect(clockWords(clock("2026-09-04"))).toBe("Due today");
    // The weekend after a Friday due day is already overdue.
    expect(clock("2026-09-05")).toEqual({ status: "overdue", dueOn: "2026-09-04", workingDaysOverdue: 1, reason: null });
    expect(clockWords(clock("2026-09-08"))).toBe("Overdue by 2 working days");
    expect(clockTagColour(clock("2026-08-21"))).toBe("blue");
  });

  test("overdue with a recorded reason shows it", () => {
    const clock = statutoryClock(calendar, { start: "2026-08-20", rule: statutoryRules.firstCoreGroup, today: "2026-09-07", reason: "Awaiting the police" });
    expect(clockWords(clock)).toBe("Overdue by 1 working day. Reason: Awaiting the police");
  });
});

describe("the initial conference: within 15 working days of the strategy discussion", () => {
  test("across Good Friday and Easter Monday", () => {
    expect(dueOn(calendar, "2026-04-02", statutoryRules.initialConference)).toBe("2026-04-27");
  });
});

describe("review conferences: within 3 calendar months of the initial conference, then at most every 6 months", () => {
  test("an initial conference on 31 January is reviewed by 30 April", () => {
    const clock = reviewClock(calendar, { initialConferenceOn: "2026-01-31", lastReviewOn: null, today: "2026-02-02" });
    expect(clock.dueOn).toBe("2026-04-30");
  });

  test("an initial conference on 30 November 2027 is reviewed by 29 February 2028, a leap day", () => {
    expect(reviewClock(calendar, { initialConferenceOn: "2027-11-30", lastReviewOn: null, today: "2027-12-01" }).dueOn).toBe("2028-02-29");
  });

  test("the first review due on a Sunday at the end of February: due in working days up to it, met on the Friday before", () => {
    const first = (opts: { today: string; happenedOn?: string }) => reviewClock(calendar, { initialConferenceOn: "2026-11-30", lastReviewOn: null, ...opts });
    expect(first({ today: "2027-02-22" })).toEqual({ status: "due", dueOn: "2027-02-28", workingDaysLeft: 4 });
    expect(first({ today: "2027-02-26" })).toEqual({ status: "due", dueOn: "2027-02-28", workingDaysLeft: 0 });
    expect(first({ today: "2027-03-01" })).toMatchObject({ status: "overdue", workingDaysOverdue: 1 });
    expect(first({ today: "2027-03-01", happenedOn: "2027-02-26" })).toEqual({ status: "met", dueOn: "2027-02-28", happenedOn: "2027-02-26" });
  });

  test("after the first review, the next is due 6 months after it, not after the initial conference", () => {
    const next = reviewClock(calendar, { initialConferenceOn: "2026-11-30", lastReviewOn: "2027-02-26", today: "2027-03-01" });
    expect(next.dueOn).toBe("2027-08-26");
    expect(next.status).toBe("due");
    const fromMonthEnd = reviewClock(calendar, { initialConferenceOn: "2026-05-29", lastReviewOn: "2026-08-31", today: "2026-09-01" });
    expect(fromMonthEnd.dueOn).toBe("2027-02-28");
  });

  test("a review held late, with its reason", () => {
    const clock = reviewClock(calendar, {
      initialConferenceOn: "2026-01-31",
      lastReviewOn: null,
      today: "2026-05-20",
      happenedOn: "2026-05-06",
      reason: "The chair was ill",
    });
    // Due Thu 30 Apr; Fri 1 May (1), Mon 4 May is the Early May bank holiday, Tue 5 (2), Wed 6 (3).
    expect(clock).toEqual({ status: "missed", dueOn: "2026-04-30", happenedOn: "2026-05-06", workingDaysLate: 3, reason: "The chair was ill" });
  });
});

describe("an event arranged for a day still to come", () => {
  test("has not met its clock: it is arranged in time, or late with its reason; once its day comes it is met or missed", () => {
    // Due Thu 30 April 2026, 3 months from 31 January.
    const inTime = reviewClock(calendar, { initialConferenceOn: "2026-01-31", lastReviewOn: null, today: "2026-04-01", happenedOn: "2026-04-28" });
    expect(inTime).toEqual({ status: "arranged", dueOn: "2026-04-30", arrangedOn: "2026-04-28", workingDaysLate: 0, reason: null });
    expect(clockWords(inTime)).toBe("Arranged in time, for 28 April 2026");
    expect(clockTagColour(inTime)).toBe("blue");

    const late = reviewClock(calendar, { initialConferenceOn: "2026-01-31", lastReviewOn: null, today: "2026-04-01", happenedOn: "2026-05-06", reason: "The chair is on leave" });
    expect(clockWords(late)).toBe("Arranged 3 working days late, for 6 May 2026. Reason: The chair is on leave");
    expect(clockTagColour(late)).toBe("red");

    // On its day it has happened.
    expect(reviewClock(calendar, { initialConferenceOn: "2026-01-31", lastReviewOn: null, today: "2026-04-28", happenedOn: "2026-04-28" }).status).toBe("met");
  });
});
