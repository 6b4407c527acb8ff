// Where a core group's notes and the plan reach beyond their own pages, judged as those pages are: case search finds
// the plan's outcomes, actions and contingency plan for everyone who reads the case, and a core group's notes only for
// those who may read them (its members, the plan's lead social worker, those overseeing the case), never for someone
// else on the case; the notes' history (by person and agency, as they stood at any point) is read by the same people
// and refused (404, audited) to anyone else.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, paragraphOf, providerFor, synced, type TestProvider } from "../support/collab-client";
import { actionsOf, cookies, ids, lastAuditId, moveTo, planForJayden, scheduled, server, useCoreGroupPortal } from "../support/core-group-portal";
import { mainText } from "../support/html";

useCoreGroupPortal();

const POLICE_WORDS = "Marigold: Dean Colt was seen at the address twice this week.";
const HEALTH_WORDS = "Marigold: Jayden gained 400 grams since the last weighing.";
const CONTINGENCY_WORDS = "If Kerry cannot keep Dean away, Jayden stays with Pat at Sandpiper Close.";
const parts = { police: "agency:kestrel-vale-police", health: "agency:sandmere-community-health" };

let path = "";
let notes = "";
let planId = 0;
const clients: TestProvider[] = [];

beforeAll(async () => {
  // A Monday; Jayden's plan is made that day and its first core group meets on the Wednesday.
  await moveTo("2027-03-01");
  planId = await planForJayden("2027-03-01");
  path = await scheduled(2, { day: "3", month: "3", year: "2027" }, ["alex.morgan", "nadia.hussain", "olu.adeyemi"]);
  notes = `case:2:core-group:${path.split("/").pop()}:notes`;
});
afterAll(() => {
  for (const client of clients) client.destroy();
});

const open = async (key: string, document: string) => {
  const client = providerFor(server.url, document, { cookie: cookies[key] });
  clients.push(client);
  await synced(client);
  return client;
};
const stored = async (document: string, userId: number) => {
  await server.portal.collab.flush();
  const [row] = await server.db.sql<{ seq: string | null }[]>`select max(seq)::text as seq from collab_updates where document = ${document} and user_id = ${userId}`;
  return row.seq === null ? null : Number(row.seq);
};
const search = (key: string, q: string) => server.get(`/cases/2/search?q=${encodeURIComponent(q)}`, cookies[key]);
/** The collaborative documents opened to answer this person's searches since the audit row `since`. */
const documentsSearched = async (userId: number, since: string) => {
  const rows = await server.db.sql<{ details: { documentsRead: string[] } }[]>`
    select details from audit_events where id > ${since} and action = 'search:case' and user_id = ${userId}`;
  return rows.flatMap((row) => row.details.documentsRead);
};

let policeSeq = 0;

describe("the members write; the police first, then health", () => {
  test("each agency's words are stored against its person", async () => {
    const police = await open("police", notes);
    police.doc.getXmlFragment(parts.police).push([paragraphOf(POLICE_WORDS)]);
    await eventually(async () => expect(await stored(notes, ids["alex.morgan"])).not.toBeNull(), 10_000);
    policeSeq = (await stored(notes, ids["alex.morgan"]))!;
    const health = await open("health", notes);
    health.doc.getXmlFragment(parts.health).push([paragraphOf(HEALTH_WORDS)]);
    await eventually(async () => expect(await stored(notes, ids["nadia.hussain"])).not.toBeNull(), 10_000);
    const lead = await open("socialWorker", "case:2:plan");
    lead.doc.getXmlFragment("default").push([paragraphOf(CONTINGENCY_WORDS)]);
    await eventually(async () => expect(await stored("case:2:plan", ids["sam.okafor"])).not.toBeNull(), 10_000);
  });
});

describe("searching the case", () => {
  test("a member of the core group finds each agency's words in its notes, named by agency, with a link to the core group", async () => {
    for (const key of ["police", "health", "socialWorker", "gp"]) {
      const html = await (await search(key, "marigold")).text();
      const text = mainText(html);
      expect(text, key).toContain("2 results");
      expect(text).toContain("Core group 1 of 3 March 2027: Kestrel Vale Police");
      expect(text).toContain("Core group 1 of 3 March 2027: Sandmere Community Health NHS Trust");
      expect(text).toContain("Dean Colt was seen at the address twice this week.");
      expect(html).toContain(`href="${path}"`);
    }
  });

  test("someone on the case who is not a member finds nothing, and the notes are not even opened for them", async () => {
    const since = await lastAuditId();
    const html = await (await search("teamManager", "marigold")).text();
    expect(mainText(html)).toContain("No results");
    for (const words of [POLICE_WORDS, HEALTH_WORDS, "Dean Colt"]) expect(html).not.toContain(words);
    const opened = await documentsSearched(ids["priya.shah"], since);
    expect(opened).toContain("case:2:notes");
    expect(opened).not.toContain(notes);
    // The same person finds the plan, which everyone on the case reads.
    expect(mainText(await (await search("teamManager", "fed, warm")).text())).toContain("The plan: outcome 1");
    // Those not on the case cannot search it at all.
    for (const key of ["education", "chair"]) expect((await search(key, "marigold")).status).toBe(404);
  });

  test("the partnership manager, overseeing the case, reads the notes and so finds them", async () => {
    expect(mainText(await (await search("partnershipManager", "marigold")).text())).toContain("2 results");
  });

  test("the plan's outcomes, actions and contingency plan are found by everyone on the case, each with its link", async () => {
    const actions = await actionsOf(planId);
    const [outcome] = await server.db.sql<{ id: string }[]>`select id from plan_outcomes where plan_id = ${planId}`;
    for (const key of ["police", "gp", "teamManager"]) {
      const outcomeHit = await (await search(key, "fed, warm")).text();
      expect(mainText(outcomeHit)).toContain("The plan: outcome 1 Jayden is fed, warm and seen by a doctor when he is ill.");
      expect(outcomeHit).toContain(`href="/cases/2/plan#outcome-${outcome.id}"`);
      const actionHit = await (await search(key, "centile line")).text();
      expect(mainText(actionHit)).toMatch(/The plan: action 1\.\d Weight on the centile line/);
      expect(actionHit).toContain(`href="/cases/2/plan#action-${actions["nadia.hussain"]}"`);
      const contingencyHit = await (await search(key, "Sandpiper Close")).text();
      expect(mainText(contingencyHit)).toContain("The plan: contingency plan");
      expect(contingencyHit).toContain('href="/cases/2/plan#contingency"');
    }
  });
});

describe("the history of a core group's notes", () => {
  test("the core group page links its members to the history of the notes; others on the case are not offered it", async () => {
    expect(await (await server.get(path, cookies.health)).text()).toContain(`href="${path}/history"`);
    const manager = await server.get(path, cookies.teamManager);
    expect(manager.status).toBe(200);
    expect(await manager.text()).not.toContain(`href="${path}/history"`);
  });

  test("lists every change by person and agency, and shows each agency's part as it stood at any point", async () => {
    const history = mainText(await (await server.get(`${path}/history`, cookies.health)).text());
    expect(history).toContain("History of the notes of the core group on 3 March 2027 at 10:00am");
    expect(history).toContain("Alex Morgan (Kestrel Vale Police)");
    expect(history).toContain("Nadia Hussain (Sandmere Community Health NHS Trust)");

    // After the police wrote, before health did: the police's words in their part, health's part still empty.
    const then = mainText(await (await server.get(`${path}/history?at=${policeSeq}`, cookies.police)).text());
    expect(then).toContain("The notes as they stood at");
    expect(then).toMatch(/Kestrel Vale Police Marigold: Dean Colt was seen at the address twice this week\./);
    expect(then).toMatch(/Sandmere Community Health NHS Trust Nothing written\./);
    expect(then).not.toContain(HEALTH_WORDS);
  });

  test("is refused to anyone who may not read the notes (404, audited), and a point that does not exist is 404", async () => {
    const since = await lastAuditId();
    expect((await server.get(`${path}/history`, cookies.teamManager)).status).toBe(404);
    expect((await server.get(`${path}/history?at=${policeSeq}`, cookies.teamManager)).status).toBe(404);
    const [denied] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where id > ${since} and user_id = ${ids["priya.shah"]} and action = 'read:record' and outcome = 'denied'`;
    expect(denied.count).toBe(2);
    expect((await server.get(`${path}/history`, cookies.education)).status).toBe(404);
    expect((await server.get(`${path}/history?at=999999`, cookies.health)).status).toBe(404);
    expect((await server.get(`${path}/history?at=soon`, cookies.health)).status).toBe(404);
  });
});
