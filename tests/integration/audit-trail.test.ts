// Who viewed and changed a child's record (issue 13 item 6; decision 042), asked of the real server: a manager of an
// agency on the case reads the case's trail, filters it and downloads what is on screen; the partnership manager
// reads the partnership's by case reference; everyone else gets 404, and their refusal is in the trail itself.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { parseCsv } from "../support/csv";
import { mainText, tableOf } from "../support/html";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let manager: string; // Priya Shah, social care team manager: social care is on Lily's case (1)
let partnershipManager: string;
const LILY = "SBC-2026-0147";

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.signIn("teamManager");
  partnershipManager = await server.signIn("partnershipManager");
  // Two people of two agencies open Lily's case.
  expect((await server.get("/cases/1", await server.signIn("health"))).status).toBe(200);
  expect((await server.get("/cases/1", await server.signIn("police"))).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

const userId = async (key: string) => {
  const [row] = await server.db.sql<{ id: string }[]>`select id::text as id from users where email = ${demoUser(key).email}`;
  return row.id;
};

const lastAuditId = async () => {
  const [{ lastId }] = await server.db.sql<{ lastId: string }[]>`select coalesce(max(id), 0)::text as "lastId" from audit_events`;
  return lastId;
};

const csvHref = (html: string) => html.match(/href="([^"]*\/csv[^"]*)"/)?.[1].replace(/&amp;/g, "&") ?? null;

describe("a case's trail, for a manager of an agency on the case", () => {
  test("shows who viewed the case: names, agencies, what they did and from which address, newest first", async () => {
    const response = await server.get("/cases/1/audit", manager);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = mainText(html);
    expect(text).toContain("Who viewed and changed this record");
    expect(text).toContain(`Lily Marsh · ${LILY}`);
    const table = tableOf(html, "audit-trail");
    expect(table[0]).toEqual(["When (UK time)", "Who", "Agency", "What they did", "Outcome", "Address (IP)"]);
    const views = table.slice(1).filter((cells) => cells[3] === "Viewed the case");
    expect(views.slice(0, 2).map((cells) => cells.slice(1))).toEqual([
      ["Alex Morgan", "Kestrel Vale Police", "Viewed the case", "Done", "127.0.0.1"],
      ["Nadia Hussain", "Sandmere Community Health NHS Trust", "Viewed the case", "Done", "127.0.0.1"],
    ]);
    expect(views[0][0]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}:\d{2}(am|pm)$/);
  });

  test("filters by person and agency, and the download is the table on screen", async () => {
    const health = await userId("health");
    const response = await server.get(`/cases/1/audit?person=${health}&agency=sandmere-community-health`, manager);
    expect(response.status).toBe(200);
    const html = await response.text();
    const table = tableOf(html, "audit-trail");
    expect(table.length).toBeGreaterThan(1);
    expect(new Set(table.slice(1).map((cells) => cells[1]))).toEqual(new Set(["Nadia Hussain"]));

    const href = csvHref(html);
    // The same filters, from the first entry on screen: what is written after the page was shown is not in it.
    expect(href).toMatch(new RegExp(`^/cases/1/audit/csv\\?person=${health}&agency=sandmere-community-health&first=\\d+-\\d+$`));
    const csv = await server.get(href!, manager);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="who-viewed-${LILY}.csv"`);
    expect(parseCsv(await csv.text())).toEqual(table);
  });

  test("a person of another agency's filter shows no one else; an agency with no entries shows none", async () => {
    const html = await (await server.get("/cases/1/audit?agency=harbour-lane-surgery", manager)).text();
    expect(tableOf(html, "audit-trail")).toEqual([]);
    expect(mainText(html)).toContain("No entries match these filters.");
  });

  test("reading the trail and downloading it are in the trail", async () => {
    const before = await lastAuditId();
    await server.get("/cases/1/audit?agency=kestrel-vale-police", manager);
    await server.get("/cases/1/audit/csv?agency=kestrel-vale-police", manager);
    const rows = await server.db.sql`
      select action, outcome, case_id::int as "caseId", user_id::text as "userId", details->'filters'->>'agency' as agency
      from audit_events where id > ${before} order by id`;
    const priya = await userId("teamManager");
    expect([...rows]).toEqual([
      { action: "read:audit", outcome: "success", caseId: 1, userId: priya, agency: "kestrel-vale-police" },
      { action: "export:audit", outcome: "success", caseId: 1, userId: priya, agency: "kestrel-vale-police" },
    ]);
    // And the manager sees their own reading on the page, in words.
    const text = mainText(await (await server.get(`/cases/1/audit?person=${priya}`, manager)).text());
    expect(text).toContain("Downloaded an audit trail");
    expect(text).toContain("Read an audit trail");
  });

  test("the front sheet links to the trail for those who may read it, and not for others", async () => {
    expect(await (await server.get("/cases/1", manager)).text()).toContain('href="/cases/1/audit"');
    expect(await (await server.get("/cases/1", await server.signIn("socialWorker"))).text()).not.toContain('href="/cases/1/audit"');
  });
});

describe("pages of entries", () => {
  test("100 a page, newest first; older and newer pages meet exactly", async () => {
    // 150 entries on Jayden's case (2), a second apart, written as the trail writes them.
    const start = Date.parse("2026-06-01T09:00:00Z");
    for (let i = 0; i < 150; i++)
      await server.db.sql`
        insert into audit_events (at, user_id, agency_id, action, outcome, case_id, target, ip)
        values (${new Date(start + i * 1000)}, ${await userId("gp")}, 'harbour-lane-surgery', 'view:case', 'success', 2, 'case:2', ${`10.0.0.${i % 250}`})`;
    const query = "?agency=harbour-lane-surgery&fromDay=1&fromMonth=6&fromYear=2026&toDay=1&toMonth=6&toYear=2026";
    const first = await (await server.get(`/cases/2/audit${query}`, manager)).text();
    const firstRows = tableOf(first, "audit-trail").slice(1);
    expect(firstRows).toHaveLength(100);
    expect(firstRows[0][5]).toBe(`10.0.0.149`);
    expect(firstRows[99][5]).toBe(`10.0.0.50`);
    expect(first).not.toContain("Newer entries");

    const older = first.match(/href="([^"]*older=[^"]*)"/)?.[1].replace(/&amp;/g, "&");
    expect(older).toBeDefined();
    const second = await (await server.get(older!, manager)).text();
    const secondRows = tableOf(second, "audit-trail").slice(1);
    expect(secondRows.map((cells) => cells[5])).toEqual(Array.from({ length: 50 }, (_, i) => `10.0.0.${49 - i}`));
    expect(second).not.toContain("Older entries");
    // The download of the second page is the second page.
    expect(parseCsv(await (await server.get(csvHref(second)!, manager)).text()).slice(1)).toEqual(secondRows);

    const newer = second.match(/href="([^"]*newer=[^"]*)"/)?.[1].replace(/&amp;/g, "&");
    const back = tableOf(await (await server.get(newer!, manager)).text(), "audit-trail").slice(1);
    expect(back).toEqual(firstRows);
  });
});

describe("who may not read a case's trail", () => {
  test.each([
    ["socialWorker", "a practitioner on the case"],
    ["earlyHelpManager", "a manager of an agency not on the case"],
    ["partnershipAdmin", "an administrator"],
  ])("%s (%s) gets 404 for the page and the download, and each refusal is in the trail", async (person) => {
    const cookie = await server.signIn(person);
    const before = await lastAuditId();
    const page = await server.get("/cases/1/audit", cookie);
    const csv = await server.get("/cases/1/audit/csv", cookie);
    expect([page.status, csv.status]).toEqual([404, 404]);
    expect(await csv.text()).not.toContain("Nadia");
    const rows = await server.db.sql`
      select action, outcome, case_id::int as "caseId", target from audit_events
      where id > ${before} and user_id = ${await userId(person)} order by id`;
    expect([...rows]).toEqual([
      { action: "read:audit", outcome: "denied", caseId: 1, target: "audit-trail:case:1" },
      { action: "export:audit", outcome: "denied", caseId: 1, target: "audit-trail:case:1.csv" },
    ]);
  });

  test("a case that does not exist is the same 404, audited", async () => {
    const before = await lastAuditId();
    expect((await server.get("/cases/424242/audit/csv", manager)).status).toBe(404);
    expect((await server.get("/cases/nonsense/audit", manager)).status).toBe(404);
    const rows = await server.db.sql`select action, outcome, target from audit_events where id > ${before} order by id`;
    expect([...rows]).toEqual([
      { action: "export:audit", outcome: "denied", target: "audit-trail:case:424242.csv" },
      { action: "read:audit", outcome: "denied", target: "audit-trail:case:nonsense" },
    ]);
  });

  test("someone signed out is sent to sign in", async () => {
    const response = await server.get("/cases/1/audit/csv");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/sign-in/);
  });
});

describe("bad filters get a clear message and show nothing", () => {
  const cases: [string, string, string][] = [
    ["fromDay=10&fromMonth=6&fromYear=2026&toDay=9&toMonth=6&toYear=2026", "The end date must be the same as or after the start date", "toDay"],
    ["toDay=1&toMonth=1&toYear=2099", "End date must be today or in the past", "toDay"],
    ["fromDay=31&fromMonth=2&fromYear=2026", "Start date must be a real date, like 27 3 2026", "fromDay"],
    ["agency=no-such-agency", "Choose an agency from the list", "agency"],
    ["agency=DROP%20TABLE", "Choose an agency from the list", "agency"],
    ["person=999999", "Choose a person from the list", "person"],
    ["person=abc", "Choose a person from the list", "person"],
    ["older=not-a-page", "The page could not be found: start again from the newest entries", "form"],
  ];
  test.each(cases)("?%s", async (query, message, field) => {
    const before = await lastAuditId();
    const response = await server.get(`/cases/1/audit?${query}`, manager);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(mainText(html)).toContain(`There is a problem ${message}`);
    if (field !== "form") expect(html).toContain(`href="#${field}"`);
    expect(tableOf(html, "audit-trail")).toEqual([]);
    expect(html).not.toContain("Download these");
    // The download says what is wrong, and holds no entries.
    const csv = await server.get(`/cases/1/audit/csv?${query}`, manager);
    expect(csv.status).toBe(400);
    expect(await csv.text()).toContain(message);
    // Nothing but the two readings (each a failure) was written.
    const rows = await server.db.sql`select action, outcome from audit_events where id > ${before} order by id`;
    expect([...rows]).toEqual([
      { action: "read:audit", outcome: "failure" },
      { action: "export:audit", outcome: "failure" },
    ]);
  });

  test("every problem is named at once, above the page's heading", async () => {
    const html = await (await server.get("/cases/1/audit?agency=no-such-agency&person=999999&toDay=1&toMonth=1&toYear=2099", manager)).text();
    const summary = mainText(html.slice(html.indexOf("govuk-error-summary"), html.indexOf("<h1")));
    expect(summary).toContain("Choose a person from the list Choose an agency from the list End date must be today or in the past");
    expect(tableOf(html, "audit-trail")).toEqual([]);
  });

  test("the form keeps what was typed", async () => {
    const html = await (await server.get("/cases/1/audit?fromDay=10&fromMonth=6&fromYear=2026&toDay=9&toMonth=6&toYear=2026", manager)).text();
    expect(html).toMatch(/id="fromDay"[^>]*value="10"|value="10"[^>]*id="fromDay"/);
  });
});

describe("the partnership's trail", () => {
  test("the partnership manager sees every case's entries by reference, never a child's name, and filters by case", async () => {
    const response = await server.get(`/oversight/audit?case=${LILY.toLowerCase()}`, partnershipManager);
    expect(response.status).toBe(200);
    const html = await response.text();
    const table = tableOf(html, "audit-trail");
    expect(table[0]).toEqual(["When (UK time)", "Who", "Agency", "Case", "What they did", "Outcome", "Address (IP)"]);
    expect(table.length).toBeGreaterThan(2);
    expect(new Set(table.slice(1).map((cells) => cells[3]))).toEqual(new Set([LILY]));
    expect(table.slice(1).some((cells) => cells[1] === "Nadia Hussain" && cells[4] === "Viewed the case")).toBe(true);
    expect(mainText(html)).not.toContain("Lily");
    const href = csvHref(html)!;
    expect(href).toMatch(new RegExp(`^/oversight/audit/csv\\?case=${LILY}&first=\\d+-\\d+$`));
    expect(parseCsv(await (await server.get(href, partnershipManager)).text())).toEqual(table);
    // Lily's case's managers see the partnership manager read who viewed her record.
    const caseTrail = tableOf(await (await server.get(`/cases/1/audit?person=${await userId("partnershipManager")}`, manager)).text(), "audit-trail").slice(1);
    expect(caseTrail.map((cells) => cells.slice(1, 5))).toEqual([
      ["Marion Fields", "Sandmere Safeguarding Children Partnership", "Downloaded an audit trail", "Done"],
      ["Marion Fields", "Sandmere Safeguarding Children Partnership", "Read an audit trail", "Done"],
    ]);
  });

  test("sign-ins are on it too", async () => {
    const html = await (await server.get(`/oversight/audit?person=${await userId("police")}`, partnershipManager)).text();
    expect(tableOf(html, "audit-trail").slice(1).some((cells) => cells[4] === "Signed in" && cells[3] === "")).toBe(true);
  });

  test("an unknown case reference is a problem, not an empty trail", async () => {
    const html = await (await server.get("/oversight/audit?case=SBC-1999-0001", partnershipManager)).text();
    expect(mainText(html)).toContain("There is a problem Enter the reference of a case in the partnership");
    expect(tableOf(html, "audit-trail")).toEqual([]);
  });

  test("a cell a spreadsheet would run is written as text; an action with no words is shown as recorded", async () => {
    await server.db.sql`
      insert into audit_events (at, user_id, agency_id, action, outcome, case_id, target, ip)
      values (${new Date(server.clock.now().getTime() - 1000)}, ${await userId("gp")}, 'harbour-lane-surgery', '=HYPERLINK("http://x")', 'success', 2, 'case:2', '+44')`;
    const html = await (await server.get(`/oversight/audit?person=${await userId("gp")}`, partnershipManager)).text();
    const row = tableOf(html, "audit-trail").find((cells) => cells[4] === '=HYPERLINK("http://x")');
    expect(row?.[6]).toBe("+44");
    const csv = await (await server.get(csvHref(html)!, partnershipManager)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")",Done,'+44\r\n`);
  });

  test.each([["teamManager"], ["socialWorker"], ["partnershipAdmin"]])("%s gets 404 for the page and the download, audited", async (person) => {
    const cookie = await server.signIn(person);
    const before = await lastAuditId();
    expect((await server.get("/oversight/audit", cookie)).status).toBe(404);
    expect((await server.get("/oversight/audit/csv", cookie)).status).toBe(404);
    const rows = await server.db.sql`select action, outcome, target from audit_events where id > ${before} and user_id = ${await userId(person)} order by id`;
    expect([...rows]).toEqual([
      { action: "read:audit", outcome: "denied", target: "audit-trail:partnership" },
      { action: "export:audit", outcome: "denied", target: "audit-trail:partnership.csv" },
    ]);
  });
});
