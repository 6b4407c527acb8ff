// The case workspace's mapping, from the outside: scaling (validation, history, live notice), the child's voice,
// maps over time, print and the family's copy, and agency-restricted notes held shut at every door.
// Here: scaling, maps over time, the child's voice, print and the family's copy, and the editor's schema. Who is kept
// out of the maps and the restricted notes, and searching: mapping-access.test.ts.
import * as Y from "yjs";
import { describe, expect, test } from "vitest";
import { eventually, synced } from "../support/collab-client";
import { formatDate } from "../../common/format";
import { mainText } from "../support/html";
import { lilysDemoDays } from "../support/test-database";
import { useMappingPortal, server, cookies, MAP, POLICE_SECRET, scalingRows, open, socketAs, join } from "../support/mapping-portal";

useMappingPortal();

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
    // Today: later than the demo's first map and its meetings' maps, whichever day the seed ran.
    const today = lilysDemoDays().today;
    const [year, month, day] = today.split("-").map(Number);
    const made = await server.post("/cases/1/maps", { heldOnDay: String(day), heldOnMonth: String(month), heldOnYear: String(year), title: "Review" }, cookies.socialWorker);
    expect(made.status).toBe(302);
    const newMap = made.headers.get("location")!;
    expect(newMap).toMatch(/^\/cases\/1\/maps\/\d+$/);
    expect((await server.get("/cases/1/map", cookies.health)).headers.get("location")).toBe(newMap);
    const list = mainText(await (await server.get("/cases/1/maps", cookies.health)).text());
    expect(list).toMatch(new RegExp(`Map of ${formatDate(today)}: Review\\s*Latest`));
    expect(list).toContain(`Map of ${formatDate(lilysDemoDays().firstMap)}: First mapping meeting`);
    expect(mainText(await (await server.get(newMap, cookies.health)).text())).toContain("No agency has scaled yet");
    expect(mainText(await (await server.get(MAP, cookies.health)).text())).toContain("This is not the latest map");
  });

  test("a map of another case, or one that does not exist, is 404", async () => {
    expect((await server.get("/cases/2/maps/1", cookies.socialWorker)).status).toBe(404);
    expect((await server.get("/cases/1/maps/999", cookies.socialWorker)).status).toBe(404);
    expect((await server.get("/cases/1/maps/abc", cookies.socialWorker)).status).toBe(404);
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

    let family = await (await server.get(`${MAP}/print/family`, cookies.socialWorker)).text();
    for (const withheld of [POLICE_SECRET, "Restricted", "Bail conditions", "hurt Biscuit"]) expect(family).not.toContain(withheld);
    expect(family).toContain("Copy for the family");
    // The map's words, the lead social worker's, reach the family's copy only once social care gives them to the family.
    expect(family).not.toContain("Kerry took Lily and Jayden to Pat");
    expect((await server.post(`${MAP}/print/family`, { forFamily: "yes" }, cookies.socialWorker)).status).toBe(302);
    family = await (await server.get(`${MAP}/print/family`, cookies.socialWorker)).text();
    for (const withheld of [POLICE_SECRET, "Restricted", "Bail conditions", "hurt Biscuit"]) expect(family).not.toContain(withheld);
    expect(family).toContain("Kerry took Lily and Jayden to Pat"); // the map itself
    expect(family).toContain("Nanny Pat. My cat Biscuit."); // the child's words meant for the family
    expect(family).toContain("Kerry has attended every health appointment.");
    // Each print of the family's copy is audited (this test printed it twice), and so is the marking.
    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where action = 'print:map-for-family'`;
    expect(audit.count).toBe(2);
    const [marked] = await server.db.sql`select count(*)::int as count from audit_events where action = 'mark:for-family' and outcome = 'success'`;
    expect(marked.count).toBe(1);
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
