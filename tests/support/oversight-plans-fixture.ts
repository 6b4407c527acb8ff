// The small partnership that tests/integration/oversight-plans-and-conferences.test.ts counts by hand (issue 13;
// decision 041): seven children's cases, their plans, initial and review conferences, core groups with their attendance,
// and plan actions with their progress, written straight into a fresh database. The dates and why each was chosen (the
// bank holidays a clock straddles, what falls after the scope) are told beside the rows below; the figures they make are
// asserted in the test.
import type { TestDatabase } from "./test-database";

export const at = (day: string, time = "12:00") => new Date(`${day}T${time}:00Z`);
const one = async <T>(rows: Promise<T[]>) => (await rows)[0];

const owners: Record<string, string> = { sc: "sw", police: "pc", health: "nurse", school: "teacher" };

/** The written-out partnership's ids, by the keys the rows below use (a case by its letter: `cases.A` is Amy's). */
export type PlansPartnership = { cases: Record<string, number> };

/** Helpers that write one thing each (a case, a plan, a conference, an action ...) and remember its id by key. */
function writer(db: TestDatabase) {
  const users: Record<string, number> = {};
  const cases: Record<string, number> = {};
  const children: Record<string, number> = {};
  const plans: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const coreGroups: Record<string, number> = {};
  const actions: Record<string, number> = {};

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

  return { users, cases, addCase, addMeeting, addInitialConference, addPlan, addDetails, endPlan, addAction, addActionVersion, addCoreGroup, progress };
}

/** Writes the partnership into `db` (made with `seed: false`); the scope it is counted over is April to June 2026. */
export async function writePlansPartnership(db: TestDatabase): Promise<PlansPartnership> {
  const { users, cases, addCase, addMeeting, addInitialConference, addPlan, addDetails, endPlan, addAction, addActionVersion, addCoreGroup, progress } = writer(db);
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

  return { cases };
}
