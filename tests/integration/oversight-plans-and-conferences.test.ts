// The partnership's measures of conferences, core groups, actions and plans (issue 13; decision 041), each against
// figures counted by hand from the small partnership written out below. The scope is April to June 2026 and today is
// 15 July 2026, so what happened in July (a conference, core groups, progress, a changed category) must not count.
// Two clocks straddle bank holidays: the Early May bank holiday (4 May 2026) and the Spring bank holiday (25 May).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadCalendar } from "../../server/calendar/working-days";
import { findMeasure, measureModules } from "../../server/oversight/measures";
import type { MeasureContext, OversightScope } from "../../server/oversight/terms";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
let context: MeasureContext;
const scope: OversightScope = { from: "2026-04-01", to: "2026-06-30", agencyId: null };
const police: OversightScope = { ...scope, agencyId: "police" };

const users: Record<string, number> = {};
const cases: Record<string, number> = {};
const children: Record<string, number> = {};
const plans: Record<string, number> = {};
const outcomes: Record<string, number> = {};
const coreGroups: Record<string, number> = {};
const actions: Record<string, number> = {};

const at = (day: string, time = "12:00") => new Date(`${day}T${time}:00Z`);
const one = async <T>(rows: Promise<T[]>) => (await rows)[0];

async function addCase(key: string, child: string, agencies: string[]) {
  const { sql } = db;
  const row = await one(sql<{ id: string }[]>`insert into cases (reference, opened_on) values (${`TEST-${key}`}, '2024-01-02') returning id`);
  cases[key] = Number(row.id);
  const person = await one(sql<{ id: string }[]>`
    insert into case_people (case_id, kind, is_subject, full_name) values (${cases[key]}, 'child', true, ${child}) returning id`);
  children[key] = Number(person.id);
  for (const agency of agencies) await sql`insert into case_agencies (case_id, agency_id, is_lead) values (${cases[key]}, ${agency}, ${agency === "sc"})`;
  await sql`
    insert into case_maps (case_id, held_on, scaling_question, created_at, created_by)
    values (${cases[key]}, '2024-01-02', 'How safe is the child?', ${at("2024-01-02")}, ${users.sw})`;
}

async function mapOf(caseKey: string) {
  return Number((await one(db.sql<{ id: string }[]>`select id from case_maps where case_id = ${cases[caseKey]}`)).id);
}

async function addMeeting(opts: {
  caseKey: string;
  kind: "meeting" | "initial_conference" | "review_conference";
  heldOn: string;
  fromMeetingId?: number;
  planKey?: string;
  lateReason?: string;
  signedOff?: boolean;
}) {
  const row = await one(db.sql<{ id: string }[]>`
    insert into meetings (case_id, kind, held_at, held_on, how, concern, chair_user_id, map_id, convened_at, convened_by,
                          signed_off_at, signed_off_by, from_meeting_id, plan_id, late_reason)
    values (${cases[opts.caseKey]}, ${opts.kind}, ${at(opts.heldOn, "10:00")}, ${opts.heldOn}, 'in_person', 'Worried about the child',
            ${users.chair}, ${await mapOf(opts.caseKey)}, ${at("2024-01-02")}, ${users.chair},
            ${opts.signedOff ? at(opts.heldOn, "16:00") : null}, ${opts.signedOff ? users.chair : null},
            ${opts.fromMeetingId ?? null}, ${opts.planKey ? plans[opts.planKey] : null}, ${opts.lateReason ?? ""})
    returning id`);
  return Number(row.id);
}

/** A strategy meeting and the initial conference it called for. */
async function addInitialConference(caseKey: string, strategyOn: string, heldOn: string, opts: { planKey?: string; lateReason?: string } = {}) {
  const strategy = await addMeeting({ caseKey, kind: "meeting", heldOn: strategyOn, signedOff: true });
  await addMeeting({ caseKey, kind: "initial_conference", heldOn, fromMeetingId: strategy, signedOff: true, ...opts });
}

async function addPlan(key: string, caseKey: string, startedOn: string, category: string) {
  const { sql } = db;
  const row = await one(sql<{ id: string }[]>`
    insert into child_protection_plans (case_id, child_person_id, started_on, created_at, created_by)
    values (${cases[caseKey]}, ${children[caseKey]}, ${startedOn}, ${at(startedOn, "17:00")}, ${users.chair}) returning id`);
  plans[key] = Number(row.id);
  await addDetails(key, 1, category, at(startedOn, "17:00"));
  const outcome = await one(sql<{ id: string }[]>`
    insert into plan_outcomes (plan_id, created_at, created_by) values (${plans[key]}, ${at(startedOn, "17:00")}, ${users.sw}) returning id`);
  outcomes[key] = Number(outcome.id);
}

async function addDetails(planKey: string, version: number, category: string, recordedAt: Date) {
  await db.sql`
    insert into child_protection_plan_details (plan_id, version, primary_category, lead_user_id, visits, seen_alone, recorded_at, recorded_by)
    values (${plans[planKey]}, ${version}, ${category}, ${users.sw}, 'Every 10 working days', 'Every visit', ${recordedAt}, ${users.sw})`;
}

async function endPlan(key: string, endedOn: string) {
  await db.sql`
    update child_protection_plans set ended_on = ${endedOn}, end_reason = 'Safe now', what_follows = 'child_in_need_plan',
           ended_at = ${at(endedOn, "17:00")}, ended_by = ${users.chair}
     where id = ${plans[key]}`;
}

const owners: Record<string, string> = { sc: "sw", police: "pc", health: "nurse", school: "teacher" };

async function addAction(key: string, planKey: string, owner: string, dueOn: string, createdAt: Date) {
  const { sql } = db;
  const row = await one(sql<{ id: string }[]>`
    insert into plan_actions (outcome_id, plan_id, created_at, created_by) values (${outcomes[planKey]}, ${plans[planKey]}, ${createdAt}, ${users.sw})
    returning id`);
  actions[key] = Number(row.id);
  await addActionVersion(key, planKey, 1, owner, dueOn, createdAt);
}

async function addActionVersion(key: string, planKey: string, version: number, owner: string, dueOn: string, recordedAt: Date) {
  await db.sql`
    insert into plan_action_versions (action_id, plan_id, version, what, why, owner_agency_id, owner_user_id, due_on, measure, recorded_at, recorded_by)
    values (${actions[key]}, ${plans[planKey]}, ${version}, 'Something that keeps the child safe', 'Because', ${owner}, ${users[owners[owner]]},
            ${dueOn}, 'Seen to be done', ${recordedAt}, ${users.sw})`;
}

async function addCoreGroup(key: string, planKey: string, caseKey: string, heldOn: string, members: Record<string, string> = {}, lateReason?: string) {
  const row = await one(db.sql<{ id: string }[]>`
    insert into core_groups (case_id, plan_id, held_at, held_on, how, late_reason, scheduled_at, scheduled_by)
    values (${cases[caseKey]}, ${plans[planKey]}, ${at(heldOn, "10:00")}, ${heldOn}, 'in_person', ${lateReason ?? null}, ${at("2024-01-02")}, ${users.sw})
    returning id`);
  coreGroups[key] = Number(row.id);
  for (const [person, attendance] of Object.entries(members)) {
    const agency = Object.entries(owners).find(([, who]) => who === person)![0];
    await db.sql`
      insert into core_group_members (core_group_id, user_id, agency_id, attendance)
      values (${coreGroups[key]}, ${users[person]}, ${agency}, ${attendance})`;
  }
}

async function progress(coreGroupKey: string, planKey: string, actionKey: string, status: string, recordedAt: Date) {
  await db.sql`
    insert into core_group_progress (core_group_id, plan_id, action_id, status, reason, recorded_at, recorded_by, recorded_by_agency_id)
    values (${coreGroups[coreGroupKey]}, ${plans[planKey]}, ${actions[actionKey]}, ${status},
            ${status === "at_risk" || status === "no_longer_needed" ? "Things changed" : ""}, ${recordedAt}, ${users.sw}, 'sc')`;
}

beforeAll(async () => {
  db = await createTestDatabase({ seed: false });
  const { sql } = db;
  await sql`
    insert into agencies (id, name, kind) values
      ('sc', 'Test Children''s Services', 'social_care'), ('police', 'Test Police', 'police'),
      ('health', 'Test Health', 'health'), ('school', 'Test School', 'education')`;
  for (const [key, agency, role] of [
    ["sw", "sc", "practitioner"],
    ["chair", "sc", "chair"],
    ["pc", "police", "practitioner"],
    ["nurse", "health", "practitioner"],
    ["teacher", "school", "practitioner"],
  ] as const) {
    const row = await one(sql<{ id: string }[]>`
      insert into users (agency_id, role, full_name, email, password_hash) values (${agency}, ${role}, ${key}, ${`${key}@test.example`}, 'x')
      returning id`);
    users[key] = Number(row.id);
  }

  await addCase("A", "Amy Able", ["sc", "police", "health"]);
  await addCase("B", "Ben Bold", ["sc", "health"]);
  await addCase("C", "Cara Cole", ["sc", "police", "school"]);
  await addCase("D", "Dan Dale", ["sc", "police", "health"]);
  await addCase("E", "Eve East", ["sc", "health"]);
  await addCase("F", "Fay Ford", ["sc"]);
  await addCase("G", "Gus Green", ["sc", "police"]);

  // Plans. Eve's first plan ended in 2025; her second started in April 2026.
  await addPlan("E1", "E", "2025-01-10", "neglect");
  await endPlan("E1", "2025-09-01");
  await addPlan("E2", "E", "2026-04-15", "sexual_abuse");
  await addPlan("A1", "A", "2026-05-13", "neglect");
  await addPlan("B1", "B", "2026-05-28", "physical_abuse");
  await addPlan("C1", "C", "2026-06-25", "emotional_abuse");
  await addPlan("D1", "D", "2024-03-15", "neglect");
  await addPlan("F1", "F", "2026-03-10", "neglect");
  await addPlan("G1", "G", "2024-01-08", "physical_abuse");
  // Dan's category changed after the scope's last day: on 30 June it was still neglect.
  await addDetails("D1", 2, "emotional_abuse", at("2026-07-05"));

  // Initial conferences. Amy: strategy meeting Tuesday 21 April, 15 working days skip the Early May bank holiday, so
  // due Wednesday 13 May, held then: in time (it would be a day late without the bank holiday).
  await addInitialConference("A", "2026-04-21", "2026-05-13", { planKey: "A1" });
  // Ben: Friday 1 May, both May bank holidays skipped, due Tuesday 26 May; held Thursday 28 May, 2 working days late.
  await addInitialConference("B", "2026-05-01", "2026-05-28", { planKey: "B1", lateReason: "Chair unavailable" });
  // Cara: Monday 1 June, due Monday 22 June; held Thursday 25 June, 3 working days late, no reason recorded.
  await addInitialConference("C", "2026-06-01", "2026-06-25", { planKey: "C1" });
  // Cara's earlier strategy meeting and conference (March) and Gus's (July) are outside the scope.
  await addInitialConference("C", "2026-03-02", "2026-03-20");
  await addInitialConference("G", "2026-06-29", "2026-07-10");

  // Review conferences. Dan: the review before on Friday 5 December 2025, so due Friday 5 June; held Monday 8 June.
  await addMeeting({ caseKey: "D", kind: "review_conference", heldOn: "2025-12-05", planKey: "D1", signedOff: true });
  await addMeeting({ caseKey: "D", kind: "review_conference", heldOn: "2026-06-08", planKey: "D1", lateReason: "Family asked to move it" });
  // Gus: the review before on 1 December 2025, due 1 June; held 20 May, in time, and his plan ended.
  await addMeeting({ caseKey: "G", kind: "review_conference", heldOn: "2025-12-01", planKey: "G1", signedOff: true });
  await addMeeting({ caseKey: "G", kind: "review_conference", heldOn: "2026-05-20", planKey: "G1", signedOff: true });
  // Fay: first review, 3 months from her plan's start on 10 March, due 10 June; held that day, and her plan ended.
  await addMeeting({ caseKey: "F", kind: "review_conference", heldOn: "2026-06-10", planKey: "F1", signedOff: true });

  // Core groups and attendance. Amy's first, due Thursday 28 May (10 working days past the Spring bank holiday), held
  // 27 May. Ben's due Thursday 11 June, held Monday 15 June (2 working days late). Eve's due Wednesday 29 April, held
  // then. Cara's and Dan's second on 8 July are after the scope; Dan's first was in 2024.
  await addCoreGroup("E2-1", "E2", "E", "2026-04-29", { sw: "present", nurse: "apologies" });
  await addCoreGroup("A1-1", "A1", "A", "2026-05-27", { sw: "present", pc: "present", nurse: "did_not_attend" });
  await addCoreGroup("A1-2", "A1", "A", "2026-06-24", { sw: "present", pc: "apologies", nurse: "invited" });
  await addCoreGroup("B1-1", "B1", "B", "2026-06-15", { sw: "present", nurse: "present" }, "The lead social worker was on leave");
  await addCoreGroup("D1-0", "D1", "D", "2024-03-25");
  await addCoreGroup("D1-1", "D1", "D", "2026-06-03", { sw: "present", pc: "did_not_attend" });
  await addCoreGroup("D1-2", "D1", "D", "2026-07-08");
  await addCoreGroup("C1-1", "C1", "C", "2026-07-08", { sw: "present", pc: "present" });
  await addCoreGroup("G1-1", "G1", "G", "2024-01-20");
  await addCoreGroup("F1-1", "F1", "F", "2026-03-20");

  // Actions.
  await addAction("e1", "E2", "sc", "2026-04-28", at("2026-04-16", "09:00"));
  await addAction("e2", "E2", "health", "2026-05-15", at("2026-04-16", "09:00"));
  await addAction("e3", "E2", "sc", "2026-04-10", at("2026-04-16", "09:00")); // a date before it was added
  await progress("E2-1", "E2", "e1", "done", at("2026-04-29", "15:00")); // a day late
  await progress("E2-1", "E2", "e2", "done", at("2026-04-29", "15:00")); // on time
  for (const key of ["a1", "a2", "a3", "a4"]) {
    const [owner, due] = ({ a1: ["police", "2026-06-10"], a2: ["health", "2026-06-20"], a3: ["sc", "2026-07-20"], a4: ["police", "2026-06-30"] } as const)[
      key as "a1"
    ];
    await addAction(key, "A1", owner, due, at("2026-05-14", "09:00"));
  }
  await progress("A1-1", "A1", "a1", "on_track", at("2026-05-27", "15:00"));
  await progress("A1-1", "A1", "a4", "done", at("2026-05-27", "15:00"));
  await progress("A1-2", "A1", "a1", "at_risk", at("2026-06-24", "15:00")); // overdue since 10 June
  await progress("A1-2", "A1", "a2", "done", at("2026-06-24", "15:00")); // 4 days after its date
  await progress("A1-2", "A1", "a4", "on_track", at("2026-06-24", "15:00")); // reopened: not done after all
  await addAction("b1", "B1", "health", "2026-06-12", at("2026-05-29", "09:00"));
  await addActionVersion("b1", "B1", 2, "health", "2026-06-19", at("2026-06-05", "09:00")); // moved before it was done
  await addAction("b2", "B1", "sc", "2026-06-25", at("2026-05-29", "09:00"));
  await progress("B1-1", "B1", "b1", "done", at("2026-06-15", "15:00")); // on time against the date it had then
  await addAction("d1", "D1", "police", "2026-05-01", at("2024-03-20", "09:00"));
  await addAction("d2", "D1", "police", "2026-06-01", at("2024-03-20", "09:00"));
  await addAction("d4", "D1", "health", "2026-06-29", at("2024-03-20", "09:00"));
  await progress("D1-1", "D1", "d1", "done", at("2026-06-03", "15:00")); // a month late
  await progress("D1-1", "D1", "d2", "no_longer_needed", at("2026-06-03", "15:00"));
  await progress("D1-1", "D1", "d4", "on_track", at("2026-06-03", "15:00"));
  await progress("D1-2", "D1", "d4", "done", at("2026-07-08", "15:00")); // after the scope: overdue on 30 June
  await addAction("c1", "C1", "school", "2026-06-29", at("2026-06-26", "09:00"));
  await addAction("c2", "C1", "police", "2026-06-26", at("2026-06-26", "10:00")); // due the day it was added: a real date
  // Added at 00:30 on 27 June in England (23:30 on the 26th in UTC), due the 26th: before the day it was added.
  await addAction("c3", "C1", "school", "2026-06-26", at("2026-06-26", "23:30"));
  await progress("C1-1", "C1", "c2", "done", at("2026-07-08", "15:00"));
  await addAction("g1", "G1", "police", "2026-04-30", at("2024-01-10", "09:00")); // the plan ended: never overdue
  await addAction("f1", "F1", "sc", "2026-04-30", at("2026-03-11", "09:00"));

  await endPlan("G1", "2026-05-20");
  await endPlan("F1", "2026-06-10");

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
