// A child protection plan as the record keeps it: made once per child by the conference's call, every change to its
// outcomes and actions a new version that the database will not let anyone rewrite, the plan as it stood at any
// earlier moment readable, and nothing added once it has ended. Jayden's case (2) has no plan in the demo.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { addPlanAction } from "../../server/plans/add-plan-action";
import { addPlanOutcome } from "../../server/plans/add-plan-outcome";
import { createPlan, createPlanRefusals, type NewPlan } from "../../server/plans/create-plan";
import { endPlan } from "../../server/plans/end-plan";
import { findPlan } from "../../server/plans/find-plan";
import { planRefusals } from "../../server/plans/plans";
import { readPlan } from "../../server/plans/read-plan";
import { updatePlanAction } from "../../server/plans/update-plan-action";
import { updatePlanOutcome } from "../../server/plans/update-plan-outcome";
import { planMessages } from "../../common/forms/plan";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
const ids: Record<string, number> = {};
const JAYDEN = 2;

beforeAll(async () => {
  db = await createTestDatabase();
  for (const row of await db.sql<{ id: string; email: string }[]>`select id, email from users`)
    for (const key of ["socialWorker", "teamManager", "police", "health", "gp", "education"]) if (demoUser(key).email === row.email) ids[key] = Number(row.id);
});
afterAll(async () => {
  await db?.close();
});

const day = (iso: string, time = "10:00") => new Date(`${iso}T${time}:00Z`);

function jaydensPlan(overrides: Partial<NewPlan> = {}): NewPlan {
  return {
    caseId: JAYDEN,
    startedOn: "2026-12-01",
    primaryCategory: "neglect",
    otherCategories: ["emotional_abuse"],
    leadUserId: ids.socialWorker,
    visits: "Every 10 working days, at home",
    seenAlone: "At every visit",
    outcomes: [
      {
        wording: "Jayden is fed, warm and taken to every health appointment.",
        actions: [
          { what: "Visit weekly and weigh Jayden", why: "To see he is gaining weight", ownerUserId: ids.health, dueOn: "2026-12-20", measure: "Weight on the centile chart" },
          { what: "Check the police call-out log", why: "To know whether Dean has been back", ownerUserId: ids.police, dueOn: "2026-12-18", measure: "Call-outs reported to the core group" },
        ],
      },
      { wording: "Kerry keeps a safety plan with Pat.", actions: [] },
    ],
    by: ids.socialWorker,
    at: day("2026-12-01"),
    ...overrides,
  };
}

const planRows = async () => (await db.sql<{ count: number }[]>`select count(*)::int as count from child_protection_plans where case_id = ${JAYDEN}`)[0].count;

describe("making a plan", () => {
  test("a plan whose action has an owner not on the case is refused whole: nothing is stored", async () => {
    const plan = jaydensPlan();
    plan.outcomes[0].actions[1] = { ...plan.outcomes[0].actions[1], ownerUserId: ids.education };
    expect(await createPlan(db.sql, plan)).toEqual({ ok: false, field: "ownerUserId", message: planMessages.ownerNotOnCase });
    expect(await planRows()).toBe(0);
  });

  test("the lead must be a social worker on the case, and the other categories must not repeat the primary one", async () => {
    expect(await createPlan(db.sql, jaydensPlan({ leadUserId: ids.police }))).toMatchObject({ ok: false, message: createPlanRefusals.lead });
    expect(await createPlan(db.sql, jaydensPlan({ leadUserId: ids.education }))).toMatchObject({ ok: false, message: createPlanRefusals.lead });
    expect(await createPlan(db.sql, jaydensPlan({ otherCategories: ["neglect"] }))).toMatchObject({ ok: false, message: createPlanRefusals.category });
    expect(await planRows()).toBe(0);
  });

  test("the conference's plan is stored with its outcomes and actions numbered; a second active plan is refused", async () => {
    const made = await createPlan(db.sql, jaydensPlan());
    expect(made.ok).toBe(true);
    const plan = (await readPlan(db.sql, JAYDEN))!;
    expect(plan).toMatchObject({ startedOn: "2026-12-01", primaryCategory: "neglect", otherCategories: ["emotional_abuse"], leadName: "Sam Okafor", ended: null });
    expect(plan.outcomes.map((outcome) => [outcome.number, outcome.wording, outcome.actions.map((action) => [action.number, action.ownerName, action.ownerAgencyName, action.dueOn])])).toEqual([
      [1, "Jayden is fed, warm and taken to every health appointment.", [
        ["1.1", "Nadia Hussain", "Sandmere Community Health NHS Trust", "2026-12-20"],
        ["1.2", "Alex Morgan", "Kestrel Vale Police", "2026-12-18"],
      ]],
      [2, "Kerry keeps a safety plan with Pat.", []],
    ]);
    expect(plan.changes.map((change) => change.what)).toEqual(["Added action 1.2", "Added action 1.1", "Added outcome 2", "Added outcome 1", "Made the plan"]);
    expect(await createPlan(db.sql, jaydensPlan())).toMatchObject({ ok: false, message: createPlanRefusals.alreadyActive });
    expect(await planRows()).toBe(1);
  });
});

describe("changing it keeps every version", () => {
  test("the plan as it stood before a change reads the earlier wording, owner and date; now reads the new", async () => {
    const { id: planId } = (await findPlan(db.sql, JAYDEN))!;
    const [outcome] = (await readPlan(db.sql, JAYDEN))!.outcomes;
    const [action] = outcome.actions;
    expect(await updatePlanOutcome(db.sql, { caseId: JAYDEN, planId, outcomeId: outcome.id, wording: "Jayden is fed and warm every day.", by: ids.teamManager, at: day("2026-12-03") })).toEqual({ ok: true, changed: true });
    expect(
      await updatePlanAction(db.sql, {
        caseId: JAYDEN, planId, actionId: action.id, what: action.what, why: action.why, ownerUserId: ids.gp, dueOn: "2027-01-08", measure: action.measure, by: ids.socialWorker, at: day("2026-12-04"),
      }),
    ).toEqual({ ok: true, changed: true });
    // The same words again are no change.
    expect(await updatePlanOutcome(db.sql, { caseId: JAYDEN, planId, outcomeId: outcome.id, wording: "Jayden is fed and warm every day.", by: ids.socialWorker, at: day("2026-12-05") })).toEqual({ ok: true, changed: false });

    const before = (await readPlan(db.sql, JAYDEN, { at: day("2026-12-02", "00:00") }))!;
    expect(before.outcomes[0].wording).toBe("Jayden is fed, warm and taken to every health appointment.");
    expect(before.outcomes[0].actions[0]).toMatchObject({ ownerName: "Nadia Hussain", dueOn: "2026-12-20", version: 1 });
    const between = (await readPlan(db.sql, JAYDEN, { at: day("2026-12-03", "23:00") }))!;
    expect(between.outcomes[0].wording).toBe("Jayden is fed and warm every day.");
    expect(between.outcomes[0].actions[0]).toMatchObject({ ownerName: "Nadia Hussain", version: 1 });
    const now = (await readPlan(db.sql, JAYDEN))!;
    expect(now.outcomes[0].actions[0]).toMatchObject({ ownerName: "Dr Olu Adeyemi", ownerAgencyName: "Harbour Lane Surgery", dueOn: "2027-01-08", version: 2 });
    expect(now.changes.slice(0, 2)).toMatchObject([
      { what: "Changed action 1.1", by: "Sam Okafor" },
      { what: "Changed the wording of outcome 1", by: "Priya Shah", agency: "Sandmere Borough Council Children's Services" },
    ]);
    expect(await readPlan(db.sql, JAYDEN, { at: day("2026-12-01", "09:00") })).toBeNull();
  });

  test("an action for an outcome of another plan, or an owner who is not on the case, is refused", async () => {
    const { id: planId } = (await findPlan(db.sql, JAYDEN))!;
    const action = { what: "x", why: "y", dueOn: "2027-01-08", measure: "z", by: ids.socialWorker, at: day("2026-12-06") };
    expect(await addPlanAction(db.sql, { ...action, caseId: JAYDEN, planId, outcomeId: 999_999, ownerUserId: ids.health })).toMatchObject({ ok: false, field: "outcomeId" });
    const [outcome] = (await readPlan(db.sql, JAYDEN))!.outcomes;
    expect(await addPlanAction(db.sql, { ...action, caseId: JAYDEN, planId, outcomeId: outcome.id, ownerUserId: ids.education })).toMatchObject({ ok: false, field: "ownerUserId" });
    expect(await addPlanOutcome(db.sql, { caseId: 1, planId, wording: "Another case's plan", by: ids.socialWorker, at: day("2026-12-06") })).toMatchObject({ ok: false });
  });

  test("the database refuses any rewrite of a version, an outcome, an action or the plan", async () => {
    await expect(db.sql`update plan_outcome_versions set wording = 'rewritten'`).rejects.toThrow(/record of evidence/);
    await expect(db.sql`delete from plan_action_versions`).rejects.toThrow(/record of evidence/);
    await expect(db.sql`delete from plan_actions`).rejects.toThrow(/record of evidence/);
    await expect(db.sql`update plan_outcomes set created_by = created_by`).rejects.toThrow(/record of evidence/);
    await expect(db.sql`update child_protection_plan_details set visits = 'never'`).rejects.toThrow(/record of evidence/);
    await expect(db.sql`update child_protection_plans set started_on = '2026-01-01' where case_id = ${JAYDEN}`).rejects.toThrow(/changes only by ending/);
    await expect(db.sql`delete from child_protection_plans where case_id = ${JAYDEN}`).rejects.toThrow(/record of evidence/);
  });
});

describe("an ended plan", () => {
  test("says why it ended and what follows; nothing more can be added to it, however sent", async () => {
    const { id: planId } = (await findPlan(db.sql, JAYDEN))!;
    expect(await endPlan(db.sql, { caseId: JAYDEN, planId, endedOn: "2027-03-01", reason: "The review found Jayden safe.", whatFollows: "child_in_need_plan", by: ids.teamManager, at: day("2027-03-01") })).toEqual({ ok: true });
    const plan = (await readPlan(db.sql, JAYDEN))!;
    expect(plan.ended).toEqual({ on: "2027-03-01", reason: "The review found Jayden safe.", whatFollows: "child_in_need_plan" });
    expect(plan.changes[0]).toMatchObject({ what: "Ended the plan", by: "Priya Shah" });
    // Before it ended, it was active.
    expect((await readPlan(db.sql, JAYDEN, { at: day("2027-02-28") }))!.ended).toBeNull();
    expect(await addPlanOutcome(db.sql, { caseId: JAYDEN, planId, wording: "Too late", by: ids.socialWorker, at: day("2027-03-02") })).toEqual({ ok: false, field: "form", message: planRefusals.ended });
    await expect(db.sql`
      insert into plan_outcomes (plan_id, created_at, created_by) values (${planId}, now(), ${ids.socialWorker})`).rejects.toThrow(/ended on 2027-03-01/);
    await expect(db.sql`update child_protection_plans set end_reason = 'rewritten' where id = ${planId}`).rejects.toThrow(/ended on/);
    // A new plan may be made once the old one has ended, and becomes the case's plan.
    expect((await createPlan(db.sql, jaydensPlan({ startedOn: "2027-09-01", at: day("2027-09-01"), outcomes: [] }))).ok).toBe(true);
    expect((await findPlan(db.sql, JAYDEN))!.startedOn).toBe("2027-09-01");
  });
});
