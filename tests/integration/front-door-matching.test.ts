// Matching at the front door (issue 12 item 3), from outside: for each child on a sent referral the screening team sees
// the children already on cases (by NHS number, name and date of birth, surname and date of birth, address) and on
// other referrals, with why; links each to a child on a case or confirms none (rows, with history); a re-referral
// (the same child referred within the 12 calendar months before) is marked on the page and in the queue. The referrer
// and everyone else see none of it (404, audited); bad input is refused with its message and changes nothing.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addCalendarDays, addCalendarMonths } from "../../common/calendar-dates";
import { todayInEngland } from "../../common/forms/dates";
import { matchKey } from "../../common/child-matching";
import { matchStanding } from "../../server/referrals/contact-matches";
import { mainText } from "../support/html";
import { answer, completeAnswers, startReferral } from "../support/referral-portal";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const sockets: PortalSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  for (const key of ["screener", "policeScreener", "healthScreener", "teamManager", "education", "police", "socialWorker"]) cookies[key] = await server.signIn(key);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

type Child = { fullName: string; dob?: string; nhsNumber?: string; address?: string };

/** The child page's form for a child born on `dob` (YYYY-MM-DD). */
const childForm = (child: Child) => {
  const [year, month, day] = (child.dob ?? "2018-04-03").split("-");
  return { fullName: child.fullName, born: "yes", dobDay: day, dobMonth: month, dobYear: year, nhsNumber: child.nhsNumber ?? "", address: child.address ?? "", school: "" };
};

/** A referral from the school about these children, sent (unless `draft`); its id. */
async function refer(children: Child[], opts: { cookie?: string; draft?: boolean } = {}): Promise<number> {
  const cookie = opts.cookie ?? cookies.education;
  const id = await startReferral(server, cookie);
  for (const child of children) await answer(server, cookie, id, "child", { ...childForm(child), intent: "add" });
  for (const [step, form] of Object.entries(completeAnswers)) await answer(server, cookie, id, step, form);
  if (!opts.draft) {
    const sent = await server.post(`/referrals/${id}/check-answers`, {}, cookie);
    if (sent.status !== 302) throw new Error(`sending failed with ${sent.status}`);
  }
  return id;
}

const childIdOf = async (contactId: number, name: string) =>
  Number((await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${contactId} and full_name = ${name}`)[0].id);
const casePersonId = async (reference: string, name: string) =>
  Number(
    (await server.db.sql<{ id: string }[]>`
      select p.id from case_people p join cases c on c.id = p.case_id where c.reference = ${reference} and p.full_name = ${name}`)[0].id,
  );
const matchRows = async (contactId: number) =>
  server.db.sql<{ outcome: string; case_person_id: string | null; by_user_id: string; by_agency_id: string }[]>`
    select outcome, case_person_id, by_user_id, by_agency_id from contact_matches where contact_id = ${contactId} order by id`;
const audits = async (target: string, outcome: string, action?: string) =>
  (
    await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where target = ${target} and outcome = ${outcome} and (${action ?? null}::text is null or action = ${action ?? null})`
  )[0].count;
const page = async (id: number, as = "policeScreener") => {
  const response = await server.get(`/front-door/${id}`, cookies[as]);
  expect(response.status).toBe(200);
  return await response.text();
};
/** The rows of a table on the page, by its test id, as text. */
const tableText = (html: string, testId: string) => {
  const at = html.indexOf(`data-testid="${testId}"`);
  return at < 0 ? "" : mainText(html.slice(at, html.indexOf("</table>", at)));
};
const match = (id: number, childId: number, choice: string, as = "policeScreener") =>
  server.post(`/front-door/${id}/match?child=${childId}`, { child: String(childId), match: choice }, cookies[as]);

describe("the NHS number on the referral's child page", () => {
  test("a wrong length or check digit is refused with its own message and adds no child; a good one, typed with spaces, is kept as 10 digits", async () => {
    const id = await startReferral(server, cookies.education);
    const short = await server.post(`/referrals/${id}/child`, childForm({ fullName: "Nia Brook", nhsNumber: "999 000 001" }), cookies.education);
    expect(short.status).toBe(400);
    const shortHtml = await short.text();
    expect(shortHtml).toContain("There is a problem");
    expect(shortHtml).toContain("NHS number must be 10 digits, like 999 000 0018");
    const wrong = await server.post(`/referrals/${id}/child`, childForm({ fullName: "Nia Brook", nhsNumber: "999 000 0017" }), cookies.education);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Enter a valid NHS number: the last digit does not match the others, so check each digit");
    expect(await server.db.sql`select 1 from contact_children where contact_id = ${id}`).toHaveLength(0);

    await answer(server, cookies.education, id, "child", { ...childForm({ fullName: "Nia Brook", nhsNumber: " 999 000 0034 " }), intent: "add" });
    const [row] = await server.db.sql<{ nhs_number: string }[]>`select nhs_number from contact_children where contact_id = ${id}`;
    expect(row.nhs_number).toBe("9990000034");
    // A draft's child is still removed and added again (the triggers freeze only a sent referral).
    const childId = await childIdOf(id, "Nia Brook");
    expect((await server.post(`/referrals/${id}/child`, { intent: "remove", id: String(childId) }, cookies.education)).status).toBe(302);
    await answer(server, cookies.education, id, "child", { ...childForm({ fullName: "Nia Brook", nhsNumber: "9990000034" }), intent: "add" });
    for (const [step, form] of Object.entries(completeAnswers)) await answer(server, cookies.education, id, step, form);
    expect(mainText(await (await server.get(`/referrals/${id}/check-answers`, cookies.education)).text())).toContain("NHS number 999 000 0034");

    expect((await server.post(`/referrals/${id}/check-answers`, {}, cookies.education)).status).toBe(302);
    expect(mainText(await (await server.get(`/referrals/${id}`, cookies.education)).text())).toContain("NHS number 999 000 0034");
    expect(mainText(await page(id))).toContain("NHS number 999 000 0034");
    await expect(server.db.sql`update contact_children set nhs_number = '9990000018' where contact_id = ${id}`).rejects.toThrow(/submitted referral/);
  });
});

describe("possible matches", () => {
  test("the database's address key is the same as the page's, however the address was typed", async () => {
    const typed = ["7 Gull Lane, Sandmere SM1 4QT", "  7 GULL lane sandmere sm14qt ", "Flat 2/3, 10 High St.", "Zoë O'Brien’s House", "Ünïcödé — Straße 9", "", "—"];
    for (const text of typed) {
      const [row] = await server.db.sql<{ key: string }[]>`select contact_match_key(${text}) as key`;
      expect(row.key, text).toBe(matchKey(text));
    }
  });

  test("by NHS number: Lily's, under another name, finds her on both her own case and her brother's, by reference, name and date of birth only", async () => {
    const id = await refer([{ fullName: "Lil Marsh-Jones", dob: "2019-01-01", nhsNumber: "9990000018" }]);
    const html = await page(id);
    const childId = await childIdOf(id, "Lil Marsh-Jones");
    const rows = tableText(html, `case-candidates-${childId}`);
    expect(rows).toContain("SBC-2026-0147 Lily Marsh Born 14 May 2020 Same NHS number");
    expect(rows).toContain("SBC-2026-0148 Lily Marsh Born 14 May 2020 Same NHS number");
    // Nothing else of the case: not its school, not the case child's NHS number or address.
    expect(html).not.toContain("Larkfield Primary School (Year 2)");
    expect(html).not.toContain("14 Example Road");
    // The police screener is not on Lily's case: no link to it. The team manager reads it: linked.
    expect(html).not.toContain('href="/cases/');
    expect(await page(id, "teamManager")).toContain('href="/cases/');
    expect(await audits(`contact:${id}`, "success", "screen:contact")).toBeGreaterThanOrEqual(2);
  });

  test("by name and date of birth, whatever the case and spacing; by surname and date of birth, said as such", async () => {
    const id = await refer([{ fullName: "  lily   MARSH ", dob: "2020-05-14" }, { fullName: "Jaydon Marsh", dob: "2024-03-02" }]);
    const html = await page(id);
    const lily = tableText(html, `case-candidates-${await childIdOf(id, "lily   MARSH")}`);
    expect(lily).toContain("SBC-2026-0147 Lily Marsh Born 14 May 2020 Same name and date of birth");
    const jayden = tableText(html, `case-candidates-${await childIdOf(id, "Jaydon Marsh")}`);
    expect(jayden).toContain("SBC-2026-0148 Jayden Marsh Born 2 March 2024 Same surname and date of birth");
  });

  test("by address, with its punctuation, spaces and case; a child who matches nothing is said to", async () => {
    const id = await refer([{ fullName: "Kai Example", dob: "2015-02-02", address: "14 example road   sandmere sm1 0zz" }, { fullName: "Ola Nobody", dob: "2013-07-07" }]);
    const html = await page(id);
    const kai = tableText(html, `case-candidates-${await childIdOf(id, "Kai Example")}`);
    expect(kai).toContain("SBC-2026-0147 Jayden Marsh Born 2 March 2024 Same address");
    expect(kai).toContain("SBC-2026-0148 Lily Marsh Born 14 May 2020 Same address");
    expect(mainText(html)).toContain("No child on a case may be Ola Nobody.");
  });

  test("other sent referrals about the same child are shown, with their reference; a draft is not", async () => {
    const first = await refer([{ fullName: "Remy Hart", dob: "2016-08-08", nhsNumber: "9990000042" }]);
    const draft = await refer([{ fullName: "Remy Hart", dob: "2016-08-08" }], { draft: true });
    const second = await refer([{ fullName: "Remy HART", dob: "2016-08-08" }]);
    const html = await page(second);
    const rows = tableText(html, `referral-candidates-${await childIdOf(second, "Remy HART")}`);
    expect(rows).toContain(`R-${first} Remy Hart Born 8 August 2016`);
    expect(rows).toContain("Same name and date of birth");
    expect(rows).not.toContain(`R-${draft}`);
  });
});

describe("linking and confirming none", () => {
  test("a child is linked to a child on a case, then confirmed none: each a row, the latest the match now, every one in the history", async () => {
    const id = await refer([{ fullName: "Lily Marsh", dob: "2020-05-14", nhsNumber: "9990000018" }, { fullName: "Ola Nobody", dob: "2013-07-07" }]);
    const lily = await childIdOf(id, "Lily Marsh");
    const ola = await childIdOf(id, "Ola Nobody");
    const lilyOnHerCase = await casePersonId("SBC-2026-0147", "Lily Marsh");
    expect(await matchStanding(server.db.sql, id)).toMatchObject({ complete: false, unmatched: ["Lily Marsh", "Ola Nobody"] });

    const form = await server.get(`/front-door/${id}/match?child=${lily}`, cookies.policeScreener);
    expect(form.status).toBe(200);
    const formText = mainText(await form.text());
    expect(formText).toContain("Is Lily Marsh a child already known?");
    expect(formText).toContain("Lily Marsh, case SBC-2026-0147");
    expect(formText).toContain("None of these");

    const linked = await match(id, lily, String(lilyOnHerCase));
    expect(linked.status).toBe(302);
    expect(linked.headers.get("location")).toBe(`/front-door/${id}?matched=1#matching`);
    let standing = await matchStanding(server.db.sql, id);
    expect(standing).toMatchObject({ complete: false, unmatched: ["Ola Nobody"] });
    expect(standing.linkedCaseIds).toHaveLength(1);

    expect((await match(id, ola, "none", "healthScreener")).status).toBe(302);
    standing = await matchStanding(server.db.sql, id);
    expect(standing.complete).toBe(true);
    expect(standing.children.map((child) => child.current?.outcome)).toEqual(["linked", "none"]);

    let text = mainText(await page(id, "screener"));
    expect(text).toContain("Linked to Lily Marsh (born 14 May 2020), case SBC-2026-0147");
    expect(text).toContain("By Sergeant Dev Patel, Kestrel Vale Police");

    // Changed: Lily is confirmed none; the link stays in the history.
    expect((await match(id, lily, "none", "screener")).status).toBe(302);
    expect((await matchRows(id)).map((row) => row.outcome)).toEqual(["linked", "none", "none"]);
    expect((await matchStanding(server.db.sql, id)).linkedCaseIds).toEqual([]);
    const html = await page(id, "screener");
    const history = tableText(html, "match-history");
    expect(history.indexOf("Lily Marsh Not a child already known")).toBeLessThan(history.indexOf("Lily Marsh Linked to Lily Marsh"));
    expect(history).toContain("Tom Reed, Sandmere Borough Council Children's Services");
    expect(history).toContain("Grace Oduya, Sandmere Community Health NHS Trust");
    expect(history).toContain("(same NHS number; same name and date of birth)");
    text = mainText(html);
    expect(text).not.toContain("Not matched yet");
    // Attributed to the screener and their agency; audited; never changed.
    const rows = await matchRows(id);
    expect(rows[0].by_agency_id).toBe("kestrel-vale-police");
    expect(await audits(`contact:${id}`, "success", "match:contact")).toBe(3);
    await expect(server.db.sql`update contact_matches set outcome = 'none' where contact_id = ${id}`).rejects.toThrow(/record of evidence/);
    await expect(server.db.sql`delete from contact_matches where contact_id = ${id}`).rejects.toThrow(/record of evidence/);
  });

  test("a match tells the front door's room, without content", async () => {
    const id = await refer([{ fullName: "Ola Nobody", dob: "2013-07-07" }]);
    const socket = await connectSocket(server.url, { cookie: cookies.healthScreener });
    sockets.push(socket);
    const joined = await new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", "front-door", (result) => resolve(result)));
    expect(joined.ok).toBe(true);
    const notice = new Promise<{ room: string; what: string }>((resolve) => socket.once("record:changed", resolve));
    await match(id, await childIdOf(id, "Ola Nobody"), "none");
    expect(await notice).toEqual({ room: "front-door", what: "front-door" });
  });
});

describe("re-referrals", () => {
  /** Moves the clock to midday (UTC) on `date`, a London date; returns the move, to undo it. */
  const moveTo = (date: string) => {
    const by = Date.parse(`${date}T12:00:00Z`) - server.clock.now().getTime();
    server.clock.advance(by);
    return by;
  };

  test("the same child referred exactly 12 calendar months before is a re-referral, on the page and in the queue; 12 months and a day is not", async () => {
    const today = todayInEngland(server.clock.now());
    const within = await refer([{ fullName: "Tia Wren", dob: "2017-09-09", nhsNumber: "9990000026" }]);
    const outside = await refer([{ fullName: "Kit Wren", dob: "2017-09-10" }]);
    let moved = moveTo(addCalendarMonths(today, 12));
    try {
      const education = await server.signIn("education");
      // By NHS number only (another spelling, another date of birth).
      const again = await refer([{ fullName: "Tia-Mae Wren", dob: "2017-09-08", nhsNumber: "999 000 0026" }], { cookie: education });
      server.clock.advance(-moved);
      moved = moveTo(addCalendarDays(addCalendarMonths(today, 12), 1));
      const education2 = await server.signIn("education");
      const screener2 = await server.signIn("policeScreener");
      // By name and date of birth, a day too late.
      const late = await refer([{ fullName: "kit wren", dob: "2017-09-10" }], { cookie: education2 });

      const againText = mainText(await (await server.get(`/front-door/${again}`, screener2)).text());
      expect(againText).toContain(`Re-referral: Tia-Mae Wren was referred on`);
      expect(againText).toContain(`referral R-${within}`);
      const lateText = mainText(await (await server.get(`/front-door/${late}`, screener2)).text());
      expect(lateText).not.toContain("Re-referral");
      // The earlier referral is still shown as another referral about the child, only not as a re-referral.
      expect(lateText).toContain(`R-${outside}`);

      const queue = await (await server.get("/front-door", screener2)).text();
      const row = (id: number) => {
        const at = queue.indexOf(`data-testid="contact-${id}"`);
        return mainText(queue.slice(at, queue.indexOf("</tr>", at)));
      };
      expect(row(again)).toContain("Re-referral");
      expect(row(late)).not.toContain("Re-referral");
      expect(row(within)).not.toContain("Re-referral");
    } finally {
      server.clock.advance(-moved);
    }
  });
});

describe("the referrer and everyone else", () => {
  test("the referrer sees none of it: their referral shows no match, case or re-referral; the match page is a 404, audited", async () => {
    await refer([{ fullName: "Lily Marsh", dob: "2020-05-14", nhsNumber: "9990000018" }]);
    const id = await refer([{ fullName: "Lily Marsh", dob: "2020-05-14", nhsNumber: "9990000018" }]);
    const lily = await childIdOf(id, "Lily Marsh");
    expect(await page(id)).toContain("Re-referral");
    const own = await (await server.get(`/referrals/${id}`, cookies.education)).text();
    for (const hidden of ["SBC-2026", "Re-referral", "Children already known", "Not matched yet"]) expect(own).not.toContain(hidden);
    const before = await audits(`contact:${id}`, "denied");
    expect((await server.get(`/front-door/${id}/match?child=${lily}`, cookies.education)).status).toBe(404);
    expect((await match(id, lily, "none", "education")).status).toBe(404);
    expect(await audits(`contact:${id}`, "denied")).toBe(before + 2);
    expect(await matchRows(id)).toEqual([]);
  });

  test.each([
    ["a police practitioner", "police"],
    ["a social worker on Lily's case", "socialWorker"],
  ])("%s is refused the match page and matching (404, audited); nothing is recorded", async (_who, key) => {
    const id = await refer([{ fullName: "Lily Marsh", dob: "2020-05-14" }]);
    const lily = await childIdOf(id, "Lily Marsh");
    expect((await server.get(`/front-door/${id}/match?child=${lily}`, cookies[key])).status).toBe(404);
    expect((await match(id, lily, String(await casePersonId("SBC-2026-0147", "Lily Marsh")), key)).status).toBe(404);
    expect(await audits(`contact:${id}`, "denied")).toBe(2);
    expect(await matchRows(id)).toEqual([]);
  });
});

describe("bad input changes nothing", () => {
  test("no choice, a child not among those shown, a child not on the referral: each refused with its message", async () => {
    const id = await refer([{ fullName: "Lily Marsh", dob: "2020-05-14" }]);
    const lily = await childIdOf(id, "Lily Marsh");
    const none = await server.post(`/front-door/${id}/match?child=${lily}`, { child: String(lily) }, cookies.policeScreener);
    expect(none.status).toBe(400);
    const noneHtml = await none.text();
    expect(noneHtml).toContain("There is a problem");
    expect(noneHtml).toContain("Select the child this is, or that it is none of them");

    // Lily's mother on her case, and another child on no matching route: neither was shown.
    const [mother] = await server.db.sql<{ id: string }[]>`select id from case_people where kind = 'family' limit 1`;
    for (const hostile of [mother.id, "999999"]) {
      const refused = await match(id, lily, String(hostile));
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("Select one of the children shown, or that it is none of them");
    }
    const other = await refer([{ fullName: "Ola Nobody", dob: "2013-07-07" }]);
    const notOurs = await match(id, await childIdOf(other, "Ola Nobody"), "none");
    expect(notOurs.status).toBe(400);
    expect(await notOurs.text()).toContain("Select a child of this referral");
    expect(await matchRows(id)).toEqual([]);
    expect(await matchRows(other)).toEqual([]);
    expect(await audits(`contact:${id}`, "failure", "match:contact")).toBe(4);
  });

  test("a decided referral is read, never matched: the page says so, matching is refused with its message (audited), and the database refuses it too", async () => {
    const id = await refer([{ fullName: "Ola Nobody", dob: "2013-07-07" }]);
    const ola = await childIdOf(id, "Ola Nobody");
    // Decided as the decision slice records it: a proposal and its authorisation (written here directly).
    const [screener] = await server.db.sql<{ id: string; agency_id: string }[]>`select id, agency_id from users where email = 'tom.reed@sandmere-council.example'`;
    const [manager] = await server.db.sql<{ id: string; agency_id: string }[]>`select id, agency_id from users where email = 'priya.shah@sandmere-council.example'`;
    const [proposal] = await server.db.sql<{ id: string }[]>`
      insert into contact_decisions (contact_id, step, outcome, rationale, feedback, by_user_id, by_agency_id, at)
      values (${id}, 'proposed', 'no_further_action', 'Universal services suffice.', 'Thank you; no further action.', ${screener.id}, ${screener.agency_id}, now())
      returning id`;
    await server.db.sql`
      insert into contact_decisions (contact_id, step, proposal_id, by_user_id, by_agency_id, at)
      values (${id}, 'authorised', ${proposal.id}, ${manager.id}, ${manager.agency_id}, now())`;

    const shown = await server.get(`/front-door/${id}/match?child=${ola}`, cookies.policeScreener);
    expect(shown.status).toBe(200);
    const shownText = mainText(await shown.text());
    expect(shownText).toContain("This referral has been decided: its children's matches can no longer change");
    expect(shownText).not.toContain("Save the match");
    expect(await page(id)).not.toContain(`/front-door/${id}/match?child=`);

    const refused = await match(id, ola, "none");
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("This referral has been decided: its children&#x27;s matches can no longer change");
    // The page's view and the refused match (the page drawn again after it, too).
    expect(await audits(`contact:${id}`, "denied", "match:contact")).toBeGreaterThanOrEqual(2);
    expect(await matchRows(id)).toEqual([]);
    await expect(
      server.db.sql`insert into contact_matches (contact_id, contact_child_id, outcome, by_user_id, by_agency_id, at)
                    values (${id}, ${ola}, 'none', ${screener.id}, ${screener.agency_id}, now())`,
    ).rejects.toThrow(/has been decided/);
  });

  test("a draft is not on the front door: its match page is a 404, audited, and the database refuses a match of it", async () => {
    const id = await refer([{ fullName: "Lily Marsh", dob: "2020-05-14" }], { draft: true });
    const lily = await childIdOf(id, "Lily Marsh");
    expect((await match(id, lily, "none")).status).toBe(404);
    expect(await audits(`contact:${id}`, "denied")).toBe(1);
    const [user] = await server.db.sql<{ id: string }[]>`select id from users limit 1`;
    await expect(
      server.db.sql`insert into contact_matches (contact_id, contact_child_id, outcome, by_user_id, by_agency_id, at)
                    values (${id}, ${lily}, 'none', ${user.id}, 'kestrel-vale-police', now())`,
    ).rejects.toThrow(/only a sent referral is matched/);
  });
});
