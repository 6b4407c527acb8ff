// A core group's notes from the members' writing to the lead social worker's sign-off: the family's version holds only
// the parts each agency marked for the family (never the police's words they did not mark, nor their restricted
// notes); sign-off is the lead's, refused until attendance is recorded, and it closes every door before it is reported
// done — the page's form, its `.data` request, the collaboration socket (a provider and a raw frame) — while socket.io
// tells every open page, without content, to fetch again; then addenda, and who received which version, when.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, paragraphOf, providerFor, synced, type TestProvider } from "../support/collab-client";
import { cookies, countOf, denials, ids, lastAuditId, scheduled, server, todayBoxes, useCoreGroupPortal } from "../support/core-group-portal";
import { mainText } from "../support/html";
import { openRawCollab, syncUpdate, type RawCollabSocket } from "../support/raw-collab";
import { connectSocket, type PortalSocket } from "../support/socket-client";

useCoreGroupPortal({ ACCESS_RECHECK_MS: "5000" });

const POLICE_WORDS = "Dean Colt was arrested on 2 December and bailed away from the address.";
const POLICE_PROGRESS = "A further call-out on 4 December, not yet shared with Kerry.";
const HEALTH_WORDS = "Lily's height and weight are on the 25th centile and rising.";
/** From the police's restricted notes, seeded on Lily's case: never in a core group's notes. */
const POLICE_RESTRICTED = "two previous call-outs";
const parts = { police: "agency:kestrel-vale-police", health: "agency:sandmere-community-health", school: "agency:larkfield-primary" };

let path = "";
let notes = "";
let policeAction = 0;
const clients: TestProvider[] = [];
const raws: RawCollabSocket[] = [];
const sockets: PortalSocket[] = [];

beforeAll(async () => {
  path = await scheduled(1, todayBoxes(), ["alex.morgan", "nadia.hussain", "emma.clarke"]);
  notes = `case:1:core-group:${path.split("/").pop()}:notes`;
  const [action] = await server.db.sql<{ id: string }[]>`
    select v.action_id as id from plan_action_versions v where v.owner_agency_id = 'kestrel-vale-police' order by v.action_id limit 1`;
  policeAction = Number(action.id);
});
afterAll(() => {
  for (const client of clients) client.destroy();
  for (const raw of raws) raw.close();
  for (const socket of sockets) socket.close();
});

const open = async (key: string) => {
  const client = providerFor(server.url, notes, { cookie: cookies[key] });
  clients.push(client);
  await synced(client);
  return client;
};
const write = (client: TestProvider, part: string, words: string) => client.doc.getXmlFragment(part).push([paragraphOf(words)]);
const storedText = async () => {
  await server.portal.collab.flush();
  const rows = await server.db.sql<{ update: Uint8Array }[]>`select update from collab_updates where document = ${notes}`;
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return Object.values(parts).map((part) => doc.getXmlFragment(part).toString()).join("\n");
};
const post = (key: string, form: Record<string, string>) => server.post(path, form, cookies[key]);

describe("the notes and the family's version", () => {
  test("members write in each agency's part; the family's version holds only what its agency marked for the family", async () => {
    const police = await open("police");
    const health = await open("health");
    write(police, parts.police, POLICE_WORDS);
    write(health, parts.health, HEALTH_WORDS);
    await eventually(async () => expect(await storedText()).toContain(HEALTH_WORDS), 10_000);
    await eventually(async () => expect(await storedText()).toContain(POLICE_WORDS), 10_000);
    expect((await post("police", { intent: "progress", actionId: String(policeAction), status: "on_track", note: POLICE_PROGRESS, reason: "" })).status).toBe(302);

    // Health marks its own part for the family; the police may not mark health's.
    const since = await lastAuditId();
    expect((await post("police", { intent: "for-family", agencyId: "sandmere-community-health", forFamily: "yes" })).status).toBe(403);
    expect(await denials("mark:for-family", since)).toBe(1);
    expect((await post("health", { intent: "for-family", agencyId: "sandmere-community-health", forFamily: "yes" })).status).toBe(302);

    const family = await (await server.get(`${path}/notes/family`, cookies.socialWorker)).text();
    expect(family).toContain(HEALTH_WORDS);
    for (const withheld of [POLICE_WORDS, POLICE_PROGRESS, POLICE_RESTRICTED]) expect(family).not.toContain(withheld);
    expect(mainText(family)).toContain("On track. (Kestrel Vale Police)");
    const full = await (await server.get(`${path}/notes/full`, cookies.health)).text();
    for (const shown of [POLICE_WORDS, POLICE_PROGRESS, HEALTH_WORDS]) expect(full).toContain(shown);
    expect(full).not.toContain(POLICE_RESTRICTED);
    // Helen Ward works on the case but is not a member: neither version is hers to read.
    expect((await server.get(`${path}/notes/family`, cookies.chair)).status).toBe(404);
  });
});

describe("sign-off", () => {
  test("is the lead social worker's (others 403, audited), and refused until attendance is recorded", async () => {
    const since = await lastAuditId();
    expect((await post("police", { intent: "sign-off" })).status).toBe(403);
    expect(await denials("chair:meeting", since)).toBe(1);
    const early = await post("socialWorker", { intent: "sign-off" });
    expect(early.status).toBe(400);
    expect(mainText(await early.text())).toContain("Record who attended before signing off");
    // A member records their own attendance, and no one else's.
    expect((await post("health", { intent: "attendance", [`attendance-${ids["alex.morgan"]}`]: "present" })).status).toBe(403);
    expect((await post("health", { intent: "attendance", [`attendance-${ids["nadia.hussain"]}`]: "present" })).status).toBe(302);
  });

  test("locks every door before it is reported done: the page, its .data request, the live notes, a raw frame", async () => {
    const police = await open("police");
    const raw = openRawCollab(server.url, notes, { cookie: cookies.health });
    raws.push(raw);
    await raw.opened;
    await raw.waitFor((message) => message.type === "sync-step1");
    const school = await connectSocket(server.url, { cookie: cookies.education });
    sockets.push(school);
    expect((await school.emitWithAck("room:join", "case:1")).ok).toBe(true);
    const notices: unknown[] = [];
    school.on("record:changed", (notice) => notices.push(notice));
    expect((await post("socialWorker", { intent: "attendance", [`attendance-${ids["alex.morgan"]}`]: "present", [`attendance-${ids["emma.clarke"]}`]: "apologies" })).status).toBe(302);

    const signedOff = await post("socialWorker", { intent: "sign-off" });
    expect(signedOff.status).toBe(302);
    const storedAtSignOff = await storedText();
    const since = await lastAuditId();

    // A raw frame sent now is refused, audited, and never stored or passed on.
    const forged = new Y.Doc();
    forged.getXmlFragment(parts.health).push([paragraphOf("Written by a raw frame after sign-off")]);
    raw.send(syncUpdate(Y.encodeStateAsUpdate(forged)));
    // The editor already open was told it is read-only; what it types now goes nowhere.
    await eventually(() => expect(police.notices.join(" ")).toContain("read-only"), 10_000);
    write(police, parts.police, "Typed after sign-off");
    await eventually(async () => expect(await denials("write:record", since)).toBeGreaterThanOrEqual(2), 10_000);
    expect(await storedText()).toBe(storedAtSignOff);

    // The page's forms, sent directly or as a `.data` request, are refused (403, audited); the database refuses too.
    const progress = { intent: "progress", actionId: String(policeAction), status: "done", note: "", reason: "" };
    const before = await countOf("core_group_progress");
    expect((await post("police", progress)).status).toBe(403);
    expect((await server.post(`${path}.data`, progress, cookies.police)).status).toBe(403);
    expect((await post("health", { intent: "for-family", agencyId: "sandmere-community-health", forFamily: "no" })).status).toBe(403);
    expect((await post("socialWorker", { intent: "attendance", [`attendance-${ids["emma.clarke"]}`]: "present" })).status).toBe(403);
    expect(await denials("record:progress", since)).toBe(2);
    await expect(
      server.db.sql`insert into core_group_progress (core_group_id, plan_id, action_id, status, recorded_at, recorded_by, recorded_by_agency_id)
        select g.id, g.plan_id, ${policeAction}, 'done', now(), ${ids["alex.morgan"]}, 'kestrel-vale-police' from core_groups g where g.id = ${Number(path.split("/").pop())}`,
    ).rejects.toThrow(/signed off/);
    expect(await countOf("core_group_progress")).toBe(before);

    // Every open page of the case heard that something changed, and nothing more.
    await eventually(() => expect(notices).toContainEqual({ room: "case:1", what: "plan" }));
    for (const notice of notices) expect(Object.keys(notice as object).sort()).toEqual(["room", "what"]);
    expect(mainText(await (await server.get(path, cookies.education)).text())).toContain("Signed off by Sam Okafor");
  });

  test("after sign-off: addenda from the members, and who received which version, when", async () => {
    expect((await post("education", { intent: "addendum", addendum: "Lily was absent on 3 December; her mother rang in." })).status).toBe(302);
    expect(mainText(await (await server.get(`${path}/notes/full`, cookies.police)).text())).toContain("Lily was absent on 3 December; her mother rang in. (Emma Clarke");
    expect(await (await server.get(`${path}/notes/family`, cookies.police)).text()).not.toContain("Lily was absent on 3 December");

    const [kerry] = await server.db.sql<{ id: string }[]>`select id from case_people where case_id = 1 and full_name = 'Kerry Marsh'`;
    const { day, month, year } = todayBoxes();
    const sent = (key: string, recipient: string, version: string) =>
      post(key, { intent: "distribution", recipient, version, sentOnDay: day, sentOnMonth: month, sentOnYear: year });
    const full = await sent("socialWorker", `family:${kerry.id}`, "full");
    expect(full.status).toBe(400);
    expect(mainText(await full.text())).toContain("The family receive only the family's version of the notes");
    expect((await sent("health", `family:${kerry.id}`, "family")).status).toBe(403);
    expect((await sent("socialWorker", `family:${kerry.id}`, "family")).status).toBe(302);
    expect((await sent("socialWorker", `professional:${ids["alex.morgan"]}`, "full")).status).toBe(302);
    const text = mainText(await (await server.get(path, cookies.police)).text());
    expect(text).toContain("Kerry Marsh (Mother) The family's version");
    expect(text).toContain("Alex Morgan, Kestrel Vale Police The full notes");
  });
});
