// Who is kept out of a case's maps and restricted notes, at every door: a professional not on the case finds none;
// agency-restricted notes are read only by that agency, those it shares them with and the chair; search finds only
// what the person may read; a share ends with the agency's place on the case. The portal: tests/support/mapping-portal.ts.
import { describe, expect, test } from "vitest";
import { eventually, paragraphOf, synced } from "../support/collab-client";
import { accessShown, upgradeStatus } from "../support/collab-probe";
import { formatDate } from "../../common/format";
import { mainText } from "../support/html";
import { lilysDemoDays } from "../support/test-database";
import { useMappingPortal, server, cookies, MAP, POLICE_NOTES, POLICE_SECRET, open, socketAs, join } from "../support/mapping-portal";

useMappingPortal();

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
    expect(text).toContain(`The child's voice, ${formatDate(lilysDemoDays().childSeen)}`);
    const html = await (await search("health", "kitchen door")).text();
    expect(mainText(html)).toContain(`Map of ${formatDate(lilysDemoDays().firstMap)}: Harm`);
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
