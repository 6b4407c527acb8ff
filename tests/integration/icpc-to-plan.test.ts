// From a strategy meeting to a plan and its first review, on Jayden's case, by real requests with the portal's clock
// moved day by day. The strategy meeting is on Tuesday 17 March 2026; the initial conference on Tuesday 31 March, the
// last day of the month, makes a plan, which the lead social worker gives two outcomes and three actions. Its first core
// group is due within 10 working days, across Good Friday (3 April) and Easter Monday (6 April): by Thursday 16 April.
// The first review is due 3 calendar months on: 31 March has no 31 June, so by Tuesday 30 June; the next review at most
// 6 months after that: by Wednesday 30 December. After the conference's sign-off nothing of it changes however sent:
// its page's forms, their `.data` requests, a live editor and a raw collaboration frame.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { instantInEngland } from "../../common/forms/dates";
import { eventually, paragraphOf, providerFor, synced, type TestProvider } from "../support/collab-client";
import { mainText } from "../support/html";
import { openRawCollab, syncUpdate, type RawCollabSocket } from "../support/raw-collab";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const people = ["teamManager", "socialWorker", "police", "health", "gp"];
const clients: TestProvider[] = [];
const raws: RawCollabSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email.split("@")[0]] = Number(row.id);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const raw of raws) raw.close();
  await server?.close();
});

/** Moves the portal's clock to 10:00 in England on `day`, and signs everyone in again. */
async function moveTo(day: string) {
  server.clock.advance(instantInEngland(day, "10:00").getTime() - server.clock.now().getTime());
  for (const key of people) cookies[key] = await server.signIn(key);
}

/** A form with repeated fields (invitees, core group members), as a browser sends it. */
function post(path: string, fields: Record<string, string | string[]>, key: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return server.post(path, {}, cookies[key], { body });
}
async function accepted(path: string, fields: Record<string, string | string[]>, key: string): Promise<string> {
  const response = await post(path, fields, key);
  expect(response.status, `${path} ${fields.intent ?? ""}: ${mainText(await response.clone().text()).slice(0, 300)}`).toBe(302);
  return response.headers.get("location")!;
}
const page = async (path: string, key: string) => {
  const response = await server.get(path, cookies[key]);
  expect(response.status, path).toBe(200);
  return mainText(await response.text());
};
const person = (...names: string[]) => names.map((name) => String(ids[name]));
const date = (iso: string, prefix: string) => {
  const [year, month, day] = iso.split("-");
  return { [`${prefix}Day`]: String(Number(day)), [`${prefix}Month`]: String(Number(month)), [`${prefix}Year`]: year };
};
const invitees = () => person("sam.okafor", "alex.morgan", "nadia.hussain");

/** Everyone present, each agency scaled: what sign-off waits for. */
async function attendedAndScaled(meeting: string) {
  const attendance: Record<string, string> = { intent: "attendance" };
  for (const name of ["priya.shah", "sam.okafor", "alex.morgan", "nadia.hussain"]) attendance[`attendance-${ids[name]}`] = "present";
  await accepted(meeting, attendance, "teamManager");
  for (const key of ["teamManager", "police", "health"]) await accepted(meeting, { intent: "scale", score: "4", reasons: `${key}: some change` }, key);
}

let strategy = "";
let conference = "";
let conferenceId = 0;
let planId = 0;

describe("an initial conference on the last day of March makes the plan", () => {
  test("the strategy meeting on 17 March calls for it, due 15 working days on, after Easter: by 9 April", async () => {
    await moveTo("2026-03-17");
    strategy = await accepted(
      "/cases/2/meetings/new",
      { kind: "meeting", ...date("2026-03-17", "heldOn"), heldTime: "09:30", how: "video", concern: "Jayden was in the room when Dean hit Kerry.", chairUserId: String(ids["priya.shah"]), invitee: invitees() },
      "teamManager",
    );
    await attendedAndScaled(strategy);
    await accepted(strategy, {
      intent: "decisions", section47: "yes", section47Why: "Reasonable cause to suspect significant harm.", policeInvestigation: "joint",
      immediateProtection: "no", icpc: "yes", familyTold: "no", familyNotToldWhy: "Told after the joint visit.",
    }, "teamManager");
    await accepted(strategy, { intent: "sign-off" }, "teamManager");
    expect(await page(`${strategy}/conference`, "teamManager")).toContain("To be held by 9 April 2026: 15 working days from the strategy meeting (17 March 2026)");
  });

  test("the chair convenes it for 31 March, within its clock; on the day it decides a plan is needed and signs off", async () => {
    conference = await accepted(`${strategy}/conference`, {
      ...date("2026-03-31", "heldOn"), heldTime: "10:00", how: "in_person", concern: "Jayden was in the room when Dean hit Kerry.",
      chairUserId: String(ids["priya.shah"]), invitee: invitees(), family: [], lateReason: "",
    }, "teamManager");
    conferenceId = Number(conference.split("/").pop());
    expect(await page(conference, "police")).toContain("Arranged in time, for 31 March 2026 To be held by 9 April 2026");

    await moveTo("2026-03-31");
    await attendedAndScaled(conference);
    const decided = {
      intent: "conference-decision", planNeeded: "yes", primaryCategory: "emotional_abuse", leadUserId: String(ids["sam.okafor"]),
      visits: "Every 10 working days", seenAlone: "Not at two: seen with Kerry at every visit", ...date("2026-04-16", "firstCoreGroupOn"),
      coreGroup: invitees(),
    };
    // The first core group's clock counts 10 working days without Good Friday and Easter Monday: a day later needs its reason.
    const late = await post(conference, { ...decided, ...date("2026-04-17", "firstCoreGroupOn") }, "teamManager");
    expect(late.status).toBe(400);
    expect(mainText(await late.text())).toContain("Enter why the first core group is later than 16 April 2026, the last day its clock allows");
    await accepted(conference, decided, "teamManager");
    await accepted(conference, { intent: "sign-off" }, "teamManager");
    const [plan] = await server.db.sql<{ id: string; startedOn: string }[]>`
      select p.id, to_char(p.started_on, 'YYYY-MM-DD') as "startedOn" from child_protection_plans p join meetings m on m.plan_id = p.id where m.id = ${conferenceId}`;
    expect(plan.startedOn).toBe("2026-03-31");
    planId = Number(plan.id);
  });

  test("the lead social worker gives it two outcomes and three actions, each agency's, which everyone on the case reads", async () => {
    const outcome = async (wording: string) => {
      await accepted("/cases/2/plan", { intent: "add-outcome", wording }, "socialWorker");
      const [row] = await server.db.sql<{ id: string }[]>`select outcome_id as id from plan_outcome_versions where wording = ${wording}`;
      return row.id;
    };
    const safe = await outcome("Jayden is never in the room when adults fight.");
    const well = await outcome("Jayden grows and develops as a two-year-old should.");
    const actions = [
      [safe, "Agree a written safety plan with Kerry and Pat", "sam.okafor"],
      [safe, "Tell the lead social worker of any call-out to the house within a working day", "alex.morgan"],
      [well, "Weigh and measure Jayden every fortnight", "nadia.hussain"],
    ] as const;
    for (const [outcomeId, what, owner] of actions)
      await accepted("/cases/2/plan", { intent: "add-action", outcomeId, what, why: "So Jayden is safe and well.", ownerUserId: String(ids[owner]), due: "30 4 2026", measure: "Seen at each core group." }, "socialWorker");
    const plan = await page("/cases/2/plan", "health");
    expect(plan).toContain("Outcome 1 Jayden is never in the room when adults fight.");
    expect(plan).toContain("Outcome 2 Jayden grows and develops as a two-year-old should.");
    expect(plan).toContain("Action 1.1 What Agree a written safety plan with Kerry and Pat");
    expect(plan).toContain("Action 1.2 What Tell the lead social worker of any call-out to the house within a working day");
    expect(plan).toContain("Action 2.1 What Weigh and measure Jayden every fortnight");
    expect(plan).toContain("Who Alex Morgan (Kestrel Vale Police)");
    expect(plan).toContain("By when 30 April 2026");
  });
});

describe("the plan's clocks across Easter and the month ends", () => {
  test("the first core group: by 16 April, 10 working days on without Good Friday and Easter Monday", async () => {
    const plan = await page("/cases/2/plan", "police");
    expect(plan).toContain("First core group Due by 16 April 2026 Due in 10 working days");
    // On 31 March the review is 61 working days away: Easter, the early May and the Spring bank holidays do not count.
    expect(plan).toContain("Review conference Due by 30 June 2026 Due in 61 working days");
    expect(await page("/cases/2/core-groups/new", "socialWorker")).toContain(
      "The first core group Due by 16 April 2026 Due in 10 working days The conference set it for 16 April 2026",
    );
    // The form starts from the conference's decision: its date, and its core group ticked.
    const form = await (await server.get("/cases/2/core-groups/new", cookies.socialWorker)).text();
    expect(form).toMatch(/name="heldOnDay"[^>]*value="16"/);
    expect(form).toMatch(/name="heldOnMonth"[^>]*value="4"/);
    expect(form).toMatch(/name="heldOnYear"[^>]*value="2026"/);
    // Friday 17 April is after the clock's last day: it needs its reason, and nothing is made without one.
    const late = await post("/cases/2/core-groups/new", { intent: "schedule", ...date("2026-04-17", "heldOn"), heldTime: "10:00", how: "video", member: person("alex.morgan", "nadia.hussain") }, "socialWorker");
    expect(late.status).toBe(400);
    expect(mainText(await late.text())).toContain("Enter why the core group is later than 16 April 2026, the day its clock allows");
    expect((await server.db.sql`select count(*)::int as count from core_groups where plan_id = ${planId}`)[0].count).toBe(0);
    const coreGroup = await accepted("/cases/2/core-groups/new", { intent: "schedule", ...date("2026-04-16", "heldOn"), heldTime: "10:00", how: "video", member: person("alex.morgan", "nadia.hussain") }, "socialWorker");
    // On Maundy Thursday, the day before Good Friday, it is arranged in time (8 working days before its last day); held
    // on 16 April it has met its clock.
    await moveTo("2026-04-02");
    expect(await page(coreGroup, "health")).toContain("Due by 16 April 2026 Arranged in time, for 16 April 2026");
    await moveTo("2026-04-16");
    expect(await page("/cases/2/plan", "police")).toContain("First core group Due by 16 April 2026 Met");
  });

  test("the first review: 3 calendar months from 31 March is 30 June; a day later needs its reason", async () => {
    // On 16 April: 51 working days to go, without the early May and Spring bank holidays.
    expect(await page("/cases/2/plan", "police")).toContain("Review conference Due by 30 June 2026 Due in 51 working days");
    expect(await page("/cases/2/meetings/new-review", "teamManager")).toContain("To be held by 30 June 2026: 3 months from the initial conference (31 March 2026)");
    const review = (on: string, lateReason = "") => ({
      ...date(on, "heldOn"), heldTime: "10:00", how: "in_person", concern: "To review Jayden's plan.", chairUserId: String(ids["priya.shah"]), invitee: invitees(), family: [], lateReason,
    });
    const meetings = (await server.db.sql`select count(*)::int as count from meetings`)[0].count;
    const late = await post("/cases/2/meetings/new-review", review("2026-07-01"), "teamManager");
    expect(late.status).toBe(400);
    expect(mainText(await late.text())).toContain("Enter why the conference is held after 30 June 2026, the last day its clock allows (3 months from the initial conference)");
    expect((await server.db.sql`select count(*)::int as count from meetings`)[0].count).toBe(meetings);
    const first = await accepted("/cases/2/meetings/new-review", review("2026-06-30"), "teamManager");
    expect(await page(first, "health")).toContain("Arranged in time, for 30 June 2026 To be held by 30 June 2026");

    // Held on its last day, the plan continues; the next review is due at most 6 months after it, on 30 December.
    await moveTo("2026-06-30");
    await attendedAndScaled(first);
    await accepted(first, { intent: "conference-decision", planNeeded: "yes", revisions: "Kerry's new partner is to be assessed." }, "teamManager");
    await accepted(first, { intent: "sign-off" }, "teamManager");
    expect(await page("/cases/2/meetings/new-review", "teamManager")).toContain("To be held by 30 December 2026: at most 6 months from the review before (30 June 2026)");
    const later = await post("/cases/2/meetings/new-review", review("2026-12-31"), "teamManager");
    expect(later.status).toBe(400);
    expect(mainText(await later.text())).toContain("Enter why the conference is held after 30 December 2026, the last day its clock allows (at most 6 months from the review before)");
    const withReason = await accepted("/cases/2/meetings/new-review", review("2026-12-31", "The chair was taken ill on 29 December."), "teamManager");
    expect(await page(withReason, "police")).toContain("Arranged 1 working day late, for 31 December 2026. Reason: The chair was taken ill on 29 December.");
  });
});

describe("after the initial conference's sign-off, nothing of it changes however sent", () => {
  test("its forms and their .data requests are refused (403, audited); a live editor and a raw frame store nothing", async () => {
    const report = `case:2:meeting:${conferenceId}:agency:kestrel-vale-police`;
    const stored = async () => {
      await server.portal.collab.flush();
      return (await server.db.sql<{ count: number }[]>`select count(*)::int as count from collab_updates where document = ${report}`)[0].count;
    };
    const before = await stored();
    const [{ since }] = await server.db.sql<{ since: string }[]>`select coalesce(max(id), 0)::text as since from audit_events`;
    const decisions = async () => JSON.stringify(await server.db.sql`select * from conference_decisions where meeting_id = ${conferenceId}`);
    const decided = await decisions();

    // The page's forms, sent directly or as `.data` requests:
    const forms: [string, Record<string, string>][] = [
      ["teamManager", { intent: "conference-decision", planNeeded: "yes", primaryCategory: "neglect", leadUserId: String(ids["sam.okafor"]), visits: "Weekly", seenAlone: "Weekly", ...date("2026-04-20", "firstCoreGroupOn"), coreGroup: String(ids["alex.morgan"]) }],
      ["teamManager", { intent: "views", familyViews: "Rewritten after sign-off", childViews: "", childVoiceId: "" }],
      ["teamManager", { intent: "family-attendance" }],
      ["police", { intent: "scale", score: "9", reasons: "Rescaled after sign-off" }],
    ];
    for (const [key, form] of forms) {
      expect((await server.post(conference, form, cookies[key])).status, form.intent).toBe(403);
      expect((await server.post(`${conference}.data`, form, cookies[key])).status, `${form.intent} .data`).toBe(403);
    }
    expect(await decisions()).toBe(decided);
    expect(mainText(await (await server.get(`${conference}/minutes`, cookies.health)).text())).not.toContain("Rewritten after sign-off");

    // The police's report: an editor opened now is told it is read-only, and what it and a raw frame send is refused.
    const editor = providerFor(server.url, report, { cookie: cookies.police });
    clients.push(editor);
    await synced(editor);
    await eventually(() => expect(editor.notices.join(" ")).toContain("read-only"), 10_000);
    editor.doc.getXmlFragment("default").push([paragraphOf("Typed into the report after sign-off")]);
    const raw = openRawCollab(server.url, report, { cookie: cookies.police });
    raws.push(raw);
    await raw.opened;
    await raw.waitFor((message) => message.type === "sync-step1");
    const forged = new Y.Doc();
    forged.getXmlFragment("default").push([paragraphOf("Sent as a raw frame after sign-off")]);
    raw.send(syncUpdate(Y.encodeStateAsUpdate(forged)));
    await eventually(async () => {
      const [refused] = await server.db.sql<{ count: number }[]>`
        select count(*)::int as count from audit_events where id > ${since} and action = 'write:record' and outcome = 'denied' and target = ${`document:${report}`}`;
      expect(refused.count).toBeGreaterThanOrEqual(2);
    }, 10_000);
    expect(await stored()).toBe(before);
    const minutes = await (await server.get(`${conference}/minutes`, cookies.teamManager)).text();
    for (const words of ["Typed into the report after sign-off", "Sent as a raw frame after sign-off"]) expect(minutes).not.toContain(words);
    const [denied] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where id > ${since} and outcome = 'denied' and target = ${`meeting:${conferenceId}`}`;
    expect(denied.count).toBeGreaterThanOrEqual(6);
  });
});
