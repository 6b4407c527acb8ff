// The case workspace's mapping, from the outside: scaling (validation, history, live notice), the child's voice,
// maps over time, print and the family's copy, and agency-restricted notes held shut at every door.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, providerFor, paragraphOf, synced, type TestProvider } from "../support/collab-client";
import { accessShown, upgradeStatus } from "../support/collab-probe";
import { mainText } from "../support/html";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const clients: TestProvider[] = [];
const sockets: PortalSocket[] = [];
const people = ["socialWorker", "teamManager", "chair", "police", "health", "education", "gp", "partnershipManager", "policeAdmin"];

beforeAll(async () => {
  server = await startTestServer({ ACCESS_RECHECK_MS: "500" });
  for (const key of people) cookies[key] = await server.signIn(key);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const socket of sockets) socket.close();
  await server?.close();
});

const MAP = "/cases/1/maps/1";
const POLICE_NOTES = "/cases/1/restricted/kestrel-vale-police";
/** Seeded in police's restricted notes on Lily's case (db/seed.ts). */
const POLICE_SECRET = "two previous call-outs to a former partner";

const scalingRows = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from map_scalings`)[0].count;

const open = (cookie: string, name: string) => {
  const client = providerFor(server.url, name, { cookie });
  clients.push(client);
  return client;
};
const socketAs = async (key: string) => {
  const socket = await connectSocket(server.url, { cookie: cookies[key] });
  sockets.push(socket);
  return socket;
};
const join = (socket: PortalSocket, room: string) =>
  new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", room, (result) => resolve(result)));

describe("scaling: bad input gets a clear message and changes nothing", () => {
  const good = { score: "4", reasons: "Kerry acted protectively on 3 November." };
  const cases: [string, Record<string, string>, string][] = [
    ["a score of 11", { ...good, score: "11" }, "Score must be between 0 and 10"],
    ["a score of -1", { ...good, score: "-1" }, "Score must be between 0 and 10"],
    ["a score of 4.5", { ...good, score: "4.5" }, "Score must be a whole number"],
    ["a score in words", { ...good, score: "four" }, "Score must be a number from 0 to 10"],
    ["no score", { ...good, score: "" }, "Enter your agency's score"],
    ["no reasons", { ...good, reasons: "   " }, "Enter the reasons for your agency's score"],
    ["5,001 characters of reasons", { ...good, reasons: "x".repeat(5001) }, "Reasons must be 5,000 characters or fewer"],
  ];
  test.each(cases)("%s", async (_name, form, message) => {
    const before = await scalingRows();
    const response = await server.post(MAP, form, cookies.police);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    expect(text).toContain("There is a problem");
    expect(text).toContain(message);
    expect(await scalingRows()).toBe(before);
  });
});

describe("scaling: one current score per agency, every earlier one kept", () => {
  test("police scale twice: the page shows the latest, the history table both, and each is audited", async () => {
    const first = await server.post(MAP, { score: "3", reasons: "Dean still lives at the address." }, cookies.police);
    expect(first.status).toBe(200);
    const second = await server.post(MAP, { score: "2", reasons: "A further call-out on 20 November." }, cookies.police);
    expect(second.status).toBe(200);
    const rows = await server.db.sql<{ score: number }[]>`
      select score from map_scalings where map_id = 1 and agency_id = 'kestrel-vale-police' order by id`;
    expect(rows.map((row) => row.score)).toEqual([3, 2]);
    const html = await (await server.get(MAP, cookies.health)).text();
    const text = mainText(html);
    expect(text).toMatch(/Kestrel Vale Police\s*2\s*A further call-out on 20 November/);
    expect(text).not.toContain("Dean still lives at the address."); // not current: only in the history table's numbers
    expect(html).toContain('data-testid="scaling-chart"');
    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where action = 'record:scaling' and outcome = 'success'`;
    expect(audit.count).toBe(2);
  });

  test("a spread of more than 3 points between agencies is flagged", async () => {
    // Seeded: social care 4. Police now 2 (spread 2, not flagged); health 9 makes it 7.
    expect(mainText(await (await server.get(MAP, cookies.health)).text())).not.toContain("points apart");
    expect((await server.post(MAP, { score: "9", reasons: "Lily is thriving at nursery checks." }, cookies.health)).status).toBe(200);
    const text = mainText(await (await server.get(MAP, cookies.health)).text());
    expect(text).toContain("The agencies' scores are 7 points apart");
  });

  test("everyone with the map open is told at once; the notice carries no scores", async () => {
    const watcher = await socketAs("education");
    expect((await join(watcher, "case:1:map:1")).ok).toBe(true);
    const notice = new Promise<{ room: string; what: string }>((resolve) => watcher.once("record:changed", resolve));
    expect((await server.post(MAP, { score: "5", reasons: "Attendance has improved." }, cookies.education)).status).toBe(200);
    const received = await notice;
    expect(received).toEqual({ room: "case:1:map:1", what: "scalings" });
  });

  test("oversight, administrators and strangers cannot scale; nothing is recorded", async () => {
    const before = await scalingRows();
    const form = { score: "5", reasons: "Reasons" };
    expect((await server.post(MAP, form, cookies.teamManager)).status).toBe(200); // a social care member: may
    expect((await server.post(MAP, form, cookies.partnershipManager)).status).toBe(403);
    expect((await server.post(MAP, form, cookies.gp)).status).toBe(404); // not on Lily's case
    expect((await server.post(MAP, form, cookies.policeAdmin)).status).toBe(404);
    expect(await scalingRows()).toBe(before + 1);
    const [denied] = await server.db.sql`
      select count(*)::int as count from audit_events where action = 'record:scaling' and outcome = 'denied'`;
    expect(denied.count).toBeGreaterThanOrEqual(1);
  });

  test("scaling rows cannot be changed or deleted, even by the database's own user", async () => {
    await expect(server.db.sql`update map_scalings set score = 10`).rejects.toThrow(/record of evidence/);
    await expect(server.db.sql`delete from map_scalings`).rejects.toThrow(/record of evidence/);
  });
});

describe("maps over time", () => {
  test("a new dated map starts empty, opens by default, and the first is kept", async () => {
    const bad = await server.post("/cases/1/maps", { heldOnDay: "31", heldOnMonth: "2", heldOnYear: "2026" }, cookies.socialWorker);
    expect(bad.status).toBe(400);
    expect(mainText(await bad.text())).toContain("Date of the mapping must be a real date");
    const made = await server.post("/cases/1/maps", { heldOnDay: "20", heldOnMonth: "11", heldOnYear: "2026", title: "Review" }, cookies.socialWorker);
    expect(made.status).toBe(302);
    const newMap = made.headers.get("location")!;
    expect(newMap).toMatch(/^\/cases\/1\/maps\/\d+$/);
    expect((await server.get("/cases/1/map", cookies.health)).headers.get("location")).toBe(newMap);
    const list = mainText(await (await server.get("/cases/1/maps", cookies.health)).text());
    expect(list).toMatch(/Map of 20 November 2026: Review\s*Latest/);
    expect(list).toContain("Map of 12 November 2026: First mapping meeting");
    expect(mainText(await (await server.get(newMap, cookies.health)).text())).toContain("No agency has scaled yet");
    expect(mainText(await (await server.get(MAP, cookies.health)).text())).toContain("This is not the latest map");
  });

  test("a map of another case, or one that does not exist, is 404", async () => {
    expect((await server.get("/cases/2/maps/1", cookies.socialWorker)).status).toBe(404);
    expect((await server.get("/cases/1/maps/999", cookies.socialWorker)).status).toBe(404);
    expect((await server.get("/cases/1/maps/abc", cookies.socialWorker)).status).toBe(404);
  });
});

describe("a professional not on the case (the GP, on Jayden's case only) finds no door to Lily's maps", () => {
  /** Seeded in Lily's first map and her voice (db/seed.ts). */
  const LILY_WORDS = ["When Dean shouts", "Nanny Pat"];

  test.each([
    ["the latest map's redirect", "/cases/1/map"],
    ["the maps list", "/cases/1/maps"],
    ["a map", MAP],
    ["a map's history", `${MAP}/history`],
    ["a map's history at a point", `${MAP}/history?at=1`],
    ["a map's print", `${MAP}/print`],
    ["a map's family print", `${MAP}/print/family`],
    ["the child's voice", "/cases/1/child-voice"],
  ])("%s: 404, nothing of the case in the page, audited", async (_what, path) => {
    const [{ lastAudit }] = await server.db.sql`select coalesce(max(id), 0)::text as "lastAudit" from audit_events`;
    const response = await server.get(path, cookies.gp);
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    const body = await response.text();
    for (const words of [...LILY_WORDS, "Lily Marsh"]) expect(body).not.toContain(words);
    const [denied] = await server.db.sql`select count(*)::int as count from audit_events
      where id > ${lastAudit} and outcome = 'denied' and case_id = 1
        and user_id = (select id from users where email = 'olu.adeyemi@harbourlane-surgery.example')`;
    expect(denied.count).toBe(1);
  });

  test("the map's collaboration document: the upgrade is refused with 404", async () => {
    expect(await upgradeStatus(server.url, "case:1:map:1", { cookie: cookies.gp })).toBe(404);
    expect(await upgradeStatus(server.url, "case:1:map:1", { cookie: cookies.health })).toBe("opened");
  });

  test("the map's socket.io room, and the case's, are refused as missing ones", async () => {
    const gp = await socketAs("gp");
    expect(await gp.emitWithAck("room:join", "case:1:map:1")).toEqual({ ok: false, error: "Not found" });
    expect(await gp.emitWithAck("room:join", "case:1")).toEqual({ ok: false, error: "Not found" });
    const health = await socketAs("health");
    expect((await health.emitWithAck("room:join", "case:1:map:1")).ok).toBe(true);
  });
});

describe("the child's voice", () => {
  const words = { seenOnDay: "18", seenOnMonth: "11", seenOnYear: "2026", seenAlone: "no", whoElsePresent: "Her teacher", worries: "Shouting at night", goodThings: "", dreams: "" };
  const entries = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from child_voice`)[0].count;

  test.each([
    ["nothing said in any house", { ...words, worries: "" }, "Enter what the child said in at least one of the three houses"],
    ["not alone, but nobody named", { ...words, whoElsePresent: "" }, "Enter who else was there"],
    ["no date", { ...words, seenOnDay: "", seenOnMonth: "", seenOnYear: "" }, "Enter the date the child was seen"],
    ["a date in the future", { ...words, seenOnYear: "2999" }, "Date the child was seen must be today or in the past"],
    ["alone not answered", { ...words, seenAlone: "" }, "Select whether the child was seen alone"],
    ["a date before the child was born", { ...words, seenOnDay: "1", seenOnMonth: "1", seenOnYear: "2019" }, "must be on or after their date of birth, 14 May 2020"],
  ])("%s: refused with a message, nothing recorded", async (_name, form, message) => {
    const before = await entries();
    const response = await server.post("/cases/1/child-voice", form as Record<string, string>, cookies.education);
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain(message);
    expect(await entries()).toBe(before);
  });

  test("oversight reads the child's voice but cannot record it or start a map; a stranger gets 404; nothing changes", async () => {
    const before = await entries();
    const maps = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from case_maps`)[0].count;
    const mapsBefore = await maps();
    expect((await server.get("/cases/1/child-voice", cookies.partnershipManager)).status).toBe(200);
    expect((await server.post("/cases/1/child-voice", words, cookies.partnershipManager)).status).toBe(403);
    expect((await server.post("/cases/1/child-voice", words, cookies.gp)).status).toBe(404);
    expect((await server.post("/cases/1/maps", { heldOnDay: "1", heldOnMonth: "12", heldOnYear: "2026" }, cookies.partnershipManager)).status).toBe(403);
    expect(await entries()).toBe(before);
    expect(await maps()).toBe(mapsBefore);
  });

  test("an empty form lists every problem at once", async () => {
    const text = mainText(await (await server.post("/cases/1/child-voice", {}, cookies.education)).text());
    for (const message of ["Enter the date the child was seen", "Select whether the child was seen alone", "Enter what the child said"])
      expect(text).toContain(message);
  });

  test("recorded in the child's words, with who recorded it, when and whether alone; shown on the map", async () => {
    expect((await server.post("/cases/1/child-voice", words, cookies.education)).status).toBe(302);
    const text = mainText(await (await server.get("/cases/1/child-voice", cookies.police)).text());
    expect(text).toContain("Shouting at night");
    expect(text).toContain("not alone (Her teacher)");
    expect(text).toContain("Recorded by Emma Clarke (Larkfield Primary School)");
    expect(mainText(await (await server.get(MAP, cookies.police)).text())).toContain("Shouting at night");
  });
});

describe("print, and the family's copy", () => {
  test("the family's copy leaves out restricted notes, not-for-family reasons and not-for-family words", async () => {
    // Reasons are left out of the family's copy unless the agency says the family may see them.
    await server.post(MAP, { score: "4", reasons: "Bail conditions prevent contact until January." }, cookies.police);
    await server.post(MAP, { score: "6", reasons: "Kerry has attended every health appointment.", forFamily: "yes" }, cookies.health);
    await server.post(
      "/cases/1/child-voice",
      { seenOnDay: "19", seenOnMonth: "11", seenOnYear: "2026", seenAlone: "yes", worries: "Dean said he would hurt Biscuit", notForFamily: "yes" },
      cookies.socialWorker,
    );
    const full = await (await server.get(`${MAP}/print`, cookies.socialWorker)).text();
    expect(full).toContain(POLICE_SECRET); // shared with social care
    expect(full).toContain("Restricted — Kestrel Vale Police only");
    expect(full).toContain("Bail conditions prevent contact until January.");
    expect(full).toContain("Dean said he would hurt Biscuit");
    expect(full).toContain("OFFICIAL-SENSITIVE");

    const family = await (await server.get(`${MAP}/print/family`, cookies.socialWorker)).text();
    for (const withheld of [POLICE_SECRET, "Restricted", "Bail conditions", "hurt Biscuit"]) expect(family).not.toContain(withheld);
    expect(family).toContain("Copy for the family");
    expect(family).toContain("Kerry took Lily and Jayden to Pat"); // the map itself
    expect(family).toContain("Nanny Pat. My cat Biscuit."); // the child's words meant for the family
    expect(family).toContain("Kerry has attended every health appointment.");
    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where action = 'print:map-for-family'`;
    expect(audit.count).toBe(1);
  });

  test("an agency the police have not shared with prints the map without the police notes", async () => {
    const full = await (await server.get(`${MAP}/print`, cookies.health)).text();
    expect(full).not.toContain(POLICE_SECRET);
    expect(full).toContain("Kerry took Lily and Jayden to Pat");
  });

  test("text typed into the map is printed as text, never as markup", async () => {
    const writer = open(cookies.health, "case:1:map:1");
    await synced(writer);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(`<img src=x onerror="alert(1)"><script>alert(2)</script>`)]);
    writer.doc.getXmlFragment("nextSteps").push([paragraph]);
    await eventually(async () => {
      const html = await (await server.get(`${MAP}/print`, cookies.health)).text();
      expect(html).toContain("&lt;img src=x onerror=");
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain("<script>alert(2)");
    });
  });
});

describe("the server keeps documents to the editor's schema", () => {
  test.each([
    ["a script element", () => new Y.XmlElement("script")],
    ["an image element", () => new Y.XmlElement("img")],
    [
      "a mark the editor does not know",
      () => {
        const paragraph = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        text.applyDelta([{ insert: "styled", attributes: { onclick: { value: "alert(1)" } } }]);
        paragraph.insert(0, [text]);
        return paragraph;
      },
    ],
  ])("%s is refused, audited, and reaches nobody", async (_name, make) => {
    const writer = open(cookies.health, "case:1:map:1");
    const reader = open(cookies.police, "case:1:map:1");
    await Promise.all([synced(writer), synced(reader)]);
    const before = reader.doc.getXmlFragment("existingSafety").length;
    const refusals = async () =>
      (
        await server.db.sql<{ count: number }[]>`
          select count(*)::int as count from audit_events
          where action = 'write:record' and outcome = 'denied' and details->>'reason' like 'content outside the editor''s schema%'`
      )[0].count;
    const refusedBefore = await refusals();
    writer.doc.getXmlFragment("existingSafety").push([make()]);
    await eventually(async () => expect(await refusals()).toBe(refusedBefore + 1));
    // Decided: a client that syncs now has the document as the server holds it.
    const later = open(cookies.socialWorker, "case:1:map:1");
    await synced(later);
    expect(later.doc.getXmlFragment("existingSafety").length).toBe(before);
    expect(reader.doc.getXmlFragment("existingSafety").length).toBe(before);
    later.destroy();
    writer.destroy();
    reader.destroy();
  });
});

describe("agency-restricted notes hold at every door", () => {
  test("page and history: police write, social care (shared) and the chair read, education and health get 404", async () => {
    const police = await server.get(POLICE_NOTES, cookies.police);
    expect(police.status).toBe(200);
    const policeText = mainText(await police.text());
    expect(policeText).toContain("Restricted — Kestrel Vale Police only");
    expect(policeText).toContain("Not for family");
    for (const key of ["socialWorker", "chair"]) expect((await server.get(POLICE_NOTES, cookies[key])).status).toBe(200);
    for (const key of ["education", "health", "gp", "partnershipManager", "policeAdmin"]) {
      for (const path of [POLICE_NOTES, `${POLICE_NOTES}/history`, `${POLICE_NOTES}/history?at=1`]) {
        const response = await server.get(path, cookies[key]);
        expect(response.status, `${key} ${path}`).toBe(404);
        expect(await response.text()).not.toContain(POLICE_SECRET);
      }
    }
    const [denied] = await server.db.sql`
      select count(*)::int as count from audit_events where outcome = 'denied' and target = 'document:case:1:agency:kestrel-vale-police:notes'`;
    expect(denied.count).toBeGreaterThan(0);
  });

  test("the front sheet lists only the restricted notes a person may read", async () => {
    expect(mainText(await (await server.get("/cases/1", cookies.socialWorker)).text())).toContain("Kestrel Vale Police's restricted notes");
    const education = mainText(await (await server.get("/cases/1", cookies.education)).text());
    expect(education).not.toContain("Kestrel Vale Police's restricted notes");
    expect(education).toContain("Your agency's restricted notes");
  });

  test("collaboration and socket.io: education is refused; social care reads but cannot write", async () => {
    const name = "case:1:agency:kestrel-vale-police:notes";
    const education = await socketAs("education");
    expect((await join(education, name)).ok).toBe(false);
    // Refused as for notes that do not exist, and audited.
    expect(await upgradeStatus(server.url, name, { cookie: cookies.education })).toBe(404);
    const [denied] = await server.db.sql`select count(*)::int as count from audit_events
      where action = 'read:record' and outcome = 'denied' and target = ${`document:${name}`}
        and user_id = (select id from users where email = 'emma.clarke@larkfield-school.example')`;
    expect(denied.count).toBeGreaterThan(0);

    const reader = open(cookies.socialWorker, name);
    await synced(reader);
    await eventually(() => expect(reader.notices.join(" ")).toContain("read-only"));
    expect(reader.doc.getXmlFragment("default").toString()).toContain(POLICE_SECRET);
    reader.destroy();
    // Shown by doing it: social care's write is refused and never reaches the police; the police's own write does.
    expect(await accessShown(server, name, { userKey: "socialWorker", cookie: cookies.socialWorker }, cookies.police)).toBe("read");
    expect(await accessShown(server, name, { userKey: "police", cookie: cookies.police }, cookies.socialWorker)).toBe("write");
  });

  test("sharing needs a reason and is the police's own to give; stopping it ends access before it is reported done", async () => {
    const shares = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from restricted_note_shares`)[0].count;
    const before = await shares();
    const noReason = await server.post(POLICE_NOTES, { intent: "share", agencyId: "sandmere-community-health", reason: "" }, cookies.police);
    expect(noReason.status).toBe(400);
    expect(mainText(await noReason.text())).toContain("Enter why, for the record");
    const notOnCase = await server.post(POLICE_NOTES, { intent: "share", agencyId: "harbour-lane-surgery", reason: "GP" }, cookies.police);
    expect(notOnCase.status).toBe(400);
    expect(mainText(await notOnCase.text())).toContain("Select an agency working on this case");
    // Social care reads the police notes, but may not pass them on.
    expect((await server.post(POLICE_NOTES, { intent: "share", agencyId: "larkfield-primary", reason: "School" }, cookies.socialWorker)).status).toBe(403);
    expect(await shares()).toBe(before);

    const name = "case:1:agency:kestrel-vale-police:notes";
    const socket = await socketAs("socialWorker");
    expect((await join(socket, name)).ok).toBe(true);
    const reader = open(cookies.socialWorker, name);
    const policeWriter = open(cookies.police, name);
    await Promise.all([synced(reader), synced(policeWriter)]);
    const removed = new Promise<{ room: string }>((resolve) => socket.once("room:removed", resolve));
    const stop = await server.post(POLICE_NOTES, { intent: "stop", agencyId: "sandmere-childrens-services", reason: "Investigation concluded" }, cookies.police);
    expect(stop.status).toBe(302);
    // Ended before it was reported done: what the police write after the response never reaches social care.
    policeWriter.doc.getXmlFragment("default").push([paragraphOf("Written after the share ended")]);
    expect((await removed).room).toBe(name);
    await eventually(() => expect(reader.closeCodes).toContain(4403), 15_000);
    const later = open(cookies.police, name);
    await synced(later);
    await eventually(() => expect(later.doc.getXmlFragment("default").toString()).toContain("Written after the share ended"));
    expect(reader.doc.getXmlFragment("default").toString()).not.toContain("Written after the share ended");
    expect((await server.get(POLICE_NOTES, cookies.socialWorker)).status).toBe(404);
    const full = await (await server.get(`${MAP}/print`, cookies.socialWorker)).text();
    expect(full).not.toContain(POLICE_SECRET);
    const [share] = await server.db.sql`
      select shared, reason from restricted_note_shares where shared_with_agency_id = 'sandmere-childrens-services' order by id desc limit 1`;
    expect(share).toEqual({ shared: false, reason: "Investigation concluded" });
    // The police still see the whole record of sharing: who, when and why, the share and its end.
    const record = mainText(await (await server.get(POLICE_NOTES, cookies.police)).text());
    expect(record).toContain("Stopped sharing with Sandmere Borough Council Children's Services Investigation concluded Alex Morgan");
    expect(record).toContain("Shared with Sandmere Borough Council Children's Services The lead social worker needs the call-out history");
  });
});

describe("searching a case finds only what the person may read", () => {
  const search = (key: string, q: string) => server.get(`/cases/1/search?q=${encodeURIComponent(q)}`, cookies[key]);

  test("the police find their own restricted notes; education and health find nothing, and the bytes hold none of it", async () => {
    const police = mainText(await (await search("police", "call-outs")).text());
    expect(police).toContain("1 result");
    expect(police).toContain("Kestrel Vale Police's restricted notes");
    for (const key of ["education", "health"]) {
      const html = await (await search(key, "call-outs")).text();
      expect(mainText(html)).toContain("No results");
      expect(html).not.toContain(POLICE_SECRET);
    }
  });

  test("finds words in the map, the scaling reasons and the child's voice, with a link to each", async () => {
    const text = mainText(await (await search("education", "Biscuit")).text());
    expect(text).toContain("The child's voice, 10 November 2026");
    const html = await (await search("health", "kitchen door")).text();
    expect(mainText(html)).toContain("Map of 12 November 2026: Harm");
    expect(html).toContain('href="/cases/1/maps/1"');
  });

  test("too short a search is refused with a message; a case the person is not on is 404", async () => {
    const text = mainText(await (await search("education", "a")).text());
    expect(text).toContain("There is a problem");
    expect(text).toContain("Enter at least 2 characters");
    expect((await server.get("/cases/2/search?q=Biscuit", cookies.education)).status).toBe(404);
  });
});

describe("a share never outlives the agency's place on the case", () => {
  test("removing the agency ends the share; bringing it back does not revive it; the police can end a share to an agency gone", async () => {
    expect((await server.post(POLICE_NOTES, { intent: "share", agencyId: "larkfield-primary", reason: "School needs it" }, cookies.police)).status).toBe(302);
    expect((await server.get(POLICE_NOTES, cookies.education)).status).toBe(200);

    expect((await server.post("/cases/1/team", { intent: "remove-agency", agencyId: "larkfield-primary", confirm: "yes" }, cookies.socialWorker)).status).toBe(302);
    expect((await server.get(POLICE_NOTES, cookies.education)).status).toBe(404);
    const [ended] = await server.db.sql`
      select shared, reason from restricted_note_shares where shared_with_agency_id = 'larkfield-primary' order by id desc limit 1`;
    expect(ended).toEqual({ shared: false, reason: "Larkfield Primary School left the case" });

    const emma = (await server.db.sql`select id from users where email like 'emma.clarke@%'`)[0].id;
    const back = await server.post("/cases/1/team", { intent: "add-member", userId: String(emma), roleOnCase: "DSL" }, cookies.socialWorker);
    expect(back.status).toBe(302);
    expect((await server.get("/cases/1", cookies.education)).status).toBe(200);
    expect((await server.get(POLICE_NOTES, cookies.education)).status).toBe(404);
    expect(await (await server.get(`${MAP}/print`, cookies.education)).text()).not.toContain(POLICE_SECRET);
  });

  test("a team manager cannot add themselves: oversight stays read-only", async () => {
    const priya = (await server.db.sql`select id from users where email like 'priya.shah@%'`)[0].id;
    const response = await server.post("/cases/2/team", { intent: "add-member", userId: String(priya), roleOnCase: "Manager" }, cookies.teamManager);
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain("You cannot add yourself");
  });
});
