// Core groups from the outside: the lead social worker schedules one for a case with an active plan (members on the
// case, at least one from each agency on the plan; nobody else may schedule), its clock counts working days across
// Christmas and New Year, a late one needs its reason, the plan's interval sets the next one's clock, and progress on
// each action is said by its owner agency (or the lead), with a reason for "at risk" and "no longer needed"; anyone
// else is refused (403, audited), and every entry is kept.
import { beforeAll, describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { actionsOf, cookies, countOf, denials, ids, lastAuditId, moveTo, planForJayden, schedule, scheduled, server, useCoreGroupPortal } from "../support/core-group-portal";

useCoreGroupPortal();

const page = async (path: string, key = "socialWorker") => mainText(await (await server.get(path, cookies[key])).text());
const jaydensMembers = ["alex.morgan", "nadia.hussain", "olu.adeyemi"];
// Jayden's plan is made by a conference on Thursday 17 December 2026: the first core group is due within 10 working
// days, which skip Christmas Day, the Boxing Day substitute (28 December) and New Year's Day: by Tuesday 5 January 2027.
const CONFERENCE = "2026-12-17";
let planId = 0;
let actions: Record<string, number> = {};

beforeAll(async () => {
  await moveTo("2026-12-21");
  planId = await planForJayden(CONFERENCE);
  actions = await actionsOf(planId);
});

describe("scheduling", () => {
  test("the first core group's clock counts 10 working days from the conference, across the bank holidays", async () => {
    const text = await page("/cases/2/core-groups/new");
    expect(text).toContain("The first core group Due by 5 January 2027 Due in 8 working days");
  });

  test("only the lead social worker schedules; others on the case are refused (403, audited) and nothing is made", async () => {
    const before = await countOf("core_groups");
    const since = await lastAuditId();
    for (const key of ["police", "teamManager", "chair"]) {
      expect((await server.get("/cases/2/core-groups/new", cookies[key])).status).toBe(key === "chair" ? 404 : 403);
      expect((await schedule(2, { day: "4", month: "1", year: "2027" }, jaydensMembers, {}, cookies[key])).status).toBe(key === "chair" ? 404 : 403);
    }
    expect(await denials("chair:meeting", since)).toBeGreaterThanOrEqual(4);
    expect(await countOf("core_groups")).toBe(before);
  });

  test("without someone from every agency on the plan, with someone not on the case, or on a day past, it is refused and nothing is made", async () => {
    const before = await countOf("core_groups");
    const missing = await schedule(2, { day: "4", month: "1", year: "2027" }, ["alex.morgan", "nadia.hussain"]);
    expect(missing.status).toBe(400);
    expect(mainText(await missing.text())).toContain("Choose at least one person from Harbour Lane Surgery: every agency on the plan is part of the core group");
    // Emma Clarke works on Lily's case, not Jayden's.
    const stranger = await schedule(2, { day: "4", month: "1", year: "2027" }, [...jaydensMembers, "emma.clarke"]);
    expect(stranger.status).toBe(400);
    expect(mainText(await stranger.text())).toContain("Choose only people working on this case");
    // A core group is scheduled before it meets: a day already past would count as held and move every later clock.
    const past = await schedule(2, { day: "18", month: "12", year: "2026" }, jaydensMembers);
    expect(past.status).toBe(400);
    expect(mainText(await past.text())).toContain("Date must be today or in the future: a core group is scheduled before it meets");
    const noDate = await schedule(2, { day: "", month: "", year: "" }, jaydensMembers, { how: "" });
    expect(noDate.status).toBe(400);
    expect(mainText(await noDate.text())).toMatch(/Enter the date.*Select how the core group meets/);
    expect(await countOf("core_groups")).toBe(before);
  });

  test("a date after the clock's last day needs the reason, which the core group then shows", async () => {
    const late = await schedule(2, { day: "6", month: "1", year: "2027" }, jaydensMembers);
    expect(late.status).toBe(400);
    expect(mainText(await late.text())).toContain(
      "Enter why the core group is later than 5 January 2027, the day its clock allows: a missed clock needs its reason",
    );
    const path = await scheduled(2, { day: "6", month: "1", year: "2027" }, jaydensMembers, { lateReason: "The GP could not attend until the surgery reopened." });
    // Until its day it is arranged late, with the reason; once its day has passed it has missed its clock.
    expect(await page(path)).toContain("Due by 5 January 2027 Arranged 1 working day late, for 6 January 2027. Reason: The GP could not attend until the surgery reopened.");
    await moveTo("2027-01-07");
    expect(await page(path, "police")).toContain("Due by 5 January 2027 Missed by 1 working day. Reason: The GP could not attend until the surgery reopened.");
    const [row] = await server.db.sql`select count(*)::int as count from core_group_members m join core_groups g on g.id = m.core_group_id where g.case_id = 2`;
    // The lead social worker is a member without ticking themselves.
    expect(row.count).toBe(4);
  });

  test("the next core group's clock runs from the last one at the plan's interval, which the lead sets", async () => {
    // Wednesday 6 January + 30 working days, the partnership's default.
    expect(await page("/cases/2/core-groups/new")).toContain("The next core group Due by 17 February 2027");
    // The form starts from the members of the one before: the team manager, not one of them, is not ticked.
    const form = await (await server.get("/cases/2/core-groups/new", cookies.socialWorker)).text();
    const ticked = (userId: number) => (form.match(/<input[^>]*type="checkbox"[^>]*>/g) ?? []).some((input) => input.includes(`value="${userId}"`) && input.includes("checked"));
    expect(jaydensMembers.map((key) => ticked(ids[key]))).toEqual([true, true, true]);
    expect(ticked(ids["priya.shah"])).toBe(false);
    const set = await server.post("/cases/2/core-groups/new", { intent: "interval", workingDays: "20" }, cookies.socialWorker);
    expect(set.status).toBe(302);
    // Wednesday 6 January + 20 working days.
    expect(await page("/cases/2/core-groups/new")).toContain("The next core group Due by 3 February 2027");
    const ten = await server.post("/cases/2/core-groups/new", { intent: "interval", workingDays: "10" }, cookies.socialWorker);
    expect(ten.status).toBe(302);
    expect(await page("/cases/2/core-groups/new")).toContain("The next core group Due by 20 January 2027");
    expect((await server.post("/cases/2/core-groups/new", { intent: "interval", workingDays: "7" }, cookies.socialWorker)).status).toBe(400);
    const [versions] = await server.db.sql`select count(*)::int as count from plan_core_group_intervals where plan_id = ${planId}`;
    expect(versions.count).toBe(2);
  });
});

describe("progress on the plan's actions", () => {
  let path = "";
  const progress = (key: string, actionId: number, fields: Record<string, string>) =>
    server.post(path, { intent: "progress", actionId: String(actionId), note: "", reason: "", ...fields }, cookies[key]);

  beforeAll(async () => {
    const [first] = await server.db.sql<{ id: string }[]>`select id from core_groups where case_id = 2 order by id limit 1`;
    path = `/cases/2/core-groups/${first.id}`;
  });

  test("the owner agency says how its action stands, attributed; every member sees it", async () => {
    const response = await progress("police", actions["alex.morgan"], { status: "on_track", note: "Two call-outs shared the next morning." });
    expect(response.status).toBe(302);
    const [row] = await server.db.sql`
      select p.status, p.note, u.full_name as by, p.recorded_by_agency_id as agency from core_group_progress p join users u on u.id = p.recorded_by
      where p.action_id = ${actions["alex.morgan"]}`;
    expect(row).toMatchObject({ status: "on_track", note: "Two call-outs shared the next morning.", by: "Alex Morgan", agency: "kestrel-vale-police" });
    expect(await page(path, "health")).toContain("On track Two call-outs shared the next morning. Alex Morgan (Kestrel Vale Police)");
  });

  test("another agency is refused on an action it does not own (403, audited), and offered no control for it", async () => {
    const since = await lastAuditId();
    const before = await countOf("core_group_progress");
    const response = await progress("health", actions["alex.morgan"], { status: "done" });
    expect(response.status).toBe(403);
    expect(await denials("record:progress", since)).toBe(1);
    expect(await countOf("core_group_progress")).toBe(before);
    const html = await (await server.get(path, cookies.health)).text();
    expect(html).toContain(`id="status-${actions["nadia.hussain"]}"`);
    expect(html).not.toContain(`id="status-${actions["alex.morgan"]}"`);
  });

  test("the lead social worker may say how any action stands", async () => {
    expect((await progress("socialWorker", actions["olu.adeyemi"], { status: "not_started", note: "The surgery has not been told yet." })).status).toBe(302);
  });

  test("“at risk” and “no longer needed” need a reason, each with its own message, and change nothing without one", async () => {
    const before = await countOf("core_group_progress");
    const atRisk = await progress("health", actions["nadia.hussain"], { status: "at_risk", reason: "  " });
    expect(atRisk.status).toBe(400);
    const atRiskHtml = await atRisk.text();
    expect(mainText(atRiskHtml)).toContain("Enter why the action is at risk");
    expect(atRiskHtml).toContain(`href="#reason-${actions["nadia.hussain"]}"`);
    const notNeeded = await progress("health", actions["nadia.hussain"], { status: "no_longer_needed" });
    expect(notNeeded.status).toBe(400);
    expect(mainText(await notNeeded.text())).toContain("Enter why the action is no longer needed");
    const noStatus = await progress("health", actions["nadia.hussain"], { status: "finished" });
    expect(noStatus.status).toBe(400);
    expect(mainText(await noStatus.text())).toContain("Select how the action stands");
    expect(await countOf("core_group_progress")).toBe(before);
    expect((await progress("health", actions["nadia.hussain"], { status: "at_risk", reason: "Two weighings missed." })).status).toBe(302);
  });

  test("progress is kept, never rewritten: a later entry stands beside the earlier one", async () => {
    expect((await progress("police", actions["alex.morgan"], { status: "done", note: "Every call-out shared." })).status).toBe(302);
    const rows = await server.db.sql<{ status: string }[]>`select status from core_group_progress where action_id = ${actions["alex.morgan"]} order by id`;
    expect(rows.map((row) => row.status)).toEqual(["on_track", "done"]);
    await expect(server.db.sql`update core_group_progress set status = 'not_started'`).rejects.toThrow(/record of evidence/);
    await expect(server.db.sql`delete from core_group_progress`).rejects.toThrow(/record of evidence/);
    expect(await page(path, "gp")).toContain("Done Every call-out shared.");
  });

  test("a new action is added to the plan from the core group in the plan's own SMART form; others are refused", async () => {
    const [outcome] = await server.db.sql<{ id: string }[]>`select id from plan_outcomes where plan_id = ${planId}`;
    const action = { intent: "add-action", outcomeId: outcome.id, what: "Register Jayden with a nursery", why: "So someone sees him every weekday",
      ownerUserId: String(ids["sam.okafor"]), due: "ongoing", measure: "He attends three days a week" };
    const ongoing = await server.post(path, action, cookies.socialWorker);
    expect(ongoing.status).toBe(400);
    expect(mainText(await ongoing.text())).toContain('"Ongoing" is not a date');
    expect((await server.post(path, { ...action, due: "1 3 2027" }, cookies.police)).status).toBe(403);
    expect((await server.post(path, { ...action, due: "1 3 2027" }, cookies.socialWorker)).status).toBe(302);
    expect(await page("/cases/2/plan", "gp")).toContain("Register Jayden with a nursery");
  });

  test("the plan page shows each action's latest progress, its core groups with their clocks, and the first one's clock", async () => {
    const plan = await page("/cases/2/plan", "health");
    expect(plan).toContain("Latest progress Done Every call-out shared. Alex Morgan (Kestrel Vale Police)");
    expect(plan).toContain("Latest progress At risk Why: Two weighings missed. Nadia Hussain (Sandmere Community Health NHS Trust)");
    expect(plan).toContain("First core group Due by 5 January 2027 Missed by 1 working day. Reason: The GP could not attend until the surgery reopened.");
    expect(plan).toMatch(/Core group 1, 6 January 2027.*Due by 5 January 2027 Missed by 1 working day/);
    expect(plan).toContain("The next core group Due by 20 January 2027");
    // Scheduling is offered to the lead social worker alone.
    expect(plan).not.toContain("Schedule a core group");
    expect(await page("/cases/2/plan")).toContain("Schedule a core group");
  });
});
