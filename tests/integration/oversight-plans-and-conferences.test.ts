// The partnership's measures of conferences, core groups, actions and plans (issue 13; decision 041), each against
// figures counted by hand from the small partnership written out in tests/support/oversight-plans-fixture.ts (its rows
// say why each date was chosen). The scope is April to June 2026 and today is 15 July 2026, so what happened in July (a
// conference, core groups, progress, a changed category) must not count. Two clocks straddle bank holidays: the Early
// May bank holiday (4 May 2026) and the Spring bank holiday (25 May).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadCalendar } from "../../server/calendar/working-days";
import { findMeasure, measureModules } from "../../server/oversight/measures";
import type { MeasureContext, OversightScope } from "../../server/oversight/terms";
import { at, writePlansPartnership } from "../support/oversight-plans-fixture";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
let context: MeasureContext;
const scope: OversightScope = { from: "2026-04-01", to: "2026-06-30", agencyId: null };
const police: OversightScope = { ...scope, agencyId: "police" };
/** Each case's id, by its letter (Amy's is A). */
let cases: Record<string, number>;

beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
  ({ cases } = await writePlansPartnership(db));
  context = { sql: db.sql, calendar: loadCalendar(), frontDoorClocks: undefined as never, now: at("2026-07-15") };
});

afterAll(async () => {
  await db?.close();
});

const read = (id: string, which = scope) => findMeasure(id)!.read(context, which);
const counted = (id: string, rowKey: string | null = null, which = scope) => findMeasure(id)!.counted(context, which, rowKey);
const cellsOf = (measure: Awaited<ReturnType<typeof read>>) => Object.fromEntries(measure.table.rows.map((row) => [row.key, row.cells]));
const trendOf = (measure: Awaited<ReturnType<typeof read>>) => measure.trend.points.map((point) => [point.month, point.value, point.of]);

test("every measure of this part is listed for the page", () => {
  const listed = measureModules.map((module) => module.id);
  for (const id of [
    "icpc-in-time",
    "first-core-group-in-time",
    "reviews-in-time",
    "core-group-attendance",
    "actions-overdue",
    "actions-on-time",
    "actions-without-date",
    "children-on-plan",
    "plans-two-years",
    "second-plans",
  ])
    expect(listed).toContain(id);
});

describe("initial conferences within 15 working days", () => {
  test("one of three held in time, against England's 81%, with the late ones' reasons", async () => {
    const measure = await read("icpc-in-time");
    expect(measure.headline).toEqual({ value: 33.3, format: "percent", numerator: 1, denominator: 3 });
    expect(measure.national?.value).toBe(81);
    expect(measure.national?.source).toContain("Characteristics of children in need, England, year to 31 March 2025");
    expect(cellsOf(measure)).toEqual({
      "in-time": { outcome: "Held within 15 working days", conferences: 1, percent: 33.3 },
      late: { outcome: "Held late, with the reason recorded", conferences: 1, percent: 33.3 },
      "late-no-reason": { outcome: "Held late, with no reason recorded", conferences: 1, percent: 33.3 },
    });
    expect(trendOf(measure)).toEqual([
      ["2026-04", null, 0],
      ["2026-05", 50, 2],
      ["2026-06", 0, 1],
    ]);
  });

  test("the clock straddles the Early May bank holiday: held on working day 15", async () => {
    expect(await counted("icpc-in-time", "in-time")).toEqual([
      {
        caseId: cases.A,
        contactId: null,
        childName: "Amy Able",
        agencyId: "sc",
        dates: [
          { label: "Strategy meeting", date: "2026-04-21" },
          { label: "Due by", date: "2026-05-13" },
          { label: "Held", date: "2026-05-13" },
        ],
        outcome: "Held in time (due by 13 May 2026)",
      },
    ]);
    const [late] = await counted("icpc-in-time", "late");
    expect(late.childName).toBe("Ben Bold");
    expect(late.outcome).toBe("Held 2 working days late (due by 26 May 2026); reason recorded");
    expect(late.caseWords).toBe("Chair unavailable");
    const [unexplained] = await counted("icpc-in-time", "late-no-reason");
    expect(unexplained.outcome).toBe("Held 3 working days late (due by 22 June 2026); no reason recorded");
    expect(unexplained.caseWords).toBeUndefined();
    expect((await counted("icpc-in-time")).map((item) => item.childName)).toEqual(["Amy Able", "Ben Bold", "Cara Cole"]);
  });

  test("the police's part: conferences on the cases the police are on", async () => {
    expect((await read("icpc-in-time", police)).headline).toEqual({ value: 50, format: "percent", numerator: 1, denominator: 2 });
  });
});

describe("first core groups within 10 working days", () => {
  test("two of three in time, the late one with its reason for those who may read the case", async () => {
    const measure = await read("first-core-group-in-time");
    expect(measure.headline).toEqual({ value: 66.7, format: "percent", numerator: 2, denominator: 3 });
    expect(cellsOf(measure)).toEqual({
      "in-time": { outcome: "Held within 10 working days", coreGroups: 2, percent: 66.7 },
      late: { outcome: "Held late", coreGroups: 1, percent: 33.3 },
    });
    expect(trendOf(measure)).toEqual([
      ["2026-04", 100, 1],
      ["2026-05", 100, 1],
      ["2026-06", 0, 1],
    ]);
    const [late] = await counted("first-core-group-in-time", "late");
    expect(late).toMatchObject({
      childName: "Ben Bold",
      outcome: "Held 2 working days late (due by 11 June 2026); reason recorded",
      caseWords: "The lead social worker was on leave",
    });
    // Amy's: 10 working days from 13 May skip the Spring bank holiday.
    expect((await counted("first-core-group-in-time", "in-time")).map((item) => [item.childName, item.dates[1].date])).toEqual([
      ["Eve East", "2026-04-29"],
      ["Amy Able", "2026-05-28"],
    ]);
    expect((await read("first-core-group-in-time", police)).headline).toEqual({ value: 100, format: "percent", numerator: 1, denominator: 1 });
  });
});

describe("review conferences on time", () => {
  test("a first review on its last day, a later one in time and one a working day late", async () => {
    const measure = await read("reviews-in-time");
    expect(measure.headline).toEqual({ value: 66.7, format: "percent", numerator: 2, denominator: 3 });
    expect(Object.values(cellsOf(measure)).map(({ held, inTime, late, percent }) => [held, inTime, late, percent])).toEqual([
      [1, 1, 0, 100],
      [2, 1, 1, 50],
    ]);
    expect(trendOf(measure)).toEqual([
      ["2026-04", null, 0],
      ["2026-05", 100, 1],
      ["2026-06", 50, 2],
    ]);
    expect((await counted("reviews-in-time", "later")).map((item) => [item.childName, item.outcome, item.caseWords])).toEqual([
      ["Gus Green", "Later review: Held in time (due by 1 June 2026)", undefined],
      ["Dan Dale", "Later review: Held 1 working day late (due by 5 June 2026); reason recorded", "Family asked to move it"],
    ]);
    expect((await counted("reviews-in-time", "first"))[0].dates).toEqual([
      { label: "Initial conference", date: "2026-03-10" },
      { label: "Due by", date: "2026-06-10" },
      { label: "Held", date: "2026-06-10" },
    ]);
    // The police are on Gus's and Dan's cases.
    expect((await read("reviews-in-time", police)).headline).toEqual({ value: 50, format: "percent", numerator: 1, denominator: 2 });
  });
});

describe("core group attendance by agency", () => {
  test("seven of the eleven places recorded were present; each agency's invited, present, apologies, did not attend and not recorded", async () => {
    const measure = await read("core-group-attendance");
    expect(measure.headline).toEqual({ value: 63.6, format: "percent", numerator: 7, denominator: 11 });
    expect(cellsOf(measure)).toEqual({
      police: { agency: "Test Police", invited: 3, present: 1, apologies: 1, didNotAttend: 1, notRecorded: 0, percent: 33.3 },
      health: { agency: "Test Health", invited: 4, present: 1, apologies: 1, didNotAttend: 1, notRecorded: 1, percent: 33.3 },
      sc: { agency: "Test Children's Services", invited: 5, present: 5, apologies: 0, didNotAttend: 0, notRecorded: 0, percent: 100 },
    });
    expect(measure.table.rows.map((row) => row.key)).toEqual(["sc", "health", "police"]);
    expect(trendOf(measure)).toEqual([
      ["2026-04", 50, 2],
      ["2026-05", 66.7, 3],
      ["2026-06", 66.7, 6],
    ]);
    expect((await counted("core-group-attendance", "police")).map((item) => [item.childName, item.dates[0].date, item.outcome])).toEqual([
      ["Amy Able", "2026-05-27", "Present"],
      ["Dan Dale", "2026-06-03", "Did not attend"],
      ["Amy Able", "2026-06-24", "Apologies"],
    ]);
    expect((await read("core-group-attendance", police)).headline).toEqual({ value: 33.3, format: "percent", numerator: 1, denominator: 3 });
  });
});

describe("actions", () => {
  test("overdue on the scope's last day, by owner agency, read as they stood that day", async () => {
    const measure = await read("actions-overdue");
    expect(measure.headline).toEqual({ value: 7, format: "count" });
    expect(cellsOf(measure)).toEqual({
      police: { agency: "Test Police", open: 3, overdue: 2, percent: 66.7 },
      health: { agency: "Test Health", open: 1, overdue: 1, percent: 100 },
      sc: { agency: "Test Children's Services", open: 3, overdue: 2, percent: 66.7 },
      school: { agency: "Test School", open: 2, overdue: 2, percent: 100 },
    });
    expect(trendOf(measure)).toEqual([
      ["2026-04", 1, 1],
      ["2026-05", null, 0],
      ["2026-06", 6, 7], // Amy's police action due on 30 June is open, not yet overdue
    ]);
    expect((await counted("actions-overdue", "police")).map((item) => [item.childName, item.outcome])).toEqual([
      ["Amy Able", "Overdue by 20 days; latest progress: at risk"],
      ["Cara Cole", "Overdue by 4 days; no progress recorded"],
    ]);
    expect((await counted("actions-overdue", "health")).map((item) => [item.childName, item.outcome])).toEqual([
      ["Dan Dale", "Overdue by 1 day; latest progress: on track"],
    ]);
    expect((await read("actions-overdue", police)).headline.value).toBe(2);
  });

  test("done on or before their date: two of five, against the date each had when it was said done", async () => {
    const measure = await read("actions-on-time");
    expect(measure.headline).toEqual({ value: 40, format: "percent", numerator: 2, denominator: 5 });
    expect(cellsOf(measure)).toEqual({
      police: { agency: "Test Police", done: 1, onTime: 0, late: 1, percent: 0 },
      health: { agency: "Test Health", done: 3, onTime: 2, late: 1, percent: 66.7 },
      sc: { agency: "Test Children's Services", done: 1, onTime: 0, late: 1, percent: 0 },
    });
    expect(trendOf(measure)).toEqual([
      ["2026-04", 50, 2],
      ["2026-05", null, 0],
      ["2026-06", 33.3, 3],
    ]);
    expect((await counted("actions-on-time", "health")).map((item) => [item.childName, item.dates, item.outcome])).toEqual([
      ["Eve East", [{ label: "Due by", date: "2026-05-15" }, { label: "Said done", date: "2026-04-29" }], "Done on time"],
      ["Ben Bold", [{ label: "Due by", date: "2026-06-19" }, { label: "Said done", date: "2026-06-15" }], "Done on time"],
      ["Amy Able", [{ label: "Due by", date: "2026-06-20" }, { label: "Said done", date: "2026-06-24" }], "Done after its date (due by 20 June 2026)"],
    ]);
    expect((await read("actions-on-time", police)).headline).toEqual({ value: 0, format: "percent", numerator: 0, denominator: 1 });
  });

  test("without a real date: two actions dated before the day they were added, in England", async () => {
    const measure = await read("actions-without-date");
    expect(measure.headline).toEqual({ value: 2, format: "count" });
    expect(cellsOf(measure)).toEqual({
      police: { agency: "Test Police", added: 3, without: 0, plans: 0 },
      health: { agency: "Test Health", added: 3, without: 0, plans: 0 },
      sc: { agency: "Test Children's Services", added: 4, without: 1, plans: 1 },
      school: { agency: "Test School", added: 2, without: 1, plans: 1 },
    });
    expect(trendOf(measure)).toEqual([
      ["2026-04", 1, 3],
      ["2026-05", 0, 6],
      ["2026-06", 1, 3],
    ]);
    expect((await counted("actions-without-date")).map((item) => [item.childName, item.dates, item.outcome])).toEqual([
      ["Eve East", [{ label: "Added", date: "2026-04-16" }, { label: "Due by", date: "2026-04-10" }], "Its date is before the day it was added"],
      ["Cara Cole", [{ label: "Added", date: "2026-06-27" }, { label: "Due by", date: "2026-06-26" }], "Its date is before the day it was added"],
    ]);
    expect((await read("actions-without-date", police)).headline.value).toBe(0);
  });
});

describe("plans", () => {
  test("children on a plan on 30 June, by the category they had that day", async () => {
    const measure = await read("children-on-plan");
    expect(measure.headline).toEqual({ value: 5, format: "count" });
    expect(Object.values(cellsOf(measure)).map(({ category, children, percent }) => [category, children, percent])).toEqual([
      ["Neglect", 2, 40],
      ["Physical abuse", 1, 20],
      ["Sexual abuse", 1, 20],
      ["Emotional abuse", 1, 20],
    ]);
    expect(trendOf(measure)).toEqual([
      ["2026-04", 4, undefined],
      ["2026-05", 5, undefined],
      ["2026-06", 5, undefined],
    ]);
    expect((await counted("children-on-plan", "neglect")).map((item) => item.childName)).toEqual(["Dan Dale", "Amy Able"]);
    expect((await read("children-on-plan", police)).headline.value).toBe(3);
  });

  test("plans lasting two years or more: one still active, one ended in the scope", async () => {
    const measure = await read("plans-two-years");
    expect(measure.headline).toEqual({ value: 2, format: "count" });
    expect(Object.values(cellsOf(measure)).map(({ twoYears, of, percent }) => [twoYears, of, percent])).toEqual([
      [1, 5, 20],
      [1, 2, 50],
    ]);
    expect(trendOf(measure)).toEqual([
      ["2026-04", 2, undefined],
      ["2026-05", 1, undefined],
      ["2026-06", 1, undefined],
    ]);
    expect((await counted("plans-two-years")).map((item) => [item.childName, item.outcome])).toEqual([
      ["Gus Green", "Ended after 28 months"],
      ["Dan Dale", "Active, on a plan for 27 months"],
    ]);
    expect((await read("plans-two-years", police)).headline.value).toBe(2);
  });

  test("second or subsequent plans: one of the four started in the scope", async () => {
    const measure = await read("second-plans");
    expect(measure.headline).toEqual({ value: 25, format: "percent", numerator: 1, denominator: 4 });
    expect(Object.values(cellsOf(measure)).map(({ plans, percent }) => [plans, percent])).toEqual([
      [3, 75],
      [1, 25],
      [0, 0],
    ]);
    expect(trendOf(measure)).toEqual([
      ["2026-04", 100, 1],
      ["2026-05", 0, 2],
      ["2026-06", 0, 1],
    ]);
    expect(await counted("second-plans", "second")).toEqual([
      {
        caseId: cases.E,
        contactId: null,
        childName: "Eve East",
        agencyId: "sc",
        dates: [
          { label: "Plan before started", date: "2025-01-10" },
          { label: "Plan started", date: "2026-04-15" },
        ],
        outcome: "Plan 2 for this child (the one before started 10 January 2025)",
      },
    ]);
    expect((await read("second-plans", police)).headline).toEqual({ value: 0, format: "percent", numerator: 0, denominator: 2 });
  });
});
