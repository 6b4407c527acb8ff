// The family's version is what each author chose to share: an agency's section and the concern reach the family's
// minutes, and an agency's words on a map the family's print, only once their author has marked them for the family;
// another agency's marking is refused (403, audited); the chair sees what the family will receive beside the full
// record; after sign-off the markings are locked like everything else. Assertions are on the bytes of the pages.
import { afterAll, describe, expect, test } from "vitest";
import { eventually, paragraphOf, providerFor, synced, type TestProvider } from "../support/collab-client";
import { mainText } from "../support/html";
import { cookies, convene, ids, server, signOff, useMeetingPortal } from "../support/meeting-portal";

useMeetingPortal();

const clients: TestProvider[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
});

const POLICE = "kestrel-vale-police";
const HEALTH = "sandmere-community-health";
const POLICE_WORDS = "Two call-outs to the address this year, both for shouting.";
const HEALTH_WORDS = "Jayden has missed two health visitor appointments.";
const POLICE_CHAIR_ONLY = "Dean Colt is subject to an active investigation.";
const CONCERN = "Lily came to school hungry with a bruise on her arm.";

/** Writes a paragraph into a live document as this person, and waits until it is stored. */
async function write(cookie: string, document: string, words: string) {
  const client = providerFor(server.url, document, { cookie });
  clients.push(client);
  await synced(client);
  client.doc.getXmlFragment("default").push([paragraphOf(words)]);
  await eventually(async () => {
    await server.portal.collab.flush();
    const [row] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from collab_updates where document = ${document}`;
    expect(row.count).toBeGreaterThan(0);
  });
  return client;
}

const bytes = async (path: string, key: string) => {
  const response = await server.get(path, cookies[key]);
  expect(response.status).toBe(200);
  return response.text();
};
const markings = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from meeting_family_markings`)[0].count;
const denied = async (action: string) =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where action = ${action} and outcome = 'denied'`)[0].count;
const mark = (part: "concern" | "section", forFamily: "yes" | "no", agencyId = "") => ({ intent: "family-marking", part, agencyId, forFamily });

describe("a meeting's family minutes hold only what each author gave to the family", () => {
  let meeting = "";
  let meetingId = 0;

  test("until police marks its section for the family, none of its words are in the family's minutes; after, they are", async () => {
    meeting = await convene();
    meetingId = Number(meeting.split("/").pop());
    const section = `case:1:meeting:${meetingId}:agency:${POLICE}`;
    await write(cookies.police, section, POLICE_WORDS);
    await write(cookies.police, `${section}:chair`, POLICE_CHAIR_ONLY);
    await write(cookies.health, `case:1:meeting:${meetingId}:agency:${HEALTH}`, HEALTH_WORDS);

    // The professionals' minutes hold it all; the family's nothing that no one has given them, not even the concern.
    const full = await bytes(`${meeting}/minutes`, "chair");
    for (const words of [POLICE_WORDS, HEALTH_WORDS, POLICE_CHAIR_ONLY, CONCERN]) expect(full).toContain(words);
    let family = await bytes(`${meeting}/minutes/family`, "chair");
    for (const words of [POLICE_WORDS, HEALTH_WORDS, POLICE_CHAIR_ONLY, CONCERN]) expect(family).not.toContain(words);
    expect(family).toContain("Minutes for the family");

    // Police give their section to the family, from the button their page offers them.
    expect(mainText(await bytes(meeting, "police"))).toContain("Give Kestrel Vale Police's section to the family");
    expect((await server.post(meeting, mark("section", "yes", POLICE), cookies.police)).status).toBe(302);
    family = await bytes(`${meeting}/minutes/family`, "health");
    expect(family).toContain(POLICE_WORDS);
    for (const words of [HEALTH_WORDS, POLICE_CHAIR_ONLY, CONCERN]) expect(family).not.toContain(words);

    // The chair gives the concern; the page says who marked what, and when.
    expect((await server.post(meeting, mark("concern", "yes"), cookies.chair)).status).toBe(302);
    family = await bytes(`${meeting}/minutes/family`, "chair");
    expect(family).toContain(CONCERN);
    const page = mainText(await bytes(meeting, "health"));
    expect(page).toMatch(/In the family's minutes Marked for the family by Alex Morgan, \d+ \w+ \d{4} at/);
    expect(page).toMatch(/Not in the family's minutes Nothing goes to the family until its author marks it for them/);

    // Held back again, it is gone again; the part for the chair never reaches it.
    expect((await server.post(meeting, mark("section", "no", POLICE), cookies.police)).status).toBe(302);
    family = await bytes(`${meeting}/minutes/family`, "chair");
    expect(family).not.toContain(POLICE_WORDS);
    expect((await server.post(meeting, mark("section", "yes", POLICE), cookies.police)).status).toBe(302);
    expect(await bytes(`${meeting}/minutes/family`, "chair")).not.toContain(POLICE_CHAIR_ONLY);
  });

  test("another agency's section, or the concern by anyone but the chair, is refused (403, audited) and changes nothing", async () => {
    const before = await markings();
    const deniedBefore = await denied("mark:for-family");
    // Health may read police's section, but not say whether it goes to the family; not even to hold it back.
    expect((await server.post(meeting, mark("section", "no", POLICE), cookies.health)).status).toBe(403);
    expect((await server.post(meeting, mark("section", "yes", HEALTH), cookies.police)).status).toBe(403);
    // Someone who oversees the case; a social worker for the police's section.
    expect((await server.post(meeting, mark("section", "no", POLICE), cookies.teamManager)).status).toBe(403);
    expect((await server.post(meeting, mark("section", "no", POLICE), cookies.socialWorker)).status).toBe(403);
    expect(await denied("mark:for-family")).toBe(deniedBefore + 4);
    const [audited] = await server.db.sql`select target, user_id as "userId" from audit_events where action = 'mark:for-family' and outcome = 'denied' order by id desc limit 1`;
    expect(audited).toMatchObject({ target: `meeting:${meetingId}`, userId: String(ids["sam.okafor"]) });
    // The concern is the chair's.
    const chairDenied = await denied("chair:meeting");
    expect((await server.post(meeting, mark("concern", "no"), cookies.police)).status).toBe(403);
    expect(await denied("chair:meeting")).toBe(chairDenied + 1);
    expect(await markings()).toBe(before);
    expect(await bytes(`${meeting}/minutes/family`, "chair")).toContain(POLICE_WORDS);
    // No button is offered for what would be refused.
    expect(await bytes(meeting, "health")).not.toMatch(/Hold back Kestrel Vale Police/);
  });

  test("the chair sees what the family will receive beside the full record; others are refused as the policy says", async () => {
    const html = await bytes(`${meeting}/family-version`, "chair");
    const text = mainText(html);
    expect(text).toContain("What the family will receive");
    expect(text).toContain("Not in the family's version: Sandmere Community Health NHS Trust has not given it to the family.");
    // The family's column of police's section holds its words, and never the part for the chair.
    const familyColumn = html.match(/data-testid="family-kestrel-vale-police"[^>]*>([\s\S]*?)<\/div><\/div>/)?.[1] ?? "";
    expect(familyColumn).toContain(POLICE_WORDS);
    expect(familyColumn).not.toContain(POLICE_CHAIR_ONLY);
    const fullColumn = html.match(/data-testid="full-kestrel-vale-police"[^>]*>([\s\S]*?)<\/div><div/)?.[1] ?? "";
    expect(fullColumn).toContain(POLICE_CHAIR_ONLY);
    expect(await bytes(meeting, "chair")).toContain(`href="${meeting}/family-version"`);

    const chairDenied = await denied("chair:meeting");
    for (const key of ["police", "health", "socialWorker", "teamManager", "partnershipManager"])
      expect({ key, status: (await server.get(`${meeting}/family-version`, cookies[key])).status }).toEqual({ key, status: 403 });
    expect(await denied("chair:meeting")).toBe(chairDenied + 5);
    expect(await bytes(meeting, "police")).not.toContain("family-version");
    const gp = await server.signIn("gp");
    expect((await server.get(`${meeting}/family-version`, gp)).status).toBe(404);
  });

  test("after sign-off the markings are locked, however sent; the family's minutes stay as they were", async () => {
    await signOff(meeting);

    const before = await markings();
    expect((await server.post(meeting, mark("section", "no", POLICE), cookies.police)).status).toBe(403);
    expect((await server.post(meeting, mark("concern", "no"), cookies.chair)).status).toBe(403);
    await expect(
      server.db.sql`insert into meeting_family_markings (meeting_id, part, agency_id, for_family, recorded_at, recorded_by)
        values (${meetingId}, 'section', ${POLICE}, false, now(), ${ids["alex.morgan"]})`,
    ).rejects.toThrow(/signed off/);
    await expect(server.db.sql`update meeting_family_markings set for_family = false`).rejects.toThrow(/record of evidence/);
    expect(await markings()).toBe(before);
    // The meeting's map is signed off with it: no agency's words on it change hands either.
    const [{ mapId }] = await server.db.sql<{ mapId: string }[]>`select map_id as "mapId" from meetings where id = ${meetingId}`;
    expect((await server.post(`/cases/1/maps/${mapId}/print/family`, { forFamily: "yes" }, cookies.police)).status).toBe(403);
    await expect(
      server.db.sql`insert into map_family_markings (map_id, agency_id, for_family, recorded_at, recorded_by)
        values (${mapId}, ${POLICE}, true, now(), ${ids["alex.morgan"]})`,
    ).rejects.toThrow(/signed-off meeting/);
    const family = await bytes(`${meeting}/minutes/family`, "chair");
    expect(family).toContain(POLICE_WORDS);
    expect(family).toContain(CONCERN);
    // The page offers no marking now, and the chair's side-by-side view still reads.
    expect(await bytes(meeting, "police")).not.toContain('name="intent" value="family-marking"');
    expect((await server.get(`${meeting}/family-version`, cookies.chair)).status).toBe(200);
  });
});

describe("a map's family print holds only the words of agencies that gave theirs to the family", () => {
  const MAP = "/cases/1/maps/1";
  const POLICE_MAP_WORDS = "Police saw Kerry move the children to Pat's within the hour.";
  const HEALTH_MAP_WORDS = "The health visitor saw Jayden thriving on 20 November.";
  /** Written by the lead social worker in the demo seed. */
  const SEEDED = "Kerry took Lily and Jayden to Pat";
  /** Police's restricted notes on Lily's case, from the demo seed. */
  const POLICE_SECRET = "two previous call-outs to a former partner";

  test("police's words are absent until police marks them for the family, present after; restricted notes never", async () => {
    for (const [key, words] of [["police", POLICE_MAP_WORDS], ["health", HEALTH_MAP_WORDS]] as const) {
      const client = providerFor(server.url, "case:1:map:1", { cookie: cookies[key] });
      clients.push(client);
      await synced(client);
      client.doc.getXmlFragment("existingSafety").push([paragraphOf(words)]);
    }
    await eventually(async () => {
      await server.portal.collab.flush();
      expect(await bytes(`${MAP}/print`, "police")).toContain(HEALTH_MAP_WORDS);
    });
    const full = await bytes(`${MAP}/print`, "socialWorker");
    for (const words of [POLICE_MAP_WORDS, HEALTH_MAP_WORDS, SEEDED, POLICE_SECRET]) expect(full).toContain(words);

    let family = await bytes(`${MAP}/print/family`, "socialWorker");
    for (const words of [POLICE_MAP_WORDS, HEALTH_MAP_WORDS, SEEDED, POLICE_SECRET]) expect(family).not.toContain(words);
    expect(mainText(family)).toContain("No agency has marked its words on this map for the family yet");

    // Police give their words to the family from the family's copy.
    expect(mainText(await bytes(`${MAP}/print/family`, "police"))).toContain("Kestrel Vale Police's words on this map are not in the family's copy.");
    expect((await server.post(`${MAP}/print/family`, { forFamily: "yes" }, cookies.police)).status).toBe(302);
    family = await bytes(`${MAP}/print/family`, "health");
    expect(family).toContain(POLICE_MAP_WORDS);
    for (const words of [HEALTH_MAP_WORDS, SEEDED, POLICE_SECRET]) expect(family).not.toContain(words);
    expect(mainText(family)).toMatch(/Words on the map marked for the family by: Kestrel Vale Police \(Alex Morgan, /);

    // Social care gives theirs: the seeded map's words join them. Health's words are still held back.
    expect((await server.post(`${MAP}/print/family`, { forFamily: "yes" }, cookies.socialWorker)).status).toBe(302);
    family = await bytes(`${MAP}/print/family`, "chair");
    expect(family).toContain(SEEDED);
    expect(family).not.toContain(HEALTH_MAP_WORDS);
    expect(family).not.toContain(POLICE_SECRET);
    const [audited] = await server.db.sql`select count(*)::int as count from audit_events where action = 'mark:for-family' and outcome = 'success' and target = 'document:case:1:map:1'`;
    expect(audited.count).toBe(2);
  });

  test("a paragraph holding another agency's unmarked words is left out whole", async () => {
    const client = providerFor(server.url, "case:1:map:1", { cookie: cookies.health });
    clients.push(client);
    await synced(client);
    // Health adds to police's paragraph: the paragraph now holds words police did not write.
    const fragment = client.doc.getXmlFragment("existingSafety");
    const policeParagraph = fragment.toArray().find((node) => node.toString().includes(POLICE_MAP_WORDS));
    expect(policeParagraph).toBeDefined();
    const text = (policeParagraph as unknown as { get(i: number): { insert(at: number, s: string): void; length: number } }).get(0);
    text.insert(text.length, " Health agrees.");
    await eventually(async () => {
      await server.portal.collab.flush();
      expect(await bytes(`${MAP}/print`, "police")).toContain("Health agrees.");
    });
    const family = await bytes(`${MAP}/print/family`, "chair");
    expect(family).not.toContain("Health agrees.");
    expect(family).not.toContain(POLICE_MAP_WORDS);
    expect(family).toContain(SEEDED);
  });

  test("only an agency that may write the map marks its words: others are refused, audited, and nothing changes", async () => {
    const [before] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from map_family_markings`;
    const deniedBefore = await denied("mark:for-family");
    expect((await server.post(`${MAP}/print/family`, { forFamily: "yes" }, cookies.partnershipManager)).status).toBe(403);
    expect(await denied("mark:for-family")).toBe(deniedBefore + 1);
    const gp = await server.signIn("gp");
    expect((await server.post(`${MAP}/print/family`, { forFamily: "yes" }, gp)).status).toBe(404);
    const bad = await server.post(`${MAP}/print/family`, { forFamily: "maybe" }, cookies.health);
    expect(bad.status).toBe(400);
    expect(mainText(await bad.text())).toContain("Say whether the family receives these words");
    const [after] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from map_family_markings`;
    expect(after.count).toBe(before.count);
    expect(mainText(await bytes(`${MAP}/print/family`, "partnershipManager"))).not.toContain("Give ");
  });
});
