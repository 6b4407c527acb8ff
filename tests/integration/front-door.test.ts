// Screening at the front door (issue 12 item 2), from outside: the screening team of every agency sees the queue of
// sent referrals, soonest due first, and rates each red, amber or green with a reason; a rating without a reason
// changes nothing; re-ratings keep the ones before; the referrer and everyone else are refused, audited; a socket in
// the front door's room is told, without content, when a referral is sent or rated.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { makeReferral } from "../support/referral-portal";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const sockets: PortalSocket[] = [];
const screeners = ["screener", "policeScreener", "healthScreener", "educationScreener", "teamManager"];

beforeAll(async () => {
  server = await startTestServer();
  for (const key of [...screeners, "education", "police", "socialWorker", "policeAdmin"]) cookies[key] = await server.signIn(key);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

const ratingsOf = async (id: number) =>
  server.db.sql<{ rating: string; reason: string; by_user_id: string }[]>`select rating, reason, by_user_id from contact_ratings where contact_id = ${id} order by id`;
const deniedAudits = async (target: string) =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where target = ${target} and outcome = 'denied'`)[0].count;
const rate = (id: number, as: string, form: Record<string, string>) => server.post(`/front-door/${id}`, form, cookies[as]);
const join = (socket: PortalSocket, room: string) => new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", room, (result) => resolve(result)));

describe("the demo's front door", () => {
  test("a screener signed in on first start sees a referral in each rating and one not yet rated, the overdue red one first", async () => {
    const html = await (await server.get("/front-door", cookies.policeScreener)).text();
    const text = mainText(html);
    for (const child of ["Mason Reid", "Ava Thompson", "Noah Bennett", "Ruby Hale"]) expect(text).toContain(child);
    const order = ["Mason Reid", "Ava Thompson", "Ruby Hale", "Noah Bennett"].map((child) => text.indexOf(child));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const mason = text.slice(text.indexOf("Mason Reid"), text.indexOf("Ava Thompson"));
    expect(mason).toContain("Red");
    expect(mason).toContain("Overdue by 2 working hours");
    expect(text.slice(text.indexOf("Ruby Hale"), text.indexOf("Noah Bennett"))).toContain("Not rated");
    expect(text).toContain("1 overdue");
  });
});

describe("the demo's screening work", () => {
  const contactAbout = async (child: string) =>
    Number(
      (
        await server.db.sql<{ id: string }[]>`
          select c.id from contacts c join contact_children k on k.contact_id = c.id
           where k.full_name = ${child} and c.status = 'submitted' order by c.submitted_at desc limit 1`
      )[0].id,
    );

  test("Mason's referral: consent dispensed with by the team manager, the police's check written and restricted, a map started", async () => {
    const mason = await contactAbout("Mason Reid");
    const page = mainText(await (await server.get(`/front-door/${mason}`, cookies.screener)).text());
    expect(page).toContain("Dispensed with");
    expect(mainText(await (await server.get(`/front-door/${mason}/consent`, cookies.screener)).text())).toContain("Priya Shah");
    expect(page).toContain("Kestrel Vale Police and the managers who decide");
    expect(page).toContain("Open the map");
    expect((await server.get(`/front-door/${mason}/checks/kestrel-vale-police`, cookies.healthScreener)).status).toBe(404);
    const check = mainText(await (await server.get(`/front-door/${mason}/checks/kestrel-vale-police`, cookies.teamManager)).text());
    expect(check).toContain("Completed");
    expect(check).toContain("Restricted");
  });

  test("Noah's referral is a re-referral: the school referred him five months ago, decided as early help", async () => {
    const queue = mainText(await (await server.get("/front-door", cookies.educationScreener)).text());
    const noah = queue.slice(queue.indexOf("Noah Bennett"));
    expect(noah).toContain("Re-referral");
    const yours = mainText(await (await server.get("/", cookies.education)).text());
    expect(yours).toContain("Noah Bennett");
    expect(yours).toMatch(/early help/i);
  });
});

describe("the screening team", () => {
  test.each(screeners)("%s sees the queue and a sent referral's page, with the child, the rating and the clock", async (key) => {
    const id = await makeReferral(server, cookies.education, { send: true });
    const queue = mainText(await (await server.get("/front-door", cookies[key])).text());
    expect(queue).toContain("Referrals waiting for screening");
    expect(queue).toContain("Lily Marsh");
    expect(queue).toContain("Not rated");
    expect(queue).toMatch(/Decide by \d\d:\d\d on/);
    const page = await server.get(`/front-door/${id}`, cookies[key]);
    expect(page.status).toBe(200);
    const text = mainText(await page.text());
    expect(text).toContain("Screen the referral about Lily Marsh");
    expect(text).toContain("Lily came to school hungry with a bruise on her arm.");
    expect(text).toContain("Not rated yet.");
    const [viewed] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where target = ${`contact:${id}`} and action = 'screen:contact' and outcome = 'success'`;
    expect(viewed.count).toBeGreaterThanOrEqual(1);
  });
});

describe("rating", () => {
  test("a rating without a reason is refused with an error summary and changes nothing", async () => {
    const id = await makeReferral(server, cookies.education, { send: true });
    const refused = await rate(id, "policeScreener", { rating: "red", reason: "   " });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain("Enter why you gave this rating");
    const noRating = await rate(id, "policeScreener", { reason: "Serious." });
    expect(noRating.status).toBe(400);
    expect(await noRating.text()).toContain("Choose red, amber or green");
    expect(await rate(id, "policeScreener", { rating: "purple", reason: "x" }).then((response) => response.status)).toBe(400);
    expect(await ratingsOf(id)).toEqual([]);
  });

  test("re-rating keeps every rating before it, with who, when and why", async () => {
    const id = await makeReferral(server, cookies.education, { send: true });
    const first = await rate(id, "healthScreener", { rating: "green", reason: "Lily is seen weekly by the health visitor." });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`/front-door/${id}?rated=1`);
    expect((await rate(id, "policeScreener", { rating: "red", reason: "Police hold a recent domestic abuse call-out." })).status).toBe(302);
    expect((await ratingsOf(id)).map((row) => row.rating)).toEqual(["green", "red"]);
    const text = mainText(await (await server.get(`/front-door/${id}`, cookies.screener)).text());
    expect(text).toContain("Change the rating");
    expect(text).toContain("Police hold a recent domestic abuse call-out.");
    expect(text).toContain("Sergeant Dev Patel, Kestrel Vale Police");
    expect(text).toContain("Lily is seen weekly by the health visitor.");
    expect(text).toContain("Grace Oduya, Sandmere Community Health NHS Trust");
    // The latest first.
    expect(text.indexOf("Police hold a recent")).toBeLessThan(text.indexOf("Lily is seen weekly"));
  });

  test("a rating, once made, cannot be changed or removed, even by the database's own user", async () => {
    const id = await makeReferral(server, cookies.education, { send: true });
    await rate(id, "screener", { rating: "amber", reason: "Needs checks today." });
    await expect(server.db.sql`update contact_ratings set reason = 'rewritten' where contact_id = ${id}`).rejects.toThrow(/record of evidence/);
    await expect(server.db.sql`delete from contact_ratings where contact_id = ${id}`).rejects.toThrow(/record of evidence/);
  });

  test("the queue is ordered by time left: red before unrated (a working day) before green", async () => {
    const green = await makeReferral(server, cookies.education, { send: true });
    const unrated = await makeReferral(server, cookies.education, { send: true });
    const red = await makeReferral(server, cookies.education, { send: true });
    await rate(green, "educationScreener", { rating: "green", reason: "Universal services are involved." });
    await rate(red, "educationScreener", { rating: "red", reason: "A disclosure of being hit." });
    const html = await (await server.get("/front-door", cookies.teamManager)).text();
    const at = (id: number) => html.indexOf(`data-testid="contact-${id}"`);
    expect(at(red)).toBeGreaterThan(-1);
    expect(at(red)).toBeLessThan(at(unrated));
    expect(at(unrated)).toBeLessThan(at(green));
  });

  test("a contact past its clock is flagged overdue", async () => {
    const id = await makeReferral(server, cookies.education, { send: true });
    await rate(id, "screener", { rating: "red", reason: "Immediate risk." });
    // Received now: a week on, a red contact's 4 working hours have long passed.
    server.clock.advance(7 * 24 * 60 * 60_000);
    try {
      // A session of its own, signed in a week on (the others would have lapsed by then).
      const later = await server.signIn("policeScreener");
      const html = await (await server.get("/front-door", later)).text();
      expect(html).toContain(`data-testid="contact-${id}"`);
      const row = html.slice(html.indexOf(`data-testid="contact-${id}"`));
      expect(row.slice(0, row.indexOf("</tr>"))).toContain("Overdue by");
      expect(mainText(await (await server.get(`/front-door/${id}`, later)).text())).toContain("Was due by");
    } finally {
      server.clock.advance(-7 * 24 * 60 * 60_000);
    }
  });
});

describe("everyone else", () => {
  test.each([
    ["the referrer", "education"],
    ["a police practitioner", "police"],
    ["a social worker", "socialWorker"],
    ["an administrator", "policeAdmin"],
  ])("%s is refused the queue, the contact and rating it (404, audited); nothing is recorded", async (_who, key) => {
    const id = await makeReferral(server, cookies.education, { send: true });
    const before = await deniedAudits("front-door");
    expect((await server.get("/front-door", cookies[key])).status).toBe(404);
    expect(await deniedAudits("front-door")).toBe(before + 1);
    expect((await server.get(`/front-door/${id}`, cookies[key])).status).toBe(404);
    expect((await rate(id, key, { rating: "red", reason: "x" })).status).toBe(404);
    expect(await deniedAudits(`contact:${id}`)).toBe(2);
    expect(await ratingsOf(id)).toEqual([]);
  });

  test("the referrer still reads their own referral, and nobody's draft is on the front door", async () => {
    const sent = await makeReferral(server, cookies.education, { send: true });
    expect((await server.get(`/referrals/${sent}`, cookies.education)).status).toBe(200);
    const draft = await makeReferral(server, cookies.education);
    expect((await server.get(`/front-door/${draft}`, cookies.screener)).status).toBe(404);
    expect(await (await server.get("/front-door", cookies.screener)).text()).not.toContain(`data-testid="contact-${draft}"`);
  });
});

describe("live", () => {
  test("a socket in the front door's room is told, without content, when a referral is sent and when it is rated", async () => {
    const socket = await connectSocket(server.url, { cookie: cookies.healthScreener });
    sockets.push(socket);
    expect((await join(socket, "front-door")).ok).toBe(true);
    const sentNotice = new Promise<{ room: string; what: string }>((resolve) => socket.once("record:changed", resolve));
    const id = await makeReferral(server, cookies.education, { send: true });
    expect(await sentNotice).toEqual({ room: "front-door", what: "front-door" });
    const ratedNotice = new Promise<{ room: string; what: string }>((resolve) => socket.once("record:changed", resolve));
    await rate(id, "screener", { rating: "amber", reason: "Checks needed today." });
    expect(await ratedNotice).toEqual({ room: "front-door", what: "front-door" });
  });

  test("the referrer's socket is refused the room", async () => {
    const socket = await connectSocket(server.url, { cookie: cookies.education });
    sockets.push(socket);
    expect((await join(socket, "front-door")).ok).toBe(false);
  });
});
