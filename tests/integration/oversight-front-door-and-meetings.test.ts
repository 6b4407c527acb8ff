// The front door's, strategy meetings' and scaling's measures (issue 13; decision 040) over a small partnership written
// out in tests/support/oversight-front-door-fixture.ts, each figure worked out by hand. The scope is December 2025 to
// February 2026 (all GMT, so London's wall clock is UTC's); "now" is Monday 2 March 2026 at 12:00. Christmas Day and
// Boxing Day 2025 are bank holidays.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFrontDoorClocks } from "../../server/calendar/front-door-clock";
import { createCalendar } from "../../server/calendar/working-days";
import { parseConfig } from "../../server/config";
import { findMeasure, measureModules } from "../../server/oversight/measures";
import type { MeasureContext, OversightScope } from "../../server/oversight/terms";
import { at, writeFrontDoorPartnership } from "../support/oversight-front-door-fixture";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
let context: MeasureContext;
const scope: OversightScope = { from: "2025-12-01", to: "2026-02-28", agencyId: null };
const forAgency = (agencyId: string): OversightScope => ({ ...scope, agencyId });
/** Each case's, meeting's and referral's id, by its key in the fixture (`caseLeo`, `m1`, `c1`). */
let ids: Record<string, number>;

beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
  ({ ids } = await writeFrontDoorPartnership(db));
  const calendar = createCalendar();
  context = { sql: db.sql, calendar, frontDoorClocks: createFrontDoorClocks(calendar, parseConfig({})), now: at("2026-03-02 12:00") };
});

afterAll(async () => {
  await db?.close();
});

const read = (id: string, which = scope) => findMeasure(id)!.read(context, which);
const rows = (table: { rows: { key: string; cells: Record<string, unknown> }[] }) => Object.fromEntries(table.rows.map((row) => [row.key, row.cells]));
const points = (trend: { points: { month: string; value: number | null }[] }) => trend.points.map((point) => [point.month, point.value]);

test("the six measures are listed for the page", () => {
  const listed = measureModules.map((module) => module.id);
  for (const id of ["contacts-in-time", "re-referrals", "strategy-attendance", "strategy-scaled", "contact-to-strategy", "scaling-spread"]) expect(listed).toContain(id);
});

describe("referrals decided within their RAG clock", () => {
  test("3 of the 6 decided in the scope were in time; the Christmas amber was, its clock waiting over the bank holidays", async () => {
    const measure = await read("contacts-in-time");
    expect(measure.headline).toEqual({ value: 50, format: "percent", numerator: 3, denominator: 6 });
    expect(rows(measure.table)).toEqual({
      red: { rating: "Red", decided: 1, inTime: 0, percent: 0, openOverdue: 1 },
      amber: { rating: "Amber", decided: 2, inTime: 1, percent: 50, openOverdue: 0 },
      green: { rating: "Green", decided: 2, inTime: 1, percent: 50, openOverdue: 0 },
      unrated: { rating: "Not rated (amber's clock)", decided: 1, inTime: 1, percent: 100, openOverdue: 0 },
    });
    expect(points(measure.trend)).toEqual([
      ["2025-12", 100],
      ["2026-01", 0],
      ["2026-02", 50],
    ]);
  });

  test("a row opens what it counts: each referral, its clock's outcome, and the open overdue ones", async () => {
    const amber = await findMeasure("contacts-in-time")!.counted(context, scope, "amber");
    expect(amber.map((item) => [item.contactId, item.childName, item.agencyId, item.outcome])).toEqual([
      [ids.c1, "Leo Stone", "police", "Amber: Decided in time"],
      [ids.c4, "Mia Hart", "police", "Amber: Missed by 2 working hours"],
    ]);
    expect(amber[0].caseId).toBe(ids.caseLeo);
    expect(amber[0].dates).toEqual([
      { label: "Received", date: "2025-12-24" },
      { label: "Due", date: "2025-12-29" },
      { label: "Decided", date: "2025-12-29" },
    ]);
    const red = await findMeasure("contacts-in-time")!.counted(context, scope, "red");
    expect(red.map((item) => [item.contactId, item.outcome])).toEqual([
      [ids.c2, "Red: Missed by 1 working hour"],
      [ids.c6, "Red: Still open, overdue by 4 working days and 6 hours"],
    ]);
    const all = await findMeasure("contacts-in-time")!.counted(context, scope, null);
    expect(all.map((item) => item.contactId)).toEqual([ids.c8, ids.c1, ids.c2, ids.c3, ids.c4, ids.c5]);
  });

  test("one agency's part is the referrals it sent", async () => {
    const measure = await read("contacts-in-time", forAgency("police"));
    expect(measure.headline).toMatchObject({ value: 66.7, numerator: 2, denominator: 3 });
  });
});

describe("re-referrals within 12 months", () => {
  test("4 of the 9 children referred in the scope were referred in the 12 months before", async () => {
    const measure = await read("re-referrals");
    expect(measure.headline).toEqual({ value: 44.4, format: "percent", numerator: 4, denominator: 9 });
    expect(measure.national).toBeUndefined();
    expect(measure.table.rows.map((row) => row.cells)).toEqual([
      { agency: "Kestrelvale Police", children: 4, reReferred: 1, percent: 25 },
      { agency: "Larkfield School", children: 2, reReferred: 2, percent: 100 },
      { agency: "Sandmere Health", children: 3, reReferred: 1, percent: 33.3 },
    ]);
    expect(points(measure.trend)).toEqual([
      ["2025-12", 0],
      ["2026-01", 50],
      ["2026-02", 60],
    ]);
  });

  test("what it counts names the earlier referral; Leo's of 20 December 2024 is outside the 12 months", async () => {
    const police = await findMeasure("re-referrals")!.counted(context, scope, "police");
    expect(police.map((item) => [item.contactId, item.childName, item.outcome])).toEqual([
      [ids.c1, "Leo Stone", "Not referred in the 12 months before"],
      [ids.c1, "Ava Stone", "Not referred in the 12 months before"],
      [ids.c4, "Mia Hart", `Re-referral: referred before in R-${ids.c8}`],
      [ids.c7, "Ivy Moss", "Not referred in the 12 months before"],
    ]);
    expect((await read("re-referrals", forAgency("school"))).headline).toMatchObject({ value: 100, numerator: 2, denominator: 2 });
  });
});

describe("strategy meetings: attendance by agency", () => {
  test("12 of the 16 invitations with attendance recorded were present", async () => {
    const measure = await read("strategy-attendance");
    expect(measure.headline).toEqual({ value: 75, format: "percent", numerator: 12, denominator: 16 });
    expect(measure.table.rows.map((row) => [row.key, row.cells])).toEqual([
      ["police", { agency: "Kestrelvale Police", invited: 5, present: 3, apologies: 1, didNotAttend: 0, notRecorded: 1, percent: 75 }],
      ["school", { agency: "Larkfield School", invited: 1, present: 0, apologies: 0, didNotAttend: 1, notRecorded: 0, percent: 0 }],
      ["sc", { agency: "Sandmere Children's Social Care", invited: 5, present: 5, apologies: 0, didNotAttend: 0, notRecorded: 0, percent: 100 }],
      ["health", { agency: "Sandmere Health", invited: 5, present: 3, apologies: 1, didNotAttend: 1, notRecorded: 0, percent: 60 }],
      ["office", { agency: "Sandmere Safeguarding Partnership", invited: 1, present: 1, apologies: 0, didNotAttend: 0, notRecorded: 0, percent: 100 }],
    ]);
    expect(points(measure.trend)).toEqual([
      ["2025-12", 71.4],
      ["2026-01", 85.7],
      ["2026-02", 50],
    ]);
  });

  test("one agency's part is its own invitees, and a row opens each invitation", async () => {
    const health = await read("strategy-attendance", forAgency("health"));
    expect(health.headline).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(health.table.rows.map((row) => row.key)).toEqual(["health"]);
    const counted = await findMeasure("strategy-attendance")!.counted(context, scope, "health");
    expect(counted.map((item) => [item.caseId, item.childName, item.dates[0].date, item.outcome])).toEqual([
      [ids.caseMia, "Mia Hart", "2025-12-03", "Apologies"],
      [ids.caseLeo, "Leo Stone", "2025-12-30", "Present"],
      [ids.caseNoah, "Noah Reed", "2026-01-06", "Present"],
      [ids.caseNoah, "Noah Reed", "2026-01-20", "Present"],
      [ids.caseMia, "Mia Hart", "2026-02-09", "Did not attend"],
    ]);
  });
});

describe("strategy meetings where every attending agency scaled", () => {
  test("3 of 5 meetings: an exemption the chair recorded counts, the partnership's office need not scale", async () => {
    const measure = await read("strategy-scaled");
    expect(measure.headline).toEqual({ value: 60, format: "percent", numerator: 3, denominator: 5 });
    expect(measure.table.rows.map((row) => [row.key, row.cells])).toEqual([
      ["police", { agency: "Kestrelvale Police", attended: 3, scaled: 3, exempt: 0, notScaled: 0, percent: 100 }],
      ["sc", { agency: "Sandmere Children's Social Care", attended: 5, scaled: 4, exempt: 0, notScaled: 1, percent: 80 }],
      ["health", { agency: "Sandmere Health", attended: 3, scaled: 1, exempt: 1, notScaled: 1, percent: 66.7 }],
    ]);
    expect(points(measure.trend)).toEqual([
      ["2025-12", 100],
      ["2026-01", 50],
      ["2026-02", 0],
    ]);
    const counted = await findMeasure("strategy-scaled")!.counted(context, scope, null);
    expect(counted.map((item) => [item.dates[0].date, item.agencyId, item.outcome])).toEqual([
      ["2025-12-03", "sc", "Every attending agency scaled"],
      ["2025-12-30", "sc", "Every attending agency scaled"],
      ["2026-01-06", "sc", "Not scaled: Sandmere Health"],
      ["2026-01-20", "sc", "Every attending agency scaled"],
      ["2026-02-09", "sc", "Not scaled: Sandmere Children's Social Care"],
    ]);
  });

  test("one agency's part is the meetings it was present at, and whether it scaled", async () => {
    expect((await read("strategy-scaled", forAgency("health"))).headline).toMatchObject({ value: 66.7, numerator: 2, denominator: 3 });
    const counted = await findMeasure("strategy-scaled")!.counted(context, forAgency("health"), null);
    expect(counted.map((item) => item.outcome)).toEqual(["Could not scale (reason recorded)", "Not scaled", "Scaled"]);
  });
});

describe("time from referral to strategy meeting", () => {
  test("a median of 2.5 working days, Christmas's bank holidays not counted", async () => {
    const measure = await read("contact-to-strategy");
    expect(measure.headline).toEqual({ value: 2.5, format: "working-days", denominator: 4 });
    expect(rows(measure.table)).toEqual({
      red: { rating: "Red", referrals: 1, median: 1, longest: 1 },
      amber: { rating: "Amber", referrals: 2, median: 3, longest: 4 },
      green: { rating: "Green", referrals: 1, median: 3, longest: 3 },
    });
    expect(points(measure.trend)).toEqual([
      ["2025-12", 2.5],
      ["2026-01", 1],
      ["2026-02", 4],
    ]);
    const counted = await findMeasure("contact-to-strategy")!.counted(context, scope, null);
    expect(counted.map((item) => [item.contactId, item.caseId, item.dates.map((date) => date.date), item.outcome])).toEqual([
      [ids.c8, ids.caseMia, ["2025-11-28", "2025-12-03"], "3 working days (Green)"],
      [ids.c1, ids.caseLeo, ["2025-12-24", "2025-12-30"], "2 working days (Amber)"],
      [ids.c2, ids.caseNoah, ["2026-01-05", "2026-01-06"], "1 working day (Red)"],
      [ids.c4, ids.caseMia, ["2026-02-03", "2026-02-09"], "4 working days (Amber)"],
    ]);
    expect((await read("contact-to-strategy", forAgency("police"))).headline).toMatchObject({ value: 3, denominator: 3 });
  });
});

describe("the spread of agencies' scalings", () => {
  test("a mean spread of 2.8 points, widening from December's 1.0 to February's 5.0", async () => {
    const measure = await read("scaling-spread");
    expect(measure.headline).toEqual({ value: 2.8, format: "score", denominator: 5 });
    expect(measure.table.rows.map((row) => [row.key, row.cells])).toEqual([
      ["2025-12", { month: "2025-12", maps: 2, meanSpread: 1, wide: 0, direction: null }],
      ["2026-01", { month: "2026-01", maps: 2, meanSpread: 3.5, wide: 1, direction: null }],
      ["2026-02", { month: "2026-02", maps: 1, meanSpread: 5, wide: 1, direction: null }],
      ["direction", { month: "2025-12 to 2026-02", maps: 3, meanSpread: 4, wide: 1, direction: "widening" }],
    ]);
    expect(points(measure.trend)).toEqual([
      ["2025-12", 1],
      ["2026-01", 3.5],
      ["2026-02", 5],
    ]);
    const january = await findMeasure("scaling-spread")!.counted(context, scope, "2026-01");
    // Each agency's score is the case's content: it travels as the case's words, shown only to those who read the case.
    expect(january.map((item) => [item.caseId, item.agencyId, item.outcome, item.caseWords])).toEqual([
      [ids.caseLeo, "health", "Spread of 1 point", "Scores: Sandmere Health 6, Kestrelvale Police 7"],
      [ids.caseNoah, "sc", "Spread of 6 points (flagged)", "Scores: Sandmere Children's Social Care 2, Sandmere Health 5, Kestrelvale Police 8"],
    ]);
  });

  test("one agency's part is the maps it scaled", async () => {
    const police = await read("scaling-spread", forAgency("police"));
    expect(police.headline).toMatchObject({ value: 2.3, denominator: 4 });
    expect(rows(police.table).direction).toMatchObject({ meanSpread: 2.5, direction: "widening" });
    const school = await read("scaling-spread", forAgency("school"));
    expect(school.headline).toMatchObject({ value: 5, denominator: 1 });
    expect(rows(school.table).direction).toMatchObject({ direction: "too few months with maps to tell" });
  });
});
