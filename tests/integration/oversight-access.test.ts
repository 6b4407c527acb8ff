// A partnership manager opens a case they are not on only by recording why (issue 13 item 3; decision 039): before,
// the drill-down shows no child's name from it and the case shows only its reference, agencies and dates; a reason of
// one character, or none, opens nothing; a reason opens it for OVERSIGHT_ACCESS_HOURS, audited, and the case's lead
// social worker and team manager see who, when, why and until when on its front sheet. When the time runs out, the
// case's open socket.io room closes by the access re-check, as any other loss of access does.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import type { Actor } from "../../server/access/policy";
import { DRILL_DOWN_PAGE_SIZE, measureContext, readDrillDownPage } from "../../server/oversight/dashboard";
import { readDrillDown } from "../../server/oversight/drill-down";
import type { Counted, Measure, MeasureModule } from "../../server/oversight/terms";
import { mainText } from "../support/html";
import { openForOversight } from "../support/oversight-access";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

const LILY = 1;
const JAYDEN = 2;
const REASON = "The board asked for an audit of conference timeliness; checking Lily's plan and core groups";

let server: TestServer;
const cookies: Record<string, string> = {};
const sockets: PortalSocket[] = [];

beforeAll(async () => {
  // Sessions that outlast the hour moved below, so only the oversight access runs out; a quick re-check.
  server = await startTestServer({ OVERSIGHT_ACCESS_HOURS: "1", SESSION_IDLE_MINUTES: "1440", SESSION_ABSOLUTE_HOURS: "168", ACCESS_RECHECK_MS: "200" });
  for (const key of ["partnershipManager", "socialWorker", "teamManager", "police", "screener", "education"]) cookies[key] = await server.signIn(key);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

async function actorOf(key: string): Promise<Actor> {
  const [row] = await server.db.sql<{ id: string; agencyId: string; agencyKind: Actor["agencyKind"]; role: Actor["role"] }[]>`
    select u.id, u.agency_id as "agencyId", a.kind as "agencyKind", u.role from users u join agencies a on a.id = u.agency_id
     where u.email = ${demoUser(key).email}`;
  return { ...row, id: Number(row.id) };
}

const accessRows = (caseId: number) =>
  server.db.sql<{ reason: string }[]>`select reason from case_oversight_access where case_id = ${caseId} order by id`;
const auditRows = (caseId: number, outcome: string) =>
  server.db.sql<{ details: { reason?: string } }[]>`
    select details from audit_events where action = 'open:case-for-oversight' and case_id = ${caseId} and outcome = ${outcome} order by id`;

/** What a figure might count: Lily's case, Jayden's, and a referral at the front door (not yet on a case). */
const counted = (contactId: number): Counted[] => [
  { caseId: LILY, contactId: null, childName: "Lily Marsh", agencyId: "sandmere-childrens-services", dates: [{ label: "Plan started", date: "2026-10-01" }], outcome: "On a plan" },
  { caseId: JAYDEN, contactId: null, childName: "Jayden Marsh", agencyId: "kestrel-vale-police", dates: [{ label: "Due", date: "2026-10-02" }], outcome: "Overdue" },
  { caseId: null, contactId, childName: "Mason Reid", agencyId: "larkfield-primary", dates: [{ label: "Received", date: "2026-10-03" }], outcome: "Decided in time" },
];

async function aSentReferral(): Promise<number> {
  const [row] = await server.db.sql<{ id: string }[]>`select id from contacts where status = 'submitted' order by id limit 1`;
  return Number(row.id);
}

describe("before a reason: reference, agency and dates, never a name", () => {
  test("the drill-down shows the partnership manager no child's name from cases they are not on, and links to give a reason", async () => {
    const contactId = await aSentReferral();
    const rows = await readDrillDown(server.db.sql, await actorOf("partnershipManager"), counted(contactId), server.clock.now());
    expect(rows.map((row) => row.childName)).toEqual([null, null, null]);
    expect(rows.map((row) => row.caseHref)).toEqual([null, null, null]);
    expect(rows.map((row) => row.reasonHref)).toEqual([`/cases/${LILY}/oversight-access`, `/cases/${JAYDEN}/oversight-access`, null]);
    expect(rows[0]).toMatchObject({ reference: "Case SBC-2026-0147", agencyName: "Sandmere Borough Council Children's Services", dates: [{ label: "Plan started", date: "2026-10-01" }] });
    expect(rows[1].agencyName).toBe("Kestrel Vale Police");
    expect(rows[2].reference).toBe(`Referral ${contactId}`);
  });

  test("a list thousands long is read in a handful of queries, not one per row", async () => {
    let queries = 0;
    const sql = server.db.sql;
    const counting = Object.assign((strings: TemplateStringsArray, ...values: unknown[]) => {
      queries += 1;
      return (sql as unknown as (s: TemplateStringsArray, ...v: unknown[]) => unknown)(strings, ...values);
    }, sql) as unknown as typeof sql;
    const many: Counted[] = Array.from({ length: 3000 }, (_, i) => ({ ...counted(0)[i % 2], caseId: i % 3 === 2 ? 100_000 + i : i % 2 ? JAYDEN : LILY }));
    const rows = await readDrillDown(counting, await actorOf("partnershipManager"), many, server.clock.now());
    expect(rows).toHaveLength(3000);
    expect(rows.every((row) => row.childName === null)).toBe(true);
    // A case that does not exist offers no reason to give.
    expect(rows.filter((row) => row.reasonHref === null)).toHaveLength(1000);
    expect(queries).toBeLessThanOrEqual(4);
  });

  test("the drill-down page of children on a plan: Lily's case by its reference and a link to give a reason, not her name", async () => {
    const response = await server.get("/oversight/children-on-plan", cookies.partnershipManager);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(mainText(html)).toContain("SBC-2026-0147");
    expect(mainText(html)).not.toContain("Lily");
    expect(html).toContain(`href="/cases/${LILY}/oversight-access"`);
    expect(html).not.toContain(`href="/cases/${LILY}"`);
  });

  test("others see names only where the policy already lets them: the lead on her cases, the screener at the front door", async () => {
    const contactId = await aSentReferral();
    const lead = await readDrillDown(server.db.sql, await actorOf("socialWorker"), counted(contactId), server.clock.now());
    expect(lead.map((row) => row.childName)).toEqual(["Lily Marsh", "Jayden Marsh", null]);
    expect(lead.map((row) => row.caseHref)).toEqual([`/cases/${LILY}`, `/cases/${JAYDEN}`, null]);
    expect(lead.every((row) => row.reasonHref === null)).toBe(true);
    const school = await readDrillDown(server.db.sql, await actorOf("education"), counted(contactId), server.clock.now());
    expect(school.map((row) => row.childName)).toEqual(["Lily Marsh", null, null]);
    const screener = await readDrillDown(server.db.sql, await actorOf("screener"), counted(contactId), server.clock.now());
    expect(screener[2]).toMatchObject({ childName: "Mason Reid", caseHref: `/front-door/${contactId}`, reasonHref: null });
  });

  test("Your work lists no child to the partnership manager until they have opened a case with a reason", async () => {
    const work = mainText(await (await server.get("/", cookies.partnershipManager)).text());
    expect(work).toContain("Cases you have opened for oversight");
    expect(work).toContain("You have no case open for oversight now.");
    for (const name of ["Lily", "Jayden", "Marsh"]) expect(work).not.toContain(name);
  });

  test("opening the case sends the partnership manager to say why, on a page with its reference, agencies and dates only", async () => {
    const front = await server.get(`/cases/${LILY}`, cookies.partnershipManager);
    expect(front.status).toBe(302);
    expect(front.headers.get("location")).toBe(`/cases/${LILY}/oversight-access`);
    const page = await server.get(`/cases/${LILY}/oversight-access`, cookies.partnershipManager);
    expect(page.status).toBe(200);
    const text = mainText(await page.text());
    expect(text).toContain("Why do you need to open this case?");
    expect(text).toContain("SBC-2026-0147");
    expect(text).toContain("Kestrel Vale Police");
    expect(text).toContain("Larkfield Primary School");
    for (const name of ["Lily", "Marsh", "Sam Okafor"]) expect(text).not.toContain(name);
    // Every other page of the case is still one that does not exist, to them.
    expect((await server.get(`/cases/${LILY}/plan`, cookies.partnershipManager)).status).toBe(404);
    expect((await server.get(`/cases/${LILY}/map`, cookies.partnershipManager)).status).toBe(404);
  });

  test.each([
    ["no reason", "", "Enter why you need to open this case"],
    ["spaces only", "     ", "Enter why you need to open this case"],
    ["a reason of one character", "x", "The reason must be at least 10 characters"],
    ["a reason too long", "y".repeat(2001), "The reason must be 2000 characters or fewer"],
    ["ten invisible characters", "\u200b".repeat(10), "The reason must be at least 10 characters"],
  ])("%s: an error summary, nothing is opened, and the refusal is audited", async (_what, reason, message) => {
    const refusedBefore = (await auditRows(LILY, "failure")).length;
    const response = await server.post(`/cases/${LILY}/oversight-access`, { reason }, cookies.partnershipManager);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("govuk-error-summary");
    expect(mainText(html)).toContain("There is a problem");
    expect(mainText(html)).toContain(message);
    expect(await accessRows(LILY)).toEqual([]);
    expect(await auditRows(LILY, "success")).toEqual([]);
    expect((await auditRows(LILY, "failure")).length).toBe(refusedBefore + 1);
    expect((await server.get(`/cases/${LILY}`, cookies.partnershipManager)).status).toBe(302);
  });

  test("nobody but a partnership manager opens a case this way: 404, audited", async () => {
    const before = (await auditRows(JAYDEN, "denied")).length;
    expect((await server.post(`/cases/${JAYDEN}/oversight-access`, { reason: REASON }, cookies.education)).status).toBe(404);
    expect((await server.get(`/cases/${JAYDEN}/oversight-access`, cookies.education)).status).toBe(404);
    expect((await auditRows(JAYDEN, "denied")).length).toBe(before + 2);
    expect(await accessRows(JAYDEN)).toEqual([]);
  });
});

describe("with a reason", () => {
  test("the case opens, read-only, the reason is audited, and the lead social worker and team manager see who, when, why and until when", async () => {
    const response = await server.post(`/cases/${LILY}/oversight-access`, { reason: `  ${REASON}  ` }, cookies.partnershipManager);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/cases/${LILY}`);
    expect(await accessRows(LILY)).toEqual([{ reason: REASON }]);
    const audited = await auditRows(LILY, "success");
    expect(audited).toHaveLength(1);
    expect(audited[0].details.reason).toBe(REASON);

    const front = await server.get(`/cases/${LILY}`, cookies.partnershipManager);
    expect(front.status).toBe(200);
    expect(mainText(await front.text())).toContain("Lily Marsh");
    const work = mainText(await (await server.get("/", cookies.partnershipManager)).text());
    expect(work).toContain("Lily Marsh");
    expect(work).not.toContain("Jayden");
    // Read-only: oversight writes nothing.
    expect((await server.post(`/cases/${LILY}/people/new`, { fullName: "x" }, cookies.partnershipManager)).status).toBe(403);
    // Only this case: Jayden's is still asked for.
    expect((await server.get(`/cases/${JAYDEN}`, cookies.partnershipManager)).status).toBe(302);
    const drill = await readDrillDown(server.db.sql, await actorOf("partnershipManager"), counted(await aSentReferral()), server.clock.now());
    expect(drill[0]).toMatchObject({ childName: "Lily Marsh", caseHref: `/cases/${LILY}`, reasonHref: null });
    expect(drill[1]).toMatchObject({ childName: null, reasonHref: `/cases/${JAYDEN}/oversight-access` });

    for (const key of ["socialWorker", "teamManager"]) {
      const sheet = mainText(await (await server.get(`/cases/${LILY}`, cookies[key])).text());
      const section = sheet.split("Opened for oversight")[1] ?? "";
      expect(section).toContain("Marion Fields");
      expect(section).toContain("Sandmere Safeguarding Children Partnership");
      expect(section).toContain(REASON);
      expect(section).toContain("Open now");
    }
    // The police officer on the case does not see it.
    expect(mainText(await (await server.get(`/cases/${LILY}`, cookies.police)).text())).not.toContain("Opened for oversight");
  });

  test("when the time runs out, the case's open room closes through the re-check, and the case asks again", async () => {
    await openForOversight(server, cookies.partnershipManager, JAYDEN);
    const socket = await connectSocket(server.url, { cookie: cookies.partnershipManager });
    sockets.push(socket);
    expect((await socket.emitWithAck("room:join", `case:${JAYDEN}`)).ok).toBe(true);
    const removed = new Promise<{ room: string; reason: string }>((resolve) => socket.once("room:removed", resolve));
    // Not yet: half the hour.
    server.clock.advanceMinutes(30);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await server.get(`/cases/${JAYDEN}`, cookies.partnershipManager)).status).toBe(200);
    // The hour is over.
    server.clock.advanceMinutes(31);
    const closed = await Promise.race([removed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
    expect(closed?.room).toBe(`case:${JAYDEN}`);
    expect(closed?.reason).toBe("Your time to read this case for oversight has ended. To read it again, give your reason again.");
    expect(socket.connected).toBe(true); // the session goes on; only this case's room closed
    expect((await socket.emitWithAck("room:join", `case:${JAYDEN}`)).ok).toBe(false);
    const front = await server.get(`/cases/${JAYDEN}`, cookies.partnershipManager);
    expect(front.status).toBe(302);
    expect(front.headers.get("location")).toBe(`/cases/${JAYDEN}/oversight-access`);
    // The lead sees that it has ended.
    const sheet = mainText(await (await server.get(`/cases/${JAYDEN}`, cookies.socialWorker)).text());
    expect(sheet.split("Opened for oversight")[1]).toContain("Ended");
  });
});

describe("a long list, a page at a time", () => {
  test("what a figure counts is judged and shown a hundred at a time, with where the page is in words; past the last page is none", async () => {
    // A figure that counts 250 things: Lily's and Jayden's cases, over and over.
    const many: Counted[] = Array.from({ length: 250 }, (_, i) => ({ ...counted(0)[i % 2], outcome: `Item ${i + 1}` }));
    const measure = { id: "many", group: "plans", title: "Many", definition: "Counts many", headline: { value: 250, format: "count" },
      trend: { label: "Many", format: "count", points: [] }, table: { caption: "Many", columns: [], rows: [] } } as Measure;
    const module: MeasureModule = { id: "many", read: async () => measure, counted: async () => many };
    const context = measureContext(server.portal.services);
    const manager = await actorOf("partnershipManager");
    const first = await readDrillDownPage(context, manager, module, { from: "2026-01-01", to: "2026-06-30", agencyId: null }, null);
    expect(DRILL_DOWN_PAGE_SIZE).toBe(100);
    expect(first).toMatchObject({ total: 250, pageNumber: 1, pages: 3, showing: "Showing 1 to 100 of 250." });
    expect(first!.counted.rows).toHaveLength(100);
    const last = await readDrillDownPage(context, manager, module, { from: "2026-01-01", to: "2026-06-30", agencyId: null }, null, 3);
    expect(last).toMatchObject({ pageNumber: 3, showing: "Showing 201 to 250 of 250." });
    expect(last!.counted.rows.map((row) => row.cells.at(-1))).toEqual(Array.from({ length: 50 }, (_, i) => `Item ${i + 201}`));
    expect(await readDrillDownPage(context, manager, module, { from: "2026-01-01", to: "2026-06-30", agencyId: null }, null, 4)).toBeNull();
  });

  test("a page that is not a whole number from 1, or past the last, is 404 on the page and its download, audited", async () => {
    for (const page of ["0", "-1", "two", "99999"]) {
      expect((await server.get(`/oversight/children-on-plan?page=${page}`, cookies.partnershipManager)).status, page).toBe(404);
      expect((await server.get(`/oversight/children-on-plan/csv?table=counted&page=${page}`, cookies.partnershipManager)).status, page).toBe(404);
    }
    const page = await server.get("/oversight/children-on-plan?page=1", cookies.partnershipManager);
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toMatch(/Showing 1( to \d+)? of \d+\.|It counts nothing in this range\./);
  });
});
