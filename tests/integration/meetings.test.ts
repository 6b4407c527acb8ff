// Strategy meetings from the outside: convening, each agency's sections and the chair's part at every door,
// scaling before sign-off, decisions with the conference's due date, actions with real dates, sign-off that turns
// every editor read-only, minutes for the family without restricted content, and addenda.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, providerFor, paragraphOf, synced, type TestProvider } from "../support/collab-client";
import { accessShown, upgradeStatus } from "../support/collab-probe";
import { mainText } from "../support/html";
import { meetingForm } from "../support/meeting-form";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const clients: TestProvider[] = [];
const sockets: PortalSocket[] = [];
const ids: Record<string, number> = {};
let meeting = "";
let meetingId = 0;

beforeAll(async () => {
  server = await startTestServer({ ACCESS_RECHECK_MS: "500" });
  for (const key of ["chair", "socialWorker", "teamManager", "police", "health", "education", "gp"]) cookies[key] = await server.signIn(key);
  for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email.split("@")[0]] = Number(row.id);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const socket of sockets) socket.close();
  await server?.close();
});

const open = (cookie: string, name: string) => {
  const client = providerFor(server.url, name, { cookie });
  clients.push(client);
  return client;
};
const meetingsCount = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from meetings`)[0].count;
const POLICE_CHAIR_ONLY = "Dean Colt is subject to an active investigation";

const convene = (extra: Record<string, string> = {}, invitees = ["sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"]) => {
  const form = meetingForm({
    concern: "Lily disclosed that Dean pushed her mother; Lily was hungry with a bruise.",
    chairUserId: String(ids["helen.ward"]),
    ...extra,
  });
  for (const invitee of invitees) form.append("invitee", String(ids[invitee]));
  return fetch(`${server.url}/cases/1/meetings/new`, {
    method: "POST",
    redirect: "manual",
    body: form,
    headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: cookies.chair },
  });
};

describe("convening", () => {
  test("without the police or health it is refused, saying who is missing, and nothing is made", async () => {
    const before = await meetingsCount();
    const response = await convene({}, ["sam.okafor", "emma.clarke"]);
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain("Invite someone from the police and health");
    expect(await meetingsCount()).toBe(before);
  });

  test("a social worker or a police officer cannot convene (403, audited)", async () => {
    expect((await server.get("/cases/1/meetings/new", cookies.socialWorker)).status).toBe(403);
    expect((await server.post("/cases/1/meetings/new", { kind: "meeting" }, cookies.police)).status).toBe(403);
  });

  test("the chair convenes; each invitee is told at once on their own socket and sees it on Your work", async () => {
    const police = await connectSocket(server.url, { cookie: cookies.police });
    sockets.push(police);
    const joined = await new Promise<{ ok: boolean }>((resolve) => police.emit("room:join", `user:${ids["alex.morgan"]}`, resolve));
    expect(joined.ok).toBe(true);
    const notice = new Promise<{ what: string }>((resolve) => police.once("record:changed", resolve));
    const response = await convene();
    expect(response.status).toBe(302);
    meeting = response.headers.get("location")!;
    meetingId = Number(meeting.split("/").pop());
    expect((await notice).what).toBe("invitation");
    expect(mainText(await (await server.get("/", cookies.police)).text())).toContain("Strategy meeting for Lily Marsh");
    // Someone else's room is not theirs to join.
    const other = await new Promise<{ ok: boolean }>((resolve) => police.emit("room:join", `user:${ids["nadia.hussain"]}`, resolve));
    expect(other.ok).toBe(false);
  });
});

describe("each agency's information", () => {
  test("police write their section; health reads it but cannot write; the chair-only part is police's and the chair's", async () => {
    const section = `case:1:meeting:${meetingId}:agency:kestrel-vale-police`;
    const writer = open(cookies.police, section);
    await synced(writer);
    writer.doc.getXmlFragment("default").push([paragraphOf("Two call-outs to the address this year.")]);
    const reader = open(cookies.health, section);
    await synced(reader);
    await eventually(() => expect(reader.doc.getXmlFragment("default").toString()).toContain("Two call-outs"));
    await eventually(() => expect(reader.notices.join(" ")).toContain("read-only"));

    const chairPart = `${section}:chair`;
    const policeChair = open(cookies.police, chairPart);
    await synced(policeChair);
    policeChair.doc.getXmlFragment("default").push([paragraphOf(POLICE_CHAIR_ONLY)]);
    const chair = open(cookies.chair, chairPart);
    await synced(chair);
    await eventually(() => expect(chair.doc.getXmlFragment("default").toString()).toContain(POLICE_CHAIR_ONLY));
    // Health may not know the part exists: the upgrade is refused as for a missing document, and audited.
    expect(await upgradeStatus(server.url, chairPart, { cookie: cookies.health })).toBe(404);
    const [denied] = await server.db.sql`select count(*)::int as count from audit_events
      where action = 'read:record' and outcome = 'denied' and target = ${`document:${chairPart}`}
        and user_id = ${ids["nadia.hussain"]}`;
    expect(denied.count).toBe(1);
    // What each may do, shown by doing it: police write (the chair sees it), the chair only reads, health nothing.
    expect(await accessShown(server, chairPart, { userKey: "police", cookie: cookies.police }, cookies.chair)).toBe("write");
    expect(await accessShown(server, chairPart, { userKey: "chair", cookie: cookies.chair }, cookies.police)).toBe("read");
    expect(await accessShown(server, section, { userKey: "health", cookie: cookies.health }, cookies.police)).toBe("read");
    expect(await accessShown(server, chairPart, { userKey: "health", cookie: cookies.health }, cookies.police)).toBe(404);
  });
});

describe("scaling, decisions and actions", () => {
  test("attendance is recorded by the chair", async () => {
    const form: Record<string, string> = { intent: "attendance" };
    for (const person of ["helen.ward", "sam.okafor", "alex.morgan", "nadia.hussain", "emma.clarke"]) form[`attendance-${ids[person]}`] = "present";
    expect((await server.post(meeting, form, cookies.chair)).status).toBe(302);
    expect(mainText(await (await server.get(meeting, cookies.health)).text())).toContain("Still to scale");
  });

  test("a scaling out of range or without reasons is refused", async () => {
    const response = await server.post(meeting, { intent: "scale", score: "12", reasons: "" }, cookies.police);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    expect(text).toContain("Score must be between 0 and 10");
    expect(text).toContain("Enter the reasons for your agency's score");
  });

  test("the conference is due 15 working days after the meeting, skipping Christmas and New Year", async () => {
    const decisions = {
      intent: "decisions",
      section47: "yes",
      section47Why: "Reasonable cause to suspect significant harm.",
      policeInvestigation: "joint",
      immediateProtection: "no",
      icpc: "yes",
      familyTold: "yes",
      familyToldBy: "Sam Okafor",
      familyToldOnDay: "11",
      familyToldOnMonth: "12",
      familyToldOnYear: "2026",
    };
    expect((await server.post(meeting, { ...decisions, section47: "" }, cookies.chair)).status).toBe(400);
    expect((await server.post(meeting, decisions, cookies.police)).status).toBe(403);
    expect((await server.post(meeting, decisions, cookies.chair)).status).toBe(302);
    // Thursday 10 December 2026 + 15 working days, without 25 and 28 December and 1 January: Tuesday 5 January 2027.
    expect(mainText(await (await server.get(meeting, cookies.health)).text())).toContain("To be held by 5 January 2027");
    expect(mainText(await (await server.get("/cases/1", cookies.health)).text())).toContain("Due by 5 January 2027");
    expect((await server.post(meeting, { intent: "dissent", agencyId: "sandmere-community-health", dissent: "Health would not start a section 47 yet." }, cookies.chair)).status).toBe(302);
  });

  test.each([
    ["ongoing", `"Ongoing" is not a date`],
    ["ASAP", `"ASAP" is not a date`],
    ["TBC", `"TBC" is not a date`],
    ["", "Enter the date this will be done by"],
    ["1 1 2020", "Due date must be today or in the future"],
    ["31 2 2027", "Due date must be a real date"],
  ])("an action due %j is refused: %s", async (due, message) => {
    const response = await server.post(meeting, { intent: "add-action", what: "Visit Kerry", ownerUserId: String(ids["sam.okafor"]), due }, cookies.chair);
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain(message);
  });

  test("an action without an owner is refused; with a real future date it is added", async () => {
    expect((await server.post(meeting, { intent: "add-action", what: "Visit", ownerUserId: "", due: "4 12 2027" }, cookies.chair)).status).toBe(400);
    expect((await server.post(meeting, { intent: "add-action", what: "Visit Kerry and Pat together", ownerUserId: String(ids["sam.okafor"]), due: "4 12 2027" }, cookies.chair)).status).toBe(302);
    expect(mainText(await (await server.get(meeting, cookies.police)).text())).toContain("Visit Kerry and Pat together");
  });
});

describe("sign-off", () => {
  test("refused while an attending agency has not scaled and no reason is recorded; only the chair may sign off", async () => {
    const refused = await server.post(meeting, { intent: "sign-off" }, cookies.chair);
    expect(refused.status).toBe(400);
    expect(mainText(await refused.text())).toMatch(/not scaled\. Record their scaling, or why they could not/);
    const byPolice = await server.post(meeting, { intent: "sign-off" }, cookies.police);
    expect(byPolice.status).toBe(403);
    const [denied] = await server.db.sql`select count(*)::int as count from audit_events where action = 'chair:meeting' and outcome = 'denied'`;
    expect(denied.count).toBeGreaterThan(0);
  });

  test("once every agency has scaled or the chair has said why not, sign-off turns every editor read-only", async () => {
    for (const key of ["police", "health", "socialWorker"])
      expect((await server.post(meeting, { intent: "scale", score: "4", reasons: `${key} reasons` }, cookies[key])).status).toBe(302);
    expect((await server.post(meeting, { intent: "exempt", agencyId: "larkfield-primary", reason: "The DSL joined late and had not seen the records." }, cookies.chair)).status).toBe(302);

    const section = `case:1:meeting:${meetingId}:agency:kestrel-vale-police`;
    const writer = open(cookies.police, section);
    await synced(writer);
    expect((await server.post(meeting, { intent: "sign-off" }, cookies.chair)).status).toBe(302);
    // That the editor is read-only before sign-off is reported done is ending-writes.test.ts's; here, that it is told.
    await eventually(() => expect(writer.notices.join(" ")).toContain("read-only"), 15_000);
    await server.portal.collab.flush();
    const before = (await server.db.sql<{ count: number }[]>`select count(*)::int as count from collab_updates where document = ${section}`)[0].count;
    const [{ lastAudit }] = await server.db.sql`select coalesce(max(id), 0)::text as "lastAudit" from audit_events`;
    writer.doc.getXmlFragment("default").push([paragraphOf("Written after sign-off")]);
    await eventually(async () => {
      const [refused] = await server.db.sql`select count(*)::int as count from audit_events
        where id > ${lastAudit} and action = 'write:record' and outcome = 'denied' and target = ${`document:${section}`}`;
      expect(refused.count).toBeGreaterThan(0);
    }, 15_000);
    await server.portal.collab.flush();
    const after = (await server.db.sql<{ count: number }[]>`select count(*)::int as count from collab_updates where document = ${section}`)[0].count;
    expect(after).toBe(before);
    // Police now only read their own section: shown by a write that is refused and never reaches the document.
    expect(await accessShown(server, section, { userKey: "police", cookie: cookies.police }, cookies.health)).toBe("read");
  });

  test("after sign-off nothing in the record changes, however sent; addenda are added, attributed and dated", async () => {
    expect((await server.post(meeting, { intent: "add-action", what: "Late", ownerUserId: String(ids["sam.okafor"]), due: "4 12 2027" }, cookies.chair)).status).toBe(403);
    expect((await server.post(meeting, { intent: "attendance", [`attendance-${ids["emma.clarke"]}`]: "apologies" }, cookies.socialWorker)).status).toBe(403);
    await expect(server.db.sql`update meeting_decisions set section47 = false`).rejects.toThrow(/signed off/);
    expect((await server.post(meeting, { intent: "addendum", addendum: "The family was told on 11 December as planned." }, cookies.police)).status).toBe(302);
    expect(mainText(await (await server.get(`${meeting}/minutes`, cookies.health)).text())).toContain("The family was told on 11 December as planned. (Alex Morgan, Kestrel Vale Police");
  });

  test("the minutes exist at once; the family's leave out the chair-only part, which other agencies never see", async () => {
    const chair = await (await server.get(`${meeting}/minutes`, cookies.chair)).text();
    expect(chair).toContain(POLICE_CHAIR_ONLY);
    expect(chair).toContain("Two call-outs to the address this year.");
    const health = await (await server.get(`${meeting}/minutes`, cookies.health)).text();
    expect(health).not.toContain(POLICE_CHAIR_ONLY);
    const family = await (await server.get(`${meeting}/minutes/family`, cookies.chair)).text();
    expect(family).not.toContain(POLICE_CHAIR_ONLY);
    expect(family).toContain("Minutes for the family");
    expect(family).toContain("An initial child protection conference is to be held by 5 January 2027");
    // Scaling reasons are the family's only when an agency says so.
    expect(family).not.toContain("police reasons");
    // An allow-list: no police investigation, dissent, exemption reasons or addenda.
    for (const withheld of ["jointly", "Health would not start", "The DSL joined late", "as planned"]) expect(family).not.toContain(withheld);
  });

  test("the meeting's map and its scalings are signed off with it, by page and by collaboration socket", async () => {
    const [row] = await server.db.sql<{ mapId: string }[]>`select map_id as "mapId" from meetings where id = ${meetingId}`;
    const response = await server.post(`/cases/1/maps/${row.mapId}`, { score: "9", reasons: "Changed after sign-off" }, cookies.police);
    expect(response.status).toBe(403);
    await expect(server.db.sql`insert into map_scalings (map_id, agency_id, score, reasons, recorded_at, recorded_by)
      values (${row.mapId}, 'kestrel-vale-police', 9, 'x', now(), ${ids["alex.morgan"]})`).rejects.toThrow(/signed-off meeting/);
    const writer = open(cookies.police, `case:1:map:${row.mapId}`);
    await synced(writer);
    await eventually(() => expect(writer.notices.join(" ")).toContain("read-only"));
  });

  test("search finds the chair-only part for the chair, and for nobody outside the police", async () => {
    const find = async (key: string) => mainText(await (await server.get(`/cases/1/search?q=${encodeURIComponent("active investigation")}`, cookies[key])).text());
    expect(await find("chair")).toContain("information for the chair");
    expect(await find("health")).toContain("No results");
  });

  test("a professional not on the case cannot open the meeting or its minutes", async () => {
    for (const path of [meeting, `${meeting}/minutes`, `${meeting}/minutes/family`]) expect((await server.get(path, cookies.gp)).status).toBe(404);
  });
});

describe("the part for the chair is for this meeting's chair", () => {
  test("a meeting chaired by the team manager: she reads the police's part for the chair; the case's other chair does not", async () => {
    const form = new URLSearchParams({
      kind: "discussion", heldOnDay: "14", heldOnMonth: "12", heldOnYear: "2026", heldTime: "09:00", how: "telephone",
      concern: "A further call-out.", chairUserId: String(ids["priya.shah"]),
    });
    for (const person of ["sam.okafor", "alex.morgan", "nadia.hussain", "helen.ward"]) form.append("invitee", String(ids[person]));
    const response = await fetch(`${server.url}/cases/1/meetings/new`, {
      method: "POST", redirect: "manual", body: form,
      headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: cookies.teamManager },
    });
    expect(response.status).toBe(302);
    const second = Number(response.headers.get("location")!.split("/").pop());
    const name = `case:1:meeting:${second}:agency:kestrel-vale-police:chair`;
    const police = open(cookies.police, name);
    await synced(police);
    police.doc.getXmlFragment("default").push([paragraphOf("For Priya only")]);
    const priya = open(cookies.teamManager, name);
    await synced(priya);
    await eventually(() => expect(priya.doc.getXmlFragment("default").toString()).toContain("For Priya only"));
    // The case's other chair may not know this meeting's part for the chair exists.
    expect(await upgradeStatus(server.url, name, { cookie: cookies.chair })).toBe(404);
    expect(await (await server.get(`/cases/1/meetings/${second}/minutes`, cookies.chair)).text()).not.toContain("For Priya only");

    // The school is on the case but not invited to this discussion: it does not read the agencies' sections.
    const section = `case:1:meeting:${second}:agency:kestrel-vale-police`;
    const policeSection = open(cookies.police, section);
    await synced(policeSection);
    policeSection.doc.getXmlFragment("default").push([paragraphOf("Only for those invited")]);
    expect(await upgradeStatus(server.url, section, { cookie: cookies.education })).toBe(404);
    expect(await (await server.get(`/cases/1/meetings/${second}/minutes`, cookies.education)).text()).not.toContain("Only for those invited");
    await eventually(async () =>
      expect(await (await server.get(`/cases/1/meetings/${second}/minutes`, cookies.health)).text()).toContain("Only for those invited"),
    );
  });
});

describe("after sign-off, actions move on and the clock runs", () => {
  test("the owner of an action marks it done; someone else who is not the chair cannot", async () => {
    const [action] = await server.db.sql<{ id: string }[]>`select id from meeting_actions where meeting_id = ${meetingId} order by id limit 1`;
    expect((await server.post(meeting, { intent: "action-status", actionId: action.id, status: "done" }, cookies.health)).status).toBe(403);
    expect((await server.post(meeting, { intent: "action-status", actionId: action.id, status: "done" }, cookies.socialWorker)).status).toBe(302);
    const [row] = await server.db.sql`select status from meeting_actions where id = ${action.id}`;
    expect(row.status).toBe("done");
  });

  test("past the conference's due date the front sheet says it is overdue", async () => {
    // From today to 7 January 2027: two working days after the 5 January due date.
    const target = Date.UTC(2027, 0, 7, 12);
    server.clock.advance(target - server.clock.now().getTime());
    const health = await server.signIn("health");
    expect(mainText(await (await server.get("/cases/1", health)).text())).toContain("Overdue by 2 working days");
  });
});
