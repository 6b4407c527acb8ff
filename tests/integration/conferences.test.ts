// Child protection conferences from the outside: from a signed-off strategy meeting on Jayden's case, through an
// initial conference (its clock missed, with the reason) that decides a plan is needed, its first core group a day
// late for a reason the scheduling form then starts from, to the plan made at its sign-off, which the lead social
// worker fills with two outcomes and three actions; then a review conference that ends the plan. Each bad input gets
// its message and changes nothing; nothing changes after sign-off however sent.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { upgradeStatus } from "../support/collab-probe";
import { mainText } from "../support/html";
import { meetingForm } from "../support/meeting-form";
import { openForOversight } from "../support/oversight-access";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let kerry = 0;

beforeAll(async () => {
  server = await startTestServer();
  for (const key of ["chair", "teamManager", "socialWorker", "police", "health", "education", "gp", "partnershipManager"]) cookies[key] = await server.signIn(key);
  for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email.split("@")[0]] = Number(row.id);
  [{ id: kerry }] = (await server.db.sql<{ id: string }[]>`select id from case_people where case_id = 2 and full_name = 'Kerry Marsh'`).map((row) => ({ id: Number(row.id) }));
});
afterAll(async () => {
  await server?.close();
});

/** A form with repeated fields (invitees, core group members), as a browser sends it. */
function post(path: string, fields: Record<string, string | string[]>, cookie: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    body,
    headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie },
  });
}
const text = async (response: Response) => mainText(await response.text());
const page = async (path: string, key: string) => {
  const response = await server.get(path, cookies[key]);
  expect(response.status).toBe(200);
  return mainText(await response.text());
};
const count = async (table: "meetings" | "conference_decisions" | "child_protection_plans") =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from ${server.db.sql(table)}`)[0].count;
const person = (...emails: string[]) => emails.map((email) => String(ids[email]));

/** The chair convenes, everyone attends, each agency scales, and the chair records the decisions and signs off. */
async function signedOffStrategyMeeting(caseId: number, chair: string, invitees: string[], scalers: string[]): Promise<string> {
  const form = meetingForm({ concern: "Jayden's mother was pushed; Jayden was in the room.", chairUserId: String(ids[chair]) });
  const convened = await post(`/cases/${caseId}/meetings/new`, { ...Object.fromEntries(form), invitee: person(...invitees) }, cookies[chair === "helen.ward" ? "chair" : "teamManager"]);
  expect(convened.status).toBe(302);
  const meeting = convened.headers.get("location")!;
  const chairCookie = cookies[chair === "helen.ward" ? "chair" : "teamManager"];
  const attendance: Record<string, string> = { intent: "attendance" };
  for (const who of [chair, ...invitees]) attendance[`attendance-${ids[who]}`] = "present";
  expect((await post(meeting, attendance, chairCookie)).status).toBe(302);
  for (const key of scalers) expect((await post(meeting, { intent: "scale", score: "3", reasons: `${key} is worried.` }, cookies[key])).status).toBe(302);
  const decisions = {
    intent: "decisions", section47: "yes", section47Why: "Reasonable cause to suspect significant harm.", policeInvestigation: "joint",
    immediateProtection: "no", icpc: "yes", familyTold: "yes", familyToldBy: "Sam Okafor", familyToldOnDay: "11", familyToldOnMonth: "12", familyToldOnYear: "2026",
  };
  expect((await post(meeting, decisions, chairCookie)).status).toBe(302);
  expect((await post(meeting, { intent: "sign-off" }, chairCookie)).status).toBe(302);
  return meeting;
}

const conveneFields = (overrides: Record<string, string | string[]> = {}) => ({
  heldOnDay: "7", heldOnMonth: "1", heldOnYear: "2027", heldTime: "10:00", how: "in_person",
  concern: "Jayden's mother was pushed; Jayden was in the room.", chairUserId: String(ids["priya.shah"]),
  invitee: person("sam.okafor", "alex.morgan", "nadia.hussain"),
  family: [String(kerry)],
  lateReason: "The police officer in the case was on leave until 6 January.",
  ...overrides,
});

describe("an initial conference from a signed-off strategy meeting, to a plan", () => {
  let strategy = "";
  let conference = "";
  let conferenceId = 0;

  test("a review needs a plan, and a conference needs a signed-off strategy meeting that called for it", async () => {
    const noPlan = await server.get("/cases/2/meetings/new-review", cookies.teamManager);
    expect(noPlan.status).toBe(409);
    expect(await text(noPlan)).toContain("A review conference reviews the child's active child protection plan, and this case has none");

    strategy = await signedOffStrategyMeeting(2, "priya.shah", ["sam.okafor", "alex.morgan", "nadia.hussain"], ["teamManager", "police", "health"]);
    // The strategy meeting offers the conference; the page to convene it shows its clock.
    expect(await page(strategy, "teamManager")).toContain("Convene the initial child protection conference");
    const convening = await page(`${strategy}/conference`, "teamManager");
    expect(convening).toContain("To be held by 5 January 2027: 15 working days from the strategy meeting (10 December 2026)");
    expect(convening).toContain("Kerry Marsh, Mother");
    // Only those who may convene: the police officer and the GP are on the case (403); the school is not (404).
    for (const [key, status] of [["police", 403], ["gp", 403], ["education", 404]] as const)
      expect({ key, status: (await server.get(`${strategy}/conference`, cookies[key])).status }).toEqual({ key, status });
  });

  test.each([
    ["without the police", () => ({ invitee: person("sam.okafor", "nadia.hussain") }), "Invite someone from the police: children's social care, the police and health must all take part"],
    ["after its due date with no reason", () => ({ lateReason: "" }), "Enter why the conference is held after 5 January 2027, the last day its clock allows (15 working days from the strategy meeting)"],
    ["before the strategy meeting", () => ({ heldOnDay: "9", heldOnMonth: "12", heldOnYear: "2026" }), "Date must be on or after 10 December 2026"],
    ["with someone who is not family on this case", () => ({ family: ["999999"] }), "Choose family members from the people recorded on this case"],
    ["with a professional not on the case", () => ({ invitee: person("sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke") }), "Invite only professionals working on this case"],
  ])("convening %s is refused with its message, and nothing is made", async (_name, overrides, message) => {
    const before = await count("meetings");
    const response = await post(`${strategy}/conference`, conveneFields(overrides()), cookies.teamManager);
    expect(response.status).toBe(400);
    const shown = await text(response);
    expect(shown).toContain("There is a problem");
    expect(shown).toContain(message);
    expect(await count("meetings")).toBe(before);
  });

  test("the chair convenes it late with the reason; its clock says it is arranged late, with the reason; invitees see it", async () => {
    const response = await post(`${strategy}/conference`, conveneFields(), cookies.teamManager);
    expect(response.status).toBe(302);
    conference = response.headers.get("location")!;
    conferenceId = Number(conference.split("/").pop());
    const shown = await page(conference, "police");
    expect(shown).toContain("Initial child protection conference, 7 January 2027 at 10:00am");
    expect(shown).toContain("Arranged 2 working days late, for 7 January 2027. Reason: The police officer in the case was on leave until 6 January.");
    expect(shown).toContain("Kerry Marsh");
    expect(await page("/", "police")).toContain("Jayden Marsh");
    // It is named as what it is wherever it is listed: Your work and the front sheet.
    expect(await page("/", "police")).toContain("Initial child protection conference for Jayden Marsh");
    expect(await page(conference.split("/meetings/")[0], "police")).toContain("Initial child protection conference");
    // A second initial conference from the same meeting is refused.
    const again = await post(`${strategy}/conference`, conveneFields(), cookies.teamManager);
    expect(again.status).toBe(409);
    expect(await text(again)).toContain("has already been convened");
    expect(await page(strategy, "health")).toContain("The initial child protection conference");
  });

  test("each agency's report and its part for the chair are judged at every door as a strategy meeting's are", async () => {
    const report = `case:2:meeting:${conferenceId}:agency:kestrel-vale-police`;
    expect(await upgradeStatus(server.url, report, { cookie: cookies.police })).toBe("opened");
    expect(await upgradeStatus(server.url, report, { cookie: cookies.health })).toBe("opened");
    expect(await upgradeStatus(server.url, `${report}:chair`, { cookie: cookies.teamManager })).toBe("opened");
    // Health reads police's report, never its part for the chair; the school is not on Jayden's case; the GP not invited.
    for (const [key, name] of [["health", `${report}:chair`], ["education", report], ["gp", report]] as const)
      expect({ key, name, status: await upgradeStatus(server.url, name, { cookie: cookies[key] }) }).toEqual({ key, name, status: 404 });
  });

  test("attendance, the family's attendance, each agency's scaling and the views, as at a strategy meeting", async () => {
    const attendance: Record<string, string> = { intent: "attendance" };
    for (const who of ["priya.shah", "sam.okafor", "alex.morgan", "nadia.hussain"]) attendance[`attendance-${ids[who]}`] = "present";
    expect((await post(conference, attendance, cookies.teamManager)).status).toBe(302);
    // The family's attendance is the chair's to record.
    expect((await post(conference, { intent: "family-attendance", [`family-${kerry}`]: "present" }, cookies.police)).status).toBe(403);
    expect((await post(conference, { intent: "family-attendance", [`family-${kerry}`]: "present" }, cookies.teamManager)).status).toBe(302);
    for (const key of ["teamManager", "police", "health"]) expect((await post(conference, { intent: "scale", score: "3", reasons: `${key} reasons` }, cookies[key])).status).toBe(302);
    const [voice] = await server.db.sql<{ id: string }[]>`select id from child_voice where case_id = 2 limit 1`;
    const views = { intent: "views", familyViews: "Kerry says she has asked Dean to leave.", childViews: "Jayden is too young to say; he ran to Pat.", childVoiceId: voice?.id ?? "" };
    expect((await post(conference, views, cookies.health)).status).toBe(403);
    expect((await post(conference, views, cookies.teamManager)).status).toBe(302);
    expect((await post(conference, { intent: "family-marking", part: "family_views", forFamily: "yes" }, cookies.teamManager)).status).toBe(302);
    const shown = await page(conference, "health");
    expect(shown).toContain("Kerry says she has asked Dean to leave.");
    expect(shown).toMatch(/Kerry Marsh Mother Present/);
  });

  const decision = (overrides: Record<string, string | string[]> = {}) => ({
    intent: "conference-decision", planNeeded: "yes", primaryCategory: "emotional_abuse", otherCategories: ["neglect"],
    leadUserId: String(ids["sam.okafor"]), visits: "Every 10 working days", seenAlone: "At every visit",
    firstCoreGroupOnDay: "14", firstCoreGroupOnMonth: "1", firstCoreGroupOnYear: "2027",
    coreGroup: person("sam.okafor", "alex.morgan", "nadia.hussain"),
    ...overrides,
  });

  test.each([
    ["a plan needed with no category", () => ({ primaryCategory: "" }), "Select the primary category of abuse or neglect the plan is for"],
    ["the primary category noted again", () => ({ otherCategories: ["emotional_abuse"] }), "The other categories must not include the primary category"],
    ["a core group member who is not on the case", () => ({ coreGroup: person("sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke") }), "Choose core group members only from the professionals working on this case"],
    ["no core group member from health", () => ({ coreGroup: person("sam.okafor", "alex.morgan") }), "Choose at least one core group member from Sandmere Community Health NHS Trust"],
    ["a police officer as lead social worker", () => ({ leadUserId: String(ids["alex.morgan"]) }), "Select the lead social worker: a social worker working on this case"],
    ["a first core group before the conference", () => ({ firstCoreGroupOnDay: "6" }), "The first core group must be on or after the day of the conference"],
    [
      "a first core group after its clock, with no reason",
      () => ({ firstCoreGroupOnDay: "22" }),
      "Enter why the first core group is later than 21 January 2027, the last day its clock allows (10 working days from the conference)",
    ],
    ["no plan, with no reason or what follows", () => ({ planNeeded: "no" }), "Enter why the child does not need a plan"],
    ["nothing decided", () => ({ planNeeded: "" }), "Select whether the child needs a child protection plan"],
  ])("a decision with %s is refused with its message, and nothing is recorded", async (_name, overrides, message) => {
    const before = await count("conference_decisions");
    const response = await post(conference, decision(overrides()), cookies.teamManager);
    expect(response.status).toBe(400);
    expect(await text(response)).toContain(message);
    expect(await count("conference_decisions")).toBe(before);
  });

  test("a first core group later than its 10 working days is recorded with its reason, which the conference shows", async () => {
    const form = await page(conference, "teamManager");
    expect(form).toContain("Within 10 working days of the conference: by 21 January 2027");
    const late = decision({ firstCoreGroupOnDay: "22", firstCoreGroupLateReason: "Health's visitor is on a course until 22 January." });
    expect((await post(conference, late, cookies.teamManager)).status).toBe(302);
    expect(await page(conference, "police")).toContain("22 January 2027. Later than its clock allows. Reason: Health's visitor is on a course until 22 January.");
    // In time again, the reason goes with the lateness.
    expect((await post(conference, decision(), cookies.teamManager)).status).toBe(302);
    const [row] = await server.db.sql<{ reason: string | null }[]>`
      select first_core_group_late_reason as reason from conference_decisions where meeting_id = ${conferenceId}`;
    expect(row.reason).toBeNull();
    expect(await page(conference, "police")).not.toContain("Later than its clock allows");
  });

  // The decision signed off: the first core group a day after its clock, for a reason the scheduling form carries over.
  const LATE_FOR = "The health visitor is on a course until 22 January.";
  const signedDecision = () => decision({ firstCoreGroupOnDay: "22", firstCoreGroupLateReason: LATE_FOR });

  test("the chair decides a plan is needed; others are refused (403, audited); sign-off makes the plan", async () => {
    expect((await post(conference, signedDecision(), cookies.police)).status).toBe(403);
    const [denied] = await server.db.sql`select count(*)::int as count from audit_events where action = 'chair:meeting' and outcome = 'denied' and target = ${`meeting:${conferenceId}`}`;
    expect(denied.count).toBeGreaterThan(0);
    expect((await post(conference, signedDecision(), cookies.teamManager)).status).toBe(302);
    const shown = await page(conference, "police");
    expect(shown).toContain("Emotional abuse (also noted: neglect)");
    expect(shown).toContain("Alex Morgan (Kestrel Vale Police), Sam Okafor (Sandmere Borough Council Children's Services), Nadia Hussain (Sandmere Community Health NHS Trust)");

    const plans = await count("child_protection_plans");
    expect((await post(conference, { intent: "sign-off" }, cookies.teamManager)).status).toBe(302);
    expect(await count("child_protection_plans")).toBe(plans + 1);
    const [made] = await server.db.sql<{ startedOn: string; planId: string }[]>`
      select to_char(p.started_on, 'YYYY-MM-DD') as "startedOn", m.plan_id as "planId"
      from child_protection_plans p join meetings m on m.plan_id = p.id where m.id = ${conferenceId}`;
    expect(made.startedOn).toBe("2027-01-07");
    const plan = await page("/cases/2/plan", "health");
    expect(plan).toContain("Emotional abuse");
    expect(plan).toContain("Sam Okafor");
  });

  test("scheduling the first core group starts from the conference's late date and its reason, which the lead need not retype", async () => {
    const html = await (await server.get("/cases/2/core-groups/new", cookies.socialWorker)).text();
    expect(html).toMatch(/name="heldOnDay"[^>]*value="22"/);
    expect(html).toMatch(new RegExp(`<textarea[^>]*name="lateReason"[^>]*>${LATE_FOR}</textarea>`));
    expect(mainText(html)).toContain("The conference's reason is filled in; change it if it has changed.");
    // Sent as it starts, with a time and how it meets: late, for the conference's reason.
    const made = await post(
      "/cases/2/core-groups/new",
      { intent: "schedule", heldOnDay: "22", heldOnMonth: "1", heldOnYear: "2027", heldTime: "10:00", how: "video", lateReason: LATE_FOR, member: person("alex.morgan", "nadia.hussain") },
      cookies.socialWorker,
    );
    expect(made.status).toBe(302);
    expect(await page(made.headers.get("location")!, "health")).toContain(`Due by 21 January 2027 Arranged 1 working day late, for 22 January 2027. Reason: ${LATE_FOR}`);
    // A later core group has no conference's reason to start from; one in time keeps no reason left in the box.
    expect(await (await server.get("/cases/2/core-groups/new", cookies.socialWorker)).text()).toMatch(/<textarea[^>]*name="lateReason"[^>]*><\/textarea>/);
    const next = await post(
      "/cases/2/core-groups/new",
      { intent: "schedule", heldOnDay: "4", heldOnMonth: "2", heldOnYear: "2027", heldTime: "10:00", how: "video", lateReason: LATE_FOR, member: person("alex.morgan", "nadia.hussain") },
      cookies.socialWorker,
    );
    expect(next.status).toBe(302);
    const inTime = await page(next.headers.get("location")!, "health");
    expect(inTime).toContain("Arranged in time, for 4 February 2027");
    expect(inTime).not.toContain(LATE_FOR);
  });

  test("the lead social worker gives the plan two outcomes and three actions", async () => {
    const outcome = async (wording: string) => {
      expect((await post("/cases/2/plan", { intent: "add-outcome", wording }, cookies.socialWorker)).status).toBe(302);
      const [row] = await server.db.sql<{ id: string }[]>`select o.id from plan_outcomes o join plan_outcome_versions v on v.outcome_id = o.id where v.wording = ${wording}`;
      return row.id;
    };
    const safe = await outcome("Jayden is never in the room when adults argue.");
    const seen = await outcome("Jayden's health and development are checked and on track.");
    const action = (outcomeId: string, what: string, owner: string) =>
      post("/cases/2/plan", { intent: "add-action", outcomeId, what, why: "So Jayden is safe.", ownerUserId: String(ids[owner]), due: "1 3 2027", measure: "Seen at the core group." }, cookies.socialWorker);
    for (const [outcomeId, what, owner] of [
      [safe, "Agree a safety plan with Kerry and Pat", "sam.okafor"],
      [safe, "Check for call-outs to the address every week", "alex.morgan"],
      [seen, "Health visitor reviews Jayden's development", "nadia.hussain"],
    ] as const)
      expect((await action(outcomeId, what, owner)).status).toBe(302);
    const plan = await page("/cases/2/plan", "police");
    for (const words of ["Jayden is never in the room when adults argue.", "Jayden's health and development are checked and on track.", "Agree a safety plan with Kerry and Pat", "Check for call-outs to the address every week", "Health visitor reviews Jayden's development"])
      expect(plan).toContain(words);
  });

  test("after sign-off nothing of the conference changes, however sent; the family's minutes hold what they were given", async () => {
    for (const form of [decision({ primaryCategory: "neglect", otherCategories: [] }), { intent: "views", familyViews: "Changed", childViews: "", childVoiceId: "" }, { intent: "family-attendance", [`family-${kerry}`]: "apologies" }])
      expect((await post(conference, form, cookies.teamManager)).status).toBe(403);
    await expect(server.db.sql`update conference_decisions set primary_category = 'neglect' where meeting_id = ${conferenceId}`).rejects.toThrow(/signed off/);
    await expect(server.db.sql`delete from conference_core_group_members where meeting_id = ${conferenceId}`).rejects.toThrow(/signed off/);
    await expect(server.db.sql`update meeting_family_attendees set attendance = 'apologies' where meeting_id = ${conferenceId}`).rejects.toThrow(/signed off/);
    const family = await page(`${conference}/minutes/family`, "teamManager");
    expect(family).toContain("Kerry says she has asked Dean to leave."); // given to the family
    expect(family).not.toContain("he ran to Pat"); // the child's views: not given
    expect(family).toContain("Category: emotional abuse; also noted: neglect.");
    expect(family).toContain("Kerry Marsh (Mother): Present");
    expect(family).not.toContain("Jayden's mother was pushed"); // why it is held: not given
    const full = await page(`${conference}/minutes`, "police");
    expect(full).toContain("he ran to Pat");
  });

  test("the plan page offers its review conference, with its clock, to those who may convene it, and then links to it", async () => {
    // The partnership manager oversees Jayden's case having said why (decision 039).
    await openForOversight(server, cookies.partnershipManager, 2);
    const planHtml = async (key: string) => {
      const response = await server.get("/cases/2/plan", cookies[key]);
      expect(response.status).toBe(200);
      return response.text();
    };
    const reviewRow = (html: string) => mainText(html.match(/<div[^>]*data-testid="clock-review"[\s\S]*?<\/div>/)?.[0] ?? "");
    // The team manager may convene it (the question the convening page asks); the lead social worker, the police and
    // the partnership manager read the review's clock, and are offered nothing the convening page would refuse them.
    for (const key of ["teamManager", "socialWorker", "police", "partnershipManager"]) {
      const html = await planHtml(key);
      expect(reviewRow(html), key).toMatch(/^Review conference Due by 7 April 2027 Due in \d+ working days/);
      const offered = key === "teamManager";
      expect({ key, offered: html.includes('href="/cases/2/meetings/new-review"') }).toEqual({ key, offered });
      expect({ key, offered: reviewRow(html).includes("Convene the review conference") }).toEqual({ key, offered });
    }
    for (const key of ["socialWorker", "police", "partnershipManager"])
      expect({ key, status: (await server.get("/cases/2/meetings/new-review", cookies[key])).status }).toEqual({ key, status: 403 });
    expect((await server.get("/cases/2/meetings/new-review", cookies.teamManager)).status).toBe(200);
  });

  test("a review within 3 months of the initial conference; a later date needs its reason; ending the plan ends it", async () => {
    const convening = await page("/cases/2/meetings/new-review", "teamManager");
    expect(convening).toContain("To be held by 7 April 2027: 3 months from the initial conference (7 January 2027)");
    const review = (overrides: Record<string, string | string[]> = {}) =>
      conveneFields({ heldOnDay: "1", heldOnMonth: "4", heldOnYear: "2027", lateReason: "", concern: "To review Jayden's plan.", ...overrides });
    const late = await post("/cases/2/meetings/new-review", review({ heldOnDay: "20" }), cookies.teamManager);
    expect(late.status).toBe(400);
    expect(await text(late)).toContain("Enter why the conference is held after 7 April 2027, the last day its clock allows (3 months from the initial conference)");
    const made = await post("/cases/2/meetings/new-review", review(), cookies.teamManager);
    expect(made.status).toBe(302);
    const path = made.headers.get("location")!;
    expect(await page(path, "health")).toContain("Arranged in time, for 1 April 2027 To be held by 7 April 2027");
    // Only one open review at a time.
    expect((await server.get("/cases/2/meetings/new-review", cookies.teamManager)).status).toBe(409);
    // The plan page now links to the review convened, with its own clock, for everyone on the case, and offers no other.
    for (const key of ["teamManager", "police"]) {
      const html = await (await server.get("/cases/2/plan", cookies[key])).text();
      expect(html).toContain(`href="${path}"`);
      expect(html).not.toContain('href="/cases/2/meetings/new-review"');
      expect(mainText(html)).toContain("Review conference Due by 7 April 2027 Arranged in time, for 1 April 2027 Review child protection conference, 1 April 2027 at 10:00am");
    }

    const attendance: Record<string, string> = { intent: "attendance" };
    for (const who of ["priya.shah", "sam.okafor", "alex.morgan", "nadia.hussain"]) attendance[`attendance-${ids[who]}`] = "present";
    expect((await post(path, attendance, cookies.teamManager)).status).toBe(302);
    for (const key of ["teamManager", "police", "health"]) expect((await post(path, { intent: "scale", score: "8", reasons: `${key} sees change` }, cookies[key])).status).toBe(302);
    const ends = { intent: "conference-decision", planNeeded: "no", reason: "", whatFollows: "" };
    const refused = await post(path, ends, cookies.teamManager);
    expect(refused.status).toBe(400);
    const message = await text(refused);
    expect(message).toContain("Enter why the plan ends");
    expect(message).toContain("Select what follows: a child in need plan, or closure");
    expect((await post(path, { ...ends, reason: "Dean has left; Kerry keeps Jayden safe.", whatFollows: "child_in_need_plan" }, cookies.teamManager)).status).toBe(302);
    expect((await post(path, { intent: "sign-off" }, cookies.teamManager)).status).toBe(302);
    const [plan] = await server.db.sql<{ endedOn: string; whatFollows: string }[]>`
      select to_char(ended_on, 'YYYY-MM-DD') as "endedOn", what_follows as "whatFollows" from child_protection_plans where case_id = 2`;
    expect(plan).toEqual({ endedOn: "2027-04-01", whatFollows: "child_in_need_plan" });
    expect(await text(await post("/cases/2/plan", { intent: "add-outcome", wording: "Too late" }, cookies.socialWorker))).not.toContain("Too late");
  });
});

describe("education where the child attends a setting", () => {
  test("Lily attends Larkfield: her initial conference without the school is refused, saying why", async () => {
    const strategy = await signedOffStrategyMeeting(1, "helen.ward", ["sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"], ["chair", "police", "health", "education"]);
    const before = await count("meetings");
    const fields = conveneFields({ chairUserId: String(ids["helen.ward"]), family: [], heldOnDay: "4", lateReason: "" });
    const response = await post(`${strategy}/conference`, fields, cookies.chair);
    expect(response.status).toBe(400);
    expect(await text(response)).toContain("Invite someone from education: children's social care, the police and health must all take part, and education because the child attends Larkfield Primary School (Year 2)");
    expect(await count("meetings")).toBe(before);
    const invited = await post(`${strategy}/conference`, { ...fields, invitee: person("sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke") }, cookies.chair);
    expect(invited.status).toBe(302);
    expect(await page(invited.headers.get("location")!, "education")).toContain("Arranged in time, for 4 January 2027 To be held by 5 January 2027");
  });
});
