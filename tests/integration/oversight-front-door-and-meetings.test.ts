// The front door's, strategy meetings' and scaling's measures (issue 13; decision 040) over a small partnership written
// out below, each figure worked out by hand. The scope is December 2025 to February 2026 (all GMT, so London's wall
// clock is UTC's); "now" is Monday 2 March 2026 at 12:00. Christmas Day and Boxing Day 2025 are bank holidays.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFrontDoorClocks } from "../../server/calendar/front-door-clock";
import { createCalendar } from "../../server/calendar/working-days";
import { parseConfig } from "../../server/config";
import { findMeasure, measureModules } from "../../server/oversight/measures";
import type { MeasureContext, OversightScope } from "../../server/oversight/terms";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
let context: MeasureContext;
const scope: OversightScope = { from: "2025-12-01", to: "2026-02-28", agencyId: null };
const forAgency = (agencyId: string): OversightScope => ({ ...scope, agencyId });
const at = (moment: string) => new Date(`${moment.replace(" ", "T")}:00Z`);

const agencies = {
  sc: ["Sandmere Children's Social Care", "social_care"],
  police: ["Kestrelvale Police", "police"],
  health: ["Sandmere Health", "health"],
  school: ["Larkfield School", "education"],
  office: ["Sandmere Safeguarding Partnership", "partnership"],
} as const;
type AgencyId = keyof typeof agencies;
const users: Record<string, number> = {};
const ids: Record<string, number> = {};

async function user(key: string, agencyId: AgencyId, role: string) {
  const [row] = await db.sql<{ id: string }[]>`
    insert into users (agency_id, role, full_name, email, password_hash)
    values (${agencyId}, ${role}, ${key}, ${`${key}@example.test`}, 'not-a-hash') returning id`;
  users[key] = Number(row.id);
}

async function openCase(key: string, child: string, dateOfBirth: string) {
  const [row] = await db.sql<{ id: string }[]>`insert into cases (reference, opened_on) values (${key}, '2025-11-01') returning id`;
  ids[key] = Number(row.id);
  await db.sql`insert into case_people (case_id, kind, is_subject, full_name, date_of_birth) values (${row.id}, 'child', true, ${child}, ${dateOfBirth})`;
}

async function caseMap(caseKey: string, heldOn: string): Promise<number> {
  const [row] = await db.sql<{ id: string }[]>`
    insert into case_maps (case_id, held_on, scaling_question, created_at, created_by)
    values (${ids[caseKey]}, ${heldOn}, 'How safe?', ${at(`${heldOn} 09:00`)}, ${users.chair}) returning id`;
  return Number(row.id);
}

async function scale(mapId: number, agencyId: AgencyId, score: number, recordedAt: string) {
  await db.sql`
    insert into map_scalings (map_id, agency_id, score, reasons, recorded_at, recorded_by)
    values (${mapId}, ${agencyId}, ${score}, 'Because', ${at(recordedAt)}, ${users.chair})`;
}

type Invitee = [string, "invited" | "present" | "apologies" | "did_not_attend"];

/** A meeting with its own map, its invitees' attendance and its agencies' scores. */
async function meeting(key: string, caseKey: string, kind: string, heldOn: string, invitees: Invitee[], scores: [AgencyId, number][] = [], fromMeeting?: string) {
  const mapId = await caseMap(caseKey, heldOn);
  ids[`${key}Map`] = mapId;
  const [row] = await db.sql<{ id: string }[]>`
    insert into meetings (case_id, kind, held_at, held_on, how, concern, chair_user_id, map_id, convened_at, convened_by, from_meeting_id)
    values (${ids[caseKey]}, ${kind}, ${at(`${heldOn} 10:00`)}, ${heldOn}, 'in_person', 'Worried', ${users.chair}, ${mapId},
            ${at(`${heldOn} 08:00`)}, ${users.chair}, ${fromMeeting ? ids[fromMeeting] : null}) returning id`;
  ids[key] = Number(row.id);
  for (const [person, attendance] of invitees) {
    await db.sql`
      insert into meeting_invitees (meeting_id, user_id, agency_id, attendance)
      select ${row.id}, id, agency_id, ${attendance} from users where id = ${users[person]}`;
  }
  for (const [agencyId, score] of scores) await scale(mapId, agencyId, score, `${heldOn} 11:00`);
}

type Contact = {
  agency: AgencyId;
  received: string;
  children: { name: string; dateOfBirth: string; nhs?: string }[];
  ratings?: ["red" | "amber" | "green", string][];
  decided?: { at: string; outcome: string; caseKey?: string; meetingKey?: string };
};

/** A referral sent by the agency's referrer, rated by the screener, proposed and authorised by a manager. */
async function contact(key: string, spec: Contact) {
  const referrer = { sc: "chair", police: "officer", health: "visitor", school: "teacher", office: "office" }[spec.agency];
  const received = at(spec.received);
  const [row] = await db.sql<{ id: string }[]>`
    insert into contacts (referrer_user_id, referrer_agency_id, created_at, updated_at)
    values (${users[referrer]}, ${spec.agency}, ${received}, ${received}) returning id`;
  const id = Number(row.id);
  ids[key] = id;
  for (const child of spec.children)
    await db.sql`insert into contact_children (contact_id, full_name, date_of_birth, nhs_number) values (${id}, ${child.name}, ${child.dateOfBirth}, ${child.nhs ?? null})`;
  await db.sql`update contacts set status = 'submitted', submitted_at = ${received} where id = ${id}`;
  for (const [rating, ratedAt] of spec.ratings ?? [])
    await db.sql`insert into contact_ratings (contact_id, rating, reason, by_user_id, by_agency_id, at) values (${id}, ${rating}, 'Read it', ${users.screener}, 'sc', ${at(ratedAt)})`;
  if (!spec.decided) return;
  const decidedAt = at(spec.decided.at);
  const [proposal] = await db.sql<{ id: string }[]>`
    insert into contact_decisions (contact_id, step, outcome, rationale, feedback, by_user_id, by_agency_id, at)
    values (${id}, 'proposed', ${spec.decided.outcome}, 'Why', 'Thank you', ${users.screener}, 'sc', ${new Date(decidedAt.getTime() - 60_000)}) returning id`;
  await db.sql`
    insert into contact_decisions (contact_id, step, proposal_id, case_id, meeting_id, by_user_id, by_agency_id, at)
    values (${id}, 'authorised', ${proposal.id}, ${spec.decided.caseKey ? ids[spec.decided.caseKey] : null},
            ${spec.decided.meetingKey ? ids[spec.decided.meetingKey] : null}, ${users.manager}, 'sc', ${decidedAt})`;
}

beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
  for (const [id, [name, kind]] of Object.entries(agencies)) await db.sql`insert into agencies (id, name, kind) values (${id}, ${name}, ${kind})`;
  await user("chair", "sc", "chair");
  await user("screener", "sc", "screener");
  await user("manager", "sc", "manager");
  await user("officer", "police", "practitioner");
  await user("visitor", "health", "practitioner");
  await user("teacher", "school", "practitioner");
  await user("office", "office", "partnership_manager");
  const calendar = createCalendar();
  context = { sql: db.sql, calendar, frontDoorClocks: createFrontDoorClocks(calendar, parseConfig({})), now: at("2026-03-02 12:00") };

  await openCase("caseLeo", "Leo Stone", "2020-01-15");
  await openCase("caseNoah", "Noah Reed", "2019-09-09");
  await openCase("caseZara", "Zara Khan", "2017-03-03");
  await openCase("caseMia", "Mia Hart", "2018-04-02");

  // Strategy meetings and discussions. M0 is before the scope; the conference is not a strategy meeting.
  await meeting("m0", "caseNoah", "meeting", "2025-11-10", [["officer", "present"], ["chair", "present"]], [["sc", 0], ["police", 10]]);
  await meeting("m1", "caseMia", "discussion", "2025-12-03", [["chair", "present"], ["officer", "present"], ["visitor", "apologies"]], [["sc", 4], ["police", 6]]);
  await meeting("m2", "caseLeo", "discussion", "2025-12-30", [["chair", "present"], ["officer", "present"], ["visitor", "present"], ["teacher", "did_not_attend"]], [["sc", 3], ["police", 3]]);
  await db.sql`insert into meeting_scaling_exemptions (meeting_id, agency_id, reason, recorded_at, recorded_by)
               values (${ids.m2}, 'health', 'The health visitor left before the scaling', ${at("2025-12-30 12:00")}, ${users.chair})`;
  await meeting("m3", "caseNoah", "discussion", "2026-01-06", [["chair", "present"], ["officer", "apologies"], ["visitor", "present"]], [["sc", 5]]);
  await meeting("conference", "caseLeo", "initial_conference", "2026-01-15", [["officer", "did_not_attend"], ["chair", "present"]], [["police", 7], ["health", 6]], "m2");
  await meeting("m4", "caseNoah", "meeting", "2026-01-20", [["chair", "present"], ["officer", "present"], ["visitor", "present"], ["office", "present"]], [["sc", 2], ["police", 8], ["health", 9]]);
  await scale(ids.m4Map, "health", 5, "2026-01-20 12:00"); // health's latest on M4's map: 5, not 9
  await meeting("m5", "caseMia", "discussion", "2026-02-09", [["chair", "present"], ["officer", "invited"], ["visitor", "did_not_attend"]], [["police", 2]]);
  await meeting("m6", "caseZara", "discussion", "2026-03-10", [["chair", "invited"]]); // after the scope, and after today
  const miaMap = await caseMap("caseMia", "2026-02-20");
  await scale(miaMap, "sc", 1, "2026-02-20 10:00");
  await scale(miaMap, "school", 6, "2026-02-20 10:00");

  // Referrals. C0 is more than 12 months before C1; C8 was sent before the scope but decided in it; C9 was sent in
  // the scope and decided after it.
  await contact("c0", { agency: "school", received: "2024-12-20 10:00", children: [{ name: "Leo Stone", dateOfBirth: "2020-01-15" }] });
  await contact("c8", {
    agency: "police",
    received: "2025-11-28 16:00",
    children: [{ name: "Mia Hart", dateOfBirth: "2018-04-02" }],
    ratings: [["green", "2025-11-28 16:30"]],
    decided: { at: "2025-12-01 10:00", outcome: "strategy_discussion", caseKey: "caseMia", meetingKey: "m1" },
  });
  // Amber, received the working day before Christmas: due at 10:00 on Monday 29 December, decided at 09:45.
  await contact("c1", {
    agency: "police",
    received: "2025-12-24 10:00",
    children: [
      { name: "Leo Stone", dateOfBirth: "2020-01-15" },
      { name: "Ava Stone", dateOfBirth: "2022-06-01" },
    ],
    ratings: [["amber", "2025-12-24 10:30"]],
    decided: { at: "2025-12-29 09:45", outcome: "strategy_discussion", caseKey: "caseLeo", meetingKey: "m2" },
  });
  await contact("c2", {
    agency: "health",
    received: "2026-01-05 09:00",
    children: [{ name: "Noah Reed", dateOfBirth: "2019-09-09" }],
    ratings: [["red", "2026-01-05 09:10"]],
    decided: { at: "2026-01-05 14:00", outcome: "strategy_discussion", caseKey: "caseNoah", meetingKey: "m3" },
  });
  await contact("c3", {
    agency: "school",
    received: "2026-01-09 14:00",
    children: [{ name: "Ava Stone", dateOfBirth: "2022-06-01" }],
    ratings: [["green", "2026-01-09 14:30"]],
    decided: { at: "2026-01-14 16:00", outcome: "no_further_action" },
  });
  // Rated green, re-rated amber: amber's clock from receipt ran out at 17:00 on the day received.
  await contact("c4", {
    agency: "police",
    received: "2026-02-03 09:00",
    children: [{ name: "Mia Hart", dateOfBirth: "2018-04-02" }],
    ratings: [
      ["green", "2026-02-03 09:30"],
      ["amber", "2026-02-04 09:00"],
    ],
    decided: { at: "2026-02-04 11:00", outcome: "strategy_discussion", caseKey: "caseMia", meetingKey: "m5" },
  });
  await contact("c5", {
    agency: "health",
    received: "2026-02-09 10:00",
    children: [{ name: "Zara Khan", dateOfBirth: "2017-03-03", nhs: "1234567890" }],
    decided: { at: "2026-02-09 15:00", outcome: "strategy_discussion", caseKey: "caseZara", meetingKey: "m6" },
  });
  await contact("c6", {
    agency: "school",
    received: "2026-02-23 10:00",
    children: [{ name: "Zara Khan-Ali", dateOfBirth: "2017-03-03", nhs: "1234567890" }],
    ratings: [["red", "2026-02-23 10:05"]],
  });
  await contact("c7", { agency: "police", received: "2026-02-27 16:00", children: [{ name: "Ivy Moss", dateOfBirth: "2021-11-11" }], ratings: [["green", "2026-02-27 16:10"]] });
  await contact("c9", {
    agency: "health",
    received: "2026-02-27 09:00",
    children: [{ name: "Noah Reed", dateOfBirth: "2019-09-09" }],
    decided: { at: "2026-03-02 09:30", outcome: "no_further_action" },
  });
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
