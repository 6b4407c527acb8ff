// Lily's child protection plan through real requests: the lead social worker adds an outcome and an action and every
// open page of the case is told; the police, on the case, cannot (403, audited); each bad date gets its own message
// and changes nothing; the plan as it stood on an earlier day reads the earlier wording; the live contingency plan is
// co-edited by the professionals on the case and refused to a stranger; an ended plan is read-only everywhere.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { todayInEngland } from "../../common/forms/dates";
import { planMessages } from "../../common/forms/plan";
import { addCalendarDays } from "../../common/calendar-dates";
import { endPlan } from "../../server/plans/end-plan";
import { findPlan } from "../../server/plans/find-plan";
import { accessShown, upgradeStatus } from "../support/collab-probe";
import { mainText } from "../support/html";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const sockets: PortalSocket[] = [];
const people = ["socialWorker", "teamManager", "police", "health", "education", "gp"];
const PLAN = "/cases/1/plan";

beforeAll(async () => {
  server = await startTestServer({ ACCESS_RECHECK_MS: "500" });
  for (const key of people) cookies[key] = await server.signIn(key);
  for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`)
    for (const key of people) if (demoUser(key).email === row.email) ids[key] = Number(row.id);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

const today = () => todayInEngland(server.clock.now());
/** "14 12 2026": as a person types a date in the due-date box. */
const typed = (iso: string) => iso.split("-").reverse().map(Number).join(" ");
const page = async (path: string, key: string) => {
  const response = await server.get(path, cookies[key]);
  expect(response.status, path).toBe(200);
  return mainText(await response.text());
};
const versions = async () =>
  (await server.db.sql<{ count: number }[]>`
    select (select count(*) from plan_outcome_versions) + (select count(*) from plan_action_versions)
         + (select count(*) from child_protection_plan_details) as count`)[0].count;
const outcomeIdWith = async (wording: string) =>
  Number((await server.db.sql<{ id: string }[]>`select outcome_id as id from plan_outcome_versions where wording = ${wording}`)[0].id);
const audited = async (key: string, action: string, outcome: "success" | "denied") =>
  (await server.db.sql<{ count: number }[]>`
    select count(*)::int as count from audit_events where user_id = ${ids[key]} and action = ${action} and outcome = ${outcome} and case_id = 1`)[0].count;

const newOutcome = "Lily can name two adults she trusts and would tell if she were frightened.";
const action = () => ({
  intent: "add-action",
  what: "Work with Lily on her network of trusted adults",
  why: "So Lily knows who she can tell",
  ownerUserId: String(ids.education),
  due: typed(addCalendarDays(today(), 10)),
  measure: "Lily names her trusted adults at the next core group",
});

describe("the plan page", () => {
  test("everyone on the case reads Lily's plan; each view is audited", async () => {
    for (const key of ["police", "health", "education", "teamManager"]) {
      const text = await page(PLAN, key);
      expect(text).toContain("Emotional abuse");
      expect(text).toContain("Lead social worker Sam Okafor (Sandmere Borough Council Children's Services)");
      expect(text).toContain("Outcome 1 Lily is never in the house when Dean is angry");
      expect(text).toContain("Action 2.2");
      expect(text).toMatch(/Review conference Due by \d+ \w+ \d{4} Due in \d+ working days/);
      // Only the lead social worker and the team manager are offered changes.
      expect(text.includes("Add an action"), key).toBe(key === "teamManager");
      expect(await audited(key, "view:plan", "success")).toBeGreaterThan(0);
    }
    expect((await server.get(PLAN, cookies.gp)).status).toBe(404);
  });

  test("the lead social worker adds an outcome and an action; both show, attributed, and every open page is told", async () => {
    const watcher = await connectSocket(server.url, { cookie: cookies.police });
    sockets.push(watcher);
    expect((await watcher.emitWithAck("room:join", "case:1")).ok).toBe(true);
    const notice = new Promise<{ room: string; what: string }>((resolve) => watcher.once("record:changed", resolve));

    const added = await server.post(PLAN, { intent: "add-outcome", wording: newOutcome }, cookies.socialWorker);
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toMatch(/^\/cases\/1\/plan\?done=add%3Aplan-outcome#outcome-\d+$/);
    expect(await notice).toEqual({ room: "case:1", what: "plan" });

    const outcomeId = await outcomeIdWith(newOutcome);
    const response = await server.post(PLAN, { ...action(), outcomeId: String(outcomeId) }, cookies.socialWorker);
    expect(response.status).toBe(302);
    const text = await page(PLAN, "police");
    expect(text).toContain(`Outcome 4 ${newOutcome}`);
    expect(text).toContain("Action 4.1 What Work with Lily on her network of trusted adults");
    expect(text).toContain("Who Emma Clarke (Larkfield Primary School)");
    expect(text).toContain("Last changed Sam Okafor (Sandmere Borough Council Children's Services)");
    expect(text).toContain("Added action 4.1");
    expect(await audited("socialWorker", "add:plan-outcome", "success")).toBe(1);
    expect(await audited("socialWorker", "add:plan-action", "success")).toBe(1);
  });

  test("the police, on the case, may not change the plan: 403 for every change, audited, nothing changes", async () => {
    const before = await versions();
    const outcomeId = String(await outcomeIdWith(newOutcome));
    const forms: Record<string, string>[] = [
      { intent: "add-outcome", wording: "Police outcome" },
      { ...action(), outcomeId },
      { intent: "change-visits", visits: "Never", seenAlone: "Never" },
    ];
    for (const form of forms) expect((await server.post(PLAN, form, cookies.police)).status).toBe(403);
    expect((await server.post(`${PLAN}/outcomes/${outcomeId}`, { wording: "Police words" }, cookies.police)).status).toBe(403);
    expect((await server.get(`${PLAN}/actions/1`, cookies.police)).status).toBe(403);
    expect(await versions()).toBe(before);
    expect(await audited("police", "change:plan", "denied")).toBe(5);
  });
});

describe("bad input gets its own message and changes nothing", () => {
  const yesterday = () => typed(addCalendarDays(today(), -1));
  const cases: [string, () => Record<string, string>, string, string][] = [
    ["a blank date", () => ({ due: "" }), "due", "Enter the date this will be done by, like 4 12 2026"],
    ['"ongoing"', () => ({ due: "ongoing" }), "due", `"Ongoing" is not a date. Enter the date this will be done by, like 4 12 2026`],
    ['"ASAP"', () => ({ due: "ASAP" }), "due", `"ASAP" is not a date. Enter the date this will be done by, like 4 12 2026`],
    ['"TBC"', () => ({ due: "TBC" }), "due", `"TBC" is not a date. Agree the date this will be done by before recording the action, like 4 12 2026`],
    ["yesterday", () => ({ due: yesterday() }), "due", "Due date must be today or in the future: an action is something still to be done"],
    ["31 February", () => ({ due: `31 2 ${Number(today().slice(0, 4)) + 1}` }), "due", "Due date must be a real date, like 4 12 2026"],
    ["no owner", () => ({ ownerUserId: "" }), "ownerUserId", planMessages.owner],
    ["an owner not on the case (the GP)", () => ({ ownerUserId: String(ids.gp) }), "ownerUserId", planMessages.ownerNotOnCase],
  ];

  test.each(cases)("%s: 400, its message in the error summary and by the field, the answers kept, nothing stored", async (_what, change, field, message) => {
    const before = await versions();
    const form = { ...action(), outcomeId: String(await outcomeIdWith(newOutcome)), ...change() };
    const response = await server.post(PLAN, form, cookies.socialWorker);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`href="#${field}"`);
    expect(mainText(html)).toContain(`There is a problem ${message}`);
    expect(mainText(html)).toContain(`Error: ${message}`);
    expect(html).toContain("Work with Lily on her network of trusted adults");
    expect(await versions()).toBe(before);
  });

  test("today is a due date the plan accepts", async () => {
    const response = await server.post(PLAN, { ...action(), outcomeId: String(await outcomeIdWith(newOutcome)), due: typed(today()), what: "Due today" }, cookies.socialWorker);
    expect(response.status).toBe(302);
  });
});

describe("the plan as it stood at an earlier date", () => {
  test("after the wording changes a day later, the earlier day shows the earlier wording; today the new", async () => {
    const firstDay = today();
    const outcomeId = await outcomeIdWith(newOutcome);
    server.clock.advance(26 * 60 * 60 * 1000);
    // A day on, everyone signs in again.
    for (const key of people) cookies[key] = await server.signIn(key);
    const changed = "Lily can name three adults she trusts.";
    const response = await server.post(`${PLAN}/outcomes/${outcomeId}`, { wording: changed }, cookies.socialWorker);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/cases/1/plan?done=change%3Aplan-outcome#outcome-${outcomeId}`);

    const then = await page(`${PLAN}?at=${firstDay}`, "police");
    expect(then).toContain("You are reading the plan as it stood at the end of");
    expect(then).toContain(newOutcome);
    expect(then).not.toContain(changed);
    const now = await page(PLAN, "police");
    expect(now).toContain(changed);
    expect(now).not.toContain(newOutcome);
    expect(now).toContain("Changed the wording of outcome 4");
    // Before the plan was made, there was none.
    expect(await page(`${PLAN}?at=${addCalendarDays(firstDay, -30)}`, "police")).toContain("Lily had no child protection plan at the end of");
    // A day not yet come, or not a day, is no page.
    expect((await server.get(`${PLAN}?at=${addCalendarDays(today(), 1)}`, cookies.police)).status).toBe(404);
    expect((await server.get(`${PLAN}?at=2026-02-30`, cookies.police)).status).toBe(404);
  });

  test("changing an action keeps its earlier version readable on the day before", async () => {
    const response = await server.post(`${PLAN}/actions/1`, { what: "A new first action", why: "x", ownerUserId: String(ids.socialWorker), due: typed(addCalendarDays(today(), 5)), measure: "y" }, cookies.teamManager);
    expect(response.status).toBe(302);
    expect(await page(PLAN, "health")).toContain("Action 1.1 What A new first action");
    expect(await page(`${PLAN}?at=${addCalendarDays(today(), -1)}`, "health")).toContain("Action 1.1 What Agree a written safety plan with Kerry and Pat");
  });
});

describe("the live contingency plan", () => {
  test("the professionals on the case co-edit it; a stranger is refused; its history is read by those on the case", async () => {
    expect(await upgradeStatus(server.url, "case:1:plan", { cookie: cookies.gp })).toBe(404);
    expect(await accessShown(server, "case:1:plan", { userKey: "police", cookie: cookies.police }, cookies.socialWorker)).toBe("write");
    const history = await page(`${PLAN}/history`, "health");
    expect(history).toContain("History of the contingency plan");
    expect(history).toContain("Sam Okafor (Sandmere Borough Council Children's Services)");
    expect((await server.get(`${PLAN}/history`, cookies.gp)).status).toBe(404);
  });

  test("once the plan has ended, nobody changes anything in it: pages, the document, the database", async () => {
    const plan = (await findPlan(server.db.sql, 1))!;
    expect(await endPlan(server.db.sql, { caseId: 1, planId: plan.id, endedOn: today(), reason: "Lily is safe.", whatFollows: "child_in_need_plan", by: ids.teamManager, at: server.clock.now() })).toEqual({ ok: true });
    const text = await page(PLAN, "socialWorker");
    expect(text).toContain("Ended on");
    expect(text).toContain("What follows: A child in need plan.");
    expect(text).not.toContain("Add an outcome");
    expect(text).toContain("This plan ended on");
    expect((await server.post(PLAN, { intent: "add-outcome", wording: "Too late" }, cookies.socialWorker)).status).toBe(403);
    expect(await accessShown(server, "case:1:plan", { userKey: "police", cookie: cookies.police }, cookies.socialWorker)).toBe("read");
  });
});
