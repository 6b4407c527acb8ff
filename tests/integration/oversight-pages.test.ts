// The oversight pages from outside (issue 13 items 1, 2 and 4): who reads the partnership's measures (partnership
// managers: the whole or one agency's part; an agency's managers: their own agency's part) and who gets 404; a bad
// range or agency gets an error summary and no figures; every table's CSV is what its page shows, for the same scope;
// an export the person may not read is 404 with an audit row, and every view and export is audited; the oversight
// room's readers are told, content-free, when something changes at the front door.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { todayInEngland } from "../../common/forms/dates";
import { measureModules } from "../../server/oversight/measures";
import { parseCsv } from "../support/csv";
import { mainText, tableOf } from "../support/html";
import { makeReferral } from "../support/referral-portal";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const people = ["partnershipManager", "teamManager", "earlyHelpManager", "police", "chair", "partnershipAdmin", "socialWorker", "education", "screener"];
const POLICE = "kestrel-vale-police";
const SOCIAL_CARE = "sandmere-childrens-services";

beforeAll(async () => {
  server = await startTestServer();
  for (const key of people) cookies[key] = await server.signIn(key);
});
afterAll(async () => {
  await server?.close();
});

const page = async (path: string, as: string) => {
  const response = await server.get(path, cookies[as]);
  return { status: response.status, html: await response.text() };
};
const audits = async (action: string, target: string, outcome: string) =>
  (await server.db.sql<{ count: number }[]>`
    select count(*)::int as count from audit_events where action = ${action} and target = ${target} and outcome = ${outcome}`)[0].count;

const collapse = (rows: string[][]) => rows.map((row) => row.map((cell) => cell.replace(/\s+/g, " ").trim()));

describe("who reads the oversight pages", () => {
  test("a partnership manager reads every measure of the whole partnership, with an agency filter, and Oversight in the header", async () => {
    const { status, html } = await page("/oversight", "partnershipManager");
    expect(status).toBe(200);
    const text = mainText(html);
    expect(text).toContain("The whole partnership");
    expect(text).toContain("Oversight of multi-agency work");
    for (const module of measureModules) expect(html).toContain(`data-testid="measure-${module.id}"`);
    // At a glance, at the top: every measure's headline as its own section gives it, linked to that section.
    const glance = [...html.matchAll(/data-testid="glance-([^"]+)"[^>]*>([^<]*)</g)].map((match) => `${match[1]}: ${match[2]}`);
    const sections = [...html.matchAll(/data-testid="headline-([^"]+)"[^>]*>([^<]*)</g)].map((match) => `${match[1]}: ${match[2]}`);
    expect(glance).toEqual(sections);
    for (const module of measureModules) expect(html).toContain(`href="#measure-${module.id}"`);
    expect(html).toContain('<select class="govuk-select" id="agency" name="agency"');
    expect(html).toMatch(/<a[^>]*href="\/oversight"[^>]*>(<strong[^>]*>)?Oversight</);
    expect(await audits("read:oversight", "oversight", "success")).toBeGreaterThan(0);
  });

  test("an agency's manager reads their own agency's part, offered no agency filter", async () => {
    const { status, html } = await page("/oversight", "teamManager");
    expect(status).toBe(200);
    expect(mainText(html)).toContain("Sandmere Borough Council Children's Services' part");
    expect(html).not.toContain('name="agency"');
    // Their own agency named in the address is the same page.
    expect((await page(`/oversight?agency=${SOCIAL_CARE}`, "teamManager")).status).toBe(200);
    // Their figures are their agency's part: what a partnership manager sees when they pick that agency.
    const headlines = (source: string) => [...source.matchAll(/data-testid="(headline-[^"]+)"[^>]*>([^<]*)</g)].map((match) => `${match[1]}: ${match[2]}`);
    const picked = await page(`/oversight?agency=${SOCIAL_CARE}`, "partnershipManager");
    expect(headlines(html).length).toBe(measureModules.length);
    expect(headlines(html)).toEqual(headlines(picked.html));
    expect(mainText(picked.html)).toContain("Sandmere Borough Council Children's Services' part");
  });

  test("an agency's manager asking for another agency's part, and anyone who is not a manager, gets 404, audited", async () => {
    const before = await audits("read:oversight", "oversight", "denied");
    expect((await page(`/oversight?agency=${POLICE}`, "teamManager")).status).toBe(404);
    for (const who of ["police", "chair", "partnershipAdmin", "socialWorker"]) {
      const { status, html } = await page("/oversight", who);
      expect(status, who).toBe(404);
      expect(html).not.toMatch(/<a[^>]*href="\/oversight"/);
    }
    expect(await audits("read:oversight", "oversight", "denied")).toBe(before + 5);
  });
});

describe("a bad range or agency gets a message and no figures", () => {
  const tomorrow = () => {
    const date = new Date(server.clock.now().getTime() + 36 * 3600_000);
    return todayInEngland(date);
  };
  const cases: [string, () => string, string][] = [
    ["a range ending before it starts", () => "fromDay=1&fromMonth=6&fromYear=2026&toDay=1&toMonth=5&toYear=2026", "End date must be the same as or after the start date"],
    ["a range ending in the future", () => `to=${tomorrow()}`, "End date must be today or in the past"],
    ["a date that does not exist", () => "fromDay=30&fromMonth=2&fromYear=2026", "Start date must be a real date"],
    ["half a date", () => "toDay=3&toMonth=&toYear=2026", "End date must include a day, month and year"],
    ["an address date that is no date", () => "from=2026-13-01", "Start date must be a real date"],
    ["an agency that does not exist", () => "agency=no-such-agency", "Select an agency from the list, or all agencies"],
  ];
  test.each(cases)("%s", async (_name, query, message) => {
    for (const path of ["/oversight", "/oversight/contacts-in-time", "/oversight/print"]) {
      const { status, html } = await page(`${path}?${query()}`, "partnershipManager");
      expect(status, path).toBe(200);
      expect(html).toContain("govuk-error-summary");
      expect(mainText(html)).toContain(message);
      expect(html).not.toContain('data-testid="measure-');
      expect(html).not.toContain('data-testid="drill-down"');
    }
    // An export with that scope is refused: there is no table to give.
    expect((await server.get(`/oversight/contacts-in-time/csv?${query()}&table=figures`, cookies.partnershipManager)).status).toBe(404);
  });
});

describe("exports", () => {
  const scope = () => `from=2025-12-01&to=${todayInEngland(server.clock.now())}`;

  test("every table on the page downloads as CSV with the same headers and cells, for the same scope", async () => {
    const { html } = await page(`/oversight?${scope()}`, "partnershipManager");
    for (const module of measureModules)
      for (const [table, testId] of [
        ["figures", `table-${module.id}`],
        ["trend", `trend-table-${module.id}`],
      ]) {
        const shown = collapse(tableOf(html, testId));
        const href = `/oversight/${module.id}/csv?${scope()}&table=${table}`;
        expect(html).toContain(href.replace(/&/g, "&amp;"));
        const response = await server.get(href, cookies.partnershipManager);
        expect(response.status, href).toBe(200);
        expect(response.headers.get("content-type")).toContain("text/csv");
        expect(collapse(parseCsv(await response.text())), href).toEqual(shown);
      }
    expect(await audits("export:oversight", "oversight:contacts-in-time:figures", "success")).toBeGreaterThan(0);
  });

  test("a drill-down's list downloads as CSV as it is shown, and one row's too", async () => {
    const dashboard = await page(`/oversight?${scope()}`, "partnershipManager");
    const module = measureModules[0];
    const rowKey = dashboard.html.match(new RegExp(`/oversight/${module.id}\\?[^"]*?&amp;row=([^"&]+)"`))?.[1];
    for (const row of [null, rowKey ?? null]) {
      const rowQuery = row ? `&row=${row}` : "";
      const { status, html } = await page(`/oversight/${module.id}?${scope()}${rowQuery}`, "partnershipManager");
      expect(status).toBe(200);
      const shown = collapse(tableOf(html, "drill-down"));
      const response = await server.get(`/oversight/${module.id}/csv?${scope()}&table=counted${rowQuery}`, cookies.partnershipManager);
      expect(response.status).toBe(200);
      // The reference's link says when the case opens only with a reason; the CSV holds the reference alone.
      expect(collapse(parseCsv(await response.text()))).toEqual(shown.map((cells) => [cells[0].replace(/: open by giving a reason$/, ""), ...cells.slice(1)]));
    }
    expect(await audits("read:oversight", `oversight:${module.id}`, "success")).toBeGreaterThan(0);
  });

  test("an export of a table the person may not read is 404 and audited as denied", async () => {
    const target = "oversight:contacts-in-time:figures";
    const before = await audits("export:oversight", target, "denied");
    const refusals: [string, string][] = [
      ["teamManager", `/oversight/contacts-in-time/csv?table=figures&agency=${POLICE}`],
      ["police", "/oversight/contacts-in-time/csv?table=figures"],
      ["chair", "/oversight/contacts-in-time/csv?table=figures"],
    ];
    for (const [who, path] of refusals) expect((await server.get(path, cookies[who])).status, who).toBe(404);
    expect(await audits("export:oversight", target, "denied")).toBe(before + refusals.length);
    // No such table, measure or row: 404 as well.
    expect((await server.get("/oversight/contacts-in-time/csv?table=secrets", cookies.partnershipManager)).status).toBe(404);
    expect((await server.get("/oversight/no-such-measure/csv?table=figures", cookies.partnershipManager)).status).toBe(404);
    expect((await server.get("/oversight/contacts-in-time/csv?table=counted&row=no-such-row", cookies.partnershipManager)).status).toBe(404);
    expect(await audits("export:oversight", "oversight:no-such-measure:figures", "denied")).toBe(1);
  });
});

describe("drill-down and print", () => {
  test("an unknown measure or row is 404, audited", async () => {
    expect((await page("/oversight/no-such-measure", "partnershipManager")).status).toBe(404);
    expect((await page("/oversight/contacts-in-time?row=no-such-row", "partnershipManager")).status).toBe(404);
    expect(await audits("read:oversight", "oversight:no-such-measure", "denied")).toBe(1);
  });

  test("the print view holds every measure's figures and tables, and no form, links to follow or CSV", async () => {
    const { status, html } = await page("/oversight/print?from=2026-01-01", "partnershipManager");
    expect(status).toBe(200);
    for (const module of measureModules) {
      expect(html).toContain(`data-testid="measure-${module.id}"`);
      expect(html).toContain(`data-testid="table-${module.id}"`);
    }
    const main = html.match(/<main[\s\S]*?<\/main>/)?.[0] ?? "";
    expect(main).not.toContain("<form");
    expect(main).not.toContain("/csv?");
    expect(main).not.toContain("See what this counts");
    expect(mainText(html)).toContain("1 January 2026 to");
  });
});

describe("live figures", () => {
  test("a referral sent and rated at the front door tells the oversight room's readers, content-free, within seconds, and no one else", async () => {
    const sockets: PortalSocket[] = [];
    try {
      const join = async (who: string) => {
        const socket = await connectSocket(server.url, { cookie: cookies[who] });
        sockets.push(socket);
        const result = await new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", "oversight", resolve));
        const notices: { room: string; what: string }[] = [];
        socket.on("record:changed", (notice) => notices.push(notice));
        return { result, notices };
      };
      const manager = await join("partnershipManager");
      const agencyManager = await join("teamManager");
      const police = await join("police");
      expect([manager.result.ok, agencyManager.result.ok, police.result.ok]).toEqual([true, true, false]);

      const referral = await makeReferral(server, cookies.education, { send: true });
      const rated = await server.post(`/front-door/${referral}`, { rating: "amber", reason: "A worry about supervision at home." }, cookies.screener);
      expect(rated.status).toBe(302);
      await expect.poll(() => manager.notices.length && agencyManager.notices.length, { timeout: 6_000 }).toBeGreaterThan(0);
      for (const notices of [manager.notices, agencyManager.notices]) for (const notice of notices) expect(notice).toEqual({ room: "oversight", what: "oversight" });
      expect(police.notices).toEqual([]);
    } finally {
      for (const socket of sockets) socket.close();
    }
  });
});
