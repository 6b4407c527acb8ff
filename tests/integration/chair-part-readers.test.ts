// An agency's part for the chair is for the chair and the agencies it names, never for the family: health names the
// police, who then read health's part on the page, in the minutes and on a collaboration socket, while the school,
// also at the meeting, never does; un-naming closes the police's open socket before it is reported done; bad input
// and anyone but health are refused and change nothing; after sign-off no one names, however sent; the family's
// minutes never hold it. Assertions are on the bytes of the pages and on real sockets.
import { afterAll, describe, expect, test } from "vitest";
import { eventually, paragraphOf, providerFor, synced, type TestProvider } from "../support/collab-client";
import { accessShown, upgradeStatus } from "../support/collab-probe";
import { mainText } from "../support/html";
import { cookies, convene, ids, postForms, server, signOff, useMeetingPortal } from "../support/meeting-portal";
import { connectSocket, type PortalSocket } from "../support/socket-client";

useMeetingPortal();

const clients: TestProvider[] = [];
const sockets: PortalSocket[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
  for (const socket of sockets) socket.close();
});

const HEALTH = "sandmere-community-health";
const POLICE = "kestrel-vale-police";
const SCHOOL = "larkfield-primary";
const HEALTH_SECRET = "Kerry disclosed a mental health crisis at the last visit.";
const AUDIENCE_WITH_POLICE = "For the chair and Kestrel Vale Police only. Never for the family.";

const open = (cookie: string, name: string) => {
  const client = providerFor(server.url, name, { cookie });
  clients.push(client);
  return client;
};
const page = async (path: string, key: string) => {
  const response = await server.get(path, cookies[key]);
  expect(response.status).toBe(200);
  return response.text();
};
/** Posts the naming form with these agencies ticked (none: the chair alone). */
const name = (path: string, key: string, readers: string[], agencyId = HEALTH) =>
  server.post(path, {}, cookies[key], {
    body: new URLSearchParams([["intent", "chair-part-readers"], ["agencyId", agencyId], ...readers.map((id) => ["reader", id])]),
  });
const rows = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from meeting_chair_part_readers`)[0].count;
const denied = async () =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where action = 'share:record' and outcome = 'denied'`)[0].count;
const namingForms = (html: string) => postForms(html).filter((form) => form.fields.intent === "chair-part-readers");

describe("health's part for the chair, and the agencies it names", () => {
  let meeting = "";
  let meetingId = 0;
  let document = "";

  test("before naming, only health and the chair read it; only health's invitee is offered the form", async () => {
    meeting = await convene();
    meetingId = Number(meeting.split("/").pop());
    document = `case:1:meeting:${meetingId}:agency:${HEALTH}:chair`;
    const writer = open(cookies.health, document);
    await synced(writer);
    writer.doc.getXmlFragment("default").push([paragraphOf(HEALTH_SECRET)]);
    await eventually(async () => {
      await server.portal.collab.flush();
      const [row] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from collab_updates where document = ${document}`;
      expect(row.count).toBeGreaterThan(0);
    });

    const health = await page(meeting, "health");
    expect(namingForms(health).map((form) => form.fields.agencyId)).toEqual([HEALTH]);
    expect(mainText(health)).toContain("Who else may read this part");
    expect(mainText(health)).toContain("For the chair only. Never for the family.");
    // The police and the school are offered nothing on health's part, and do not see it.
    for (const key of ["police", "education"]) {
      const html = await page(meeting, key);
      expect(namingForms(html).some((form) => form.fields.agencyId === HEALTH)).toBe(false);
      expect(mainText(html)).not.toContain("Sandmere Community Health NHS Trust's information for the chair");
      expect(await upgradeStatus(server.url, document, { cookie: cookies[key] })).toBe(404);
    }
    expect(mainText(await page(`${meeting}/minutes`, "police"))).not.toContain(HEALTH_SECRET);
    expect(mainText(await page(`${meeting}/minutes`, "chair"))).toContain(HEALTH_SECRET);
  });

  test("anyone but health is refused (403, audited); an agency not at the meeting, or health itself, gets its message; nothing changes", async () => {
    const before = await rows();
    const deniedBefore = await denied();
    expect((await name(meeting, "police", [POLICE])).status).toBe(403);
    expect((await name(meeting, "chair", [POLICE])).status).toBe(403);
    expect((await name(meeting, "education", [SCHOOL])).status).toBe(403);
    expect(await denied()).toBe(deniedBefore + 3);
    for (const readers of [["harbour-lane-surgery"], [HEALTH], [POLICE, "no-such-agency"]]) {
      const refused = await name(meeting, "health", readers);
      expect(refused.status).toBe(400);
      const text = mainText(await refused.text());
      expect(text).toContain("There is a problem");
      expect(text).toContain("Select only other agencies at this meeting");
    }
    expect(await rows()).toBe(before);
    expect(await upgradeStatus(server.url, document, { cookie: cookies.police })).toBe(404);
  });

  test("health names the police: the police's open page is told, and the police read it (page, minutes, socket); the school still cannot", async () => {
    const police = await connectSocket(server.url, { cookie: cookies.police });
    sockets.push(police);
    const joined = await new Promise<{ ok: boolean }>((resolve) => police.emit("room:join", `case:1:meeting:${meetingId}`, resolve));
    expect(joined.ok).toBe(true);
    const notice = new Promise<{ what: string }>((resolve) => police.once("record:changed", resolve));
    // As the page sends it: the form with the police ticked.
    const form = namingForms(await page(meeting, "health"))[0];
    expect(form.controls.filter((control) => control === "reader")).toHaveLength(3);
    const response = await name(meeting, "health", [POLICE]);
    expect(response.status).toBe(302);
    expect((await notice).what).toBe("meeting");

    const policePage = mainText(await page(meeting, "police"));
    expect(policePage).toContain("Sandmere Community Health NHS Trust's information for the chair and Kestrel Vale Police");
    expect(policePage).toContain(AUDIENCE_WITH_POLICE);
    expect(mainText(await page(meeting, "health"))).toContain(`Kestrel Vale Police named to read it by Nadia Hussain`);
    expect(mainText(await page(`${meeting}/minutes`, "police"))).toContain(HEALTH_SECRET);
    expect(mainText(await page(`${meeting}/minutes`, "education"))).not.toContain(HEALTH_SECRET);
    expect(mainText(await page(`${meeting}/minutes/family`, "chair"))).not.toContain(HEALTH_SECRET);
    // The police read it on a socket, and may not write in it; the school is refused at the door (as if it were not there).
    expect(await accessShown(server, document, { userKey: "police", cookie: cookies.police }, cookies.health)).toBe("read");
    expect(await upgradeStatus(server.url, document, { cookie: cookies.education })).toBe(404);
    expect(mainText(await page(meeting, "education"))).not.toContain("Sandmere Community Health NHS Trust's information for the chair");
    const [row] = await server.db.sql`
      select reader_agency_id as "readerAgencyId", named, recorded_by as "recordedBy" from meeting_chair_part_readers order by id desc limit 1`;
    expect(row).toEqual({ readerAgencyId: POLICE, named: true, recordedBy: String(ids["nadia.hussain"]) });
  });

  test("un-naming the police closes their open socket before it is reported done; what health writes after never reaches them", async () => {
    const reader = open(cookies.police, document);
    const healthWriter = open(cookies.health, document);
    await Promise.all([synced(reader), synced(healthWriter)]);
    expect(reader.doc.getXmlFragment("default").toString()).toContain(HEALTH_SECRET);
    const response = await name(meeting, "health", []);
    expect(response.status).toBe(302);
    healthWriter.doc.getXmlFragment("default").push([paragraphOf("Written after the police were un-named")]);
    await eventually(() => expect(reader.closeCodes).toContain(4403), 15_000);
    const later = open(cookies.health, document);
    await synced(later);
    await eventually(() => expect(later.doc.getXmlFragment("default").toString()).toContain("Written after the police were un-named"));
    expect(reader.doc.getXmlFragment("default").toString()).not.toContain("Written after the police were un-named");
    expect(await upgradeStatus(server.url, document, { cookie: cookies.police })).toBe(404);
    expect(mainText(await page(`${meeting}/minutes`, "police"))).not.toContain(HEALTH_SECRET);
    expect(mainText(await page(meeting, "health"))).toContain("Kestrel Vale Police no longer reads it by Nadia Hussain");
  });

  test("after sign-off no one names or un-names, however sent; the police named before it still read it; the family never", async () => {
    expect((await name(meeting, "health", [POLICE])).status).toBe(302);
    await signOff(meeting);

    const before = await rows();
    expect((await name(meeting, "health", [])).status).toBe(403);
    expect((await name(`${meeting}.data`, "health", [POLICE, SCHOOL])).status).toBe(403);
    await expect(
      server.db.sql`insert into meeting_chair_part_readers (meeting_id, agency_id, reader_agency_id, named, recorded_at, recorded_by)
        values (${meetingId}, ${HEALTH}, ${SCHOOL}, true, now(), ${ids["nadia.hussain"]})`,
    ).rejects.toThrow(/signed off/);
    await expect(server.db.sql`update meeting_chair_part_readers set named = false`).rejects.toThrow(/record of evidence/);
    expect(await rows()).toBe(before);
    expect(namingForms(await page(meeting, "health"))).toEqual([]);

    expect(mainText(await page(`${meeting}/minutes`, "police"))).toContain(HEALTH_SECRET);
    expect(mainText(await page(`${meeting}/minutes`, "police"))).toContain(AUDIENCE_WITH_POLICE);
    expect(mainText(await page(`${meeting}/minutes`, "education"))).not.toContain(HEALTH_SECRET);
    for (const key of ["chair", "police", "health"]) expect(await page(`${meeting}/minutes/family`, key)).not.toContain(HEALTH_SECRET);
  });
});
