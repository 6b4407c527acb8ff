// Agency checks and the front door map on a contact (issue 12 items 4 and 8), from outside: real requests and the
// stock Yjs client. Each agency is asked once and writes its own check live while the screening team reads along;
// the police's is restricted to the police and the deciding managers until shared with a reason; completing a check
// ends writing on open sockets before the page says so; the referrer never opens a check; bad input changes nothing.
import { describe, expect, test } from "vitest";
import { eventually, synced, text, useCollabServer } from "../support/collab-client";
import { mainText } from "../support/html";
import { makeReferral } from "../support/referral-portal";
import { type TestServer } from "../support/test-server";

let server: TestServer;
const { open } = useCollabServer({ ACCESS_RECHECK_MS: "5000" }, {}, (started) => (server = started));

const POLICE = "kestrel-vale-police";
const HEALTH = "sandmere-community-health";
const cookies: Record<string, string> = {};
const as = async (key: string) => (cookies[key] ??= await server.signIn(key));
const checkName = (id: number, agency: string) => `contact:${id}:check:${agency}`;
const checksOf = async (id: number) =>
  server.db.sql<{ agency_id: string; asked: string; restricted: boolean }[]>`select agency_id, asked, restricted from contact_checks where contact_id = ${id} order by id`;
const deniedAudits = async (target: string) =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where target = ${target} and outcome = 'denied'`)[0].count;
const ask = async (id: number, agencyId: string, by = "screener") =>
  server.post(`/front-door/${id}/checks/new`, { agencyId, asked: `What ${agencyId} holds about the family` }, await as(by));

describe("asking for checks", () => {
  test("the MASH social worker asks the police and health; each is recorded with when and by whom, the police's restricted", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    expect((await ask(id, POLICE)).status).toBe(302);
    expect((await ask(id, HEALTH)).status).toBe(302);
    expect(await checksOf(id)).toEqual([
      { agency_id: POLICE, asked: `What ${POLICE} holds about the family`, restricted: true },
      { agency_id: HEALTH, asked: `What ${HEALTH} holds about the family`, restricted: false },
    ]);
    const page = mainText(await (await server.get(`/front-door/${id}`, await as("healthScreener"))).text());
    expect(page).toContain("Agency checks");
    expect(page).toContain("Kestrel Vale Police and the managers who decide");
    expect(page).toContain("Sandmere Community Health NHS Trust (yours to write)");
  });

  test("bad input gets its message and changes nothing: no agency, nothing asked, an agency asked twice, one outside the team", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    await ask(id, POLICE);
    const cookie = await as("screener");
    for (const [form, message] of [
      [{ asked: "x" }, "Choose the agency to ask"],
      [{ agencyId: HEALTH, asked: "  " }, "Enter what you want the agency to check"],
      [{ agencyId: POLICE, asked: "Again" }, "That agency has already been asked for its check on this referral"],
      [{ agencyId: "sandmere-partnership", asked: "x" }, "Choose an agency of the screening team"],
    ] as const) {
      const response = await server.post(`/front-door/${id}/checks/new`, form, cookie);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain("There is a problem");
      expect(html).toContain(message);
    }
    expect((await checksOf(id)).map((check) => check.agency_id)).toEqual([POLICE]);
  });

  test("the referrer, a practitioner and an administrator cannot ask, and a draft has no checks: 404s, audited", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    const draft = await makeReferral(server, await as("education"));
    for (const key of ["education", "police", "policeAdmin"]) expect((await ask(id, HEALTH, key)).status).toBe(404);
    expect((await ask(draft, HEALTH)).status).toBe(404);
    expect(await checksOf(id)).toEqual([]);
    expect(await deniedAudits(`contact:${id}`)).toBeGreaterThanOrEqual(3);
  });
});

describe("writing checks live", () => {
  test("the police write their check while the deciding manager reads along; other screeners and the referrer are refused", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    await ask(id, POLICE);
    const police = open(await as("policeScreener"), checkName(id, POLICE));
    const manager = open(await as("teamManager"), checkName(id, POLICE));
    await Promise.all([synced(police), synced(manager)]);
    police.doc.getText("notes").insert(0, "Two DA call-outs to the address in October.");
    await eventually(() => expect(text(manager)).toContain("Two DA call-outs"));
    expect(manager.notices.join(" ")).toMatch(/read-only/);

    // Health's screener, the MASH social worker and the school get the same 404 as for a check that does not exist.
    for (const key of ["healthScreener", "screener", "education"]) {
      expect((await server.get(`/front-door/${id}/checks/${POLICE}`, await as(key))).status).toBe(404);
      const outsider = open(await as(key), checkName(id, POLICE));
      await eventually(() => expect(outsider.closeCodes.length).toBeGreaterThan(0));
      outsider.destroy();
    }
    expect(await deniedAudits(`document:${checkName(id, POLICE)}`)).toBeGreaterThanOrEqual(6);

    await server.portal.collab.flush();
    const [author] = await server.db.sql<{ fullName: string }[]>`
      select distinct u.full_name as "fullName" from collab_updates c join users u on u.id = c.user_id where c.document = ${checkName(id, POLICE)}`;
    expect(author.fullName).toBe("Sergeant Dev Patel");
    const history = await server.get(`/front-door/${id}/checks/${POLICE}/history`, await as("teamManager"));
    expect(mainText(await history.text())).toContain("Sergeant Dev Patel (Kestrel Vale Police)");
    expect((await server.get(`/front-door/${id}/checks/${POLICE}/history`, await as("healthScreener"))).status).toBe(404);
  });

  test("shared with a reason, the police's check is read by the whole screening team; without a reason nothing changes", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    await ask(id, POLICE);
    const path = `/front-door/${id}/checks/${POLICE}`;
    const refused = await server.post(path, { intent: "share", reason: " " }, await as("policeScreener"));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Enter why the whole screening team needs to read this check");
    expect((await server.get(path, await as("healthScreener"))).status).toBe(404);
    // Only the police share it.
    expect((await server.post(path, { intent: "share", reason: "Needed" }, await as("teamManager"))).status).toBe(403);

    expect((await server.post(path, { intent: "share", reason: "The bruising fits the call-outs; health needs to know." }, await as("policeScreener"))).status).toBe(302);
    const page = await server.get(path, await as("healthScreener"));
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toContain("The bruising fits the call-outs; health needs to know.");
    // Still never the referrer's.
    expect((await server.get(path, await as("education"))).status).toBe(404);
  });

  test("completing a check makes every open editor read-only before the page says so; its time is kept", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    await ask(id, HEALTH);
    const health = open(await as("healthScreener"), checkName(id, HEALTH));
    await synced(health);
    health.doc.getText("notes").insert(0, "Missed two health visitor appointments. ");
    await eventually(async () => {
      await server.portal.collab.flush();
      const [row] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from collab_updates where document = ${checkName(id, HEALTH)}`;
      expect(row.count).toBeGreaterThan(0);
    });
    const done = await server.post(`/front-door/${id}/checks/${HEALTH}`, { intent: "complete" }, await as("healthScreener"));
    expect(done.status).toBe(302);
    // Made read-only before the response came back.
    expect(health.notices.join(" ")).toMatch(/read-only/);
    const [completion] = await server.db.sql`select by_user_id from contact_check_completions c join contact_checks k on k.id = c.check_id where k.contact_id = ${id}`;
    expect(completion).toBeDefined();
    health.doc.getText("notes").insert(0, "LATE ");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.portal.collab.flush();
    const page = mainText(await (await server.get(`/front-door/${id}/checks/${HEALTH}`, await as("screener"))).text());
    expect(page).toContain("This check has been completed. You can read it but no one can change it.");
    const stored = await server.db.sql<{ update: Uint8Array }[]>`select update from collab_updates where document = ${checkName(id, HEALTH)}`;
    expect(stored.map((row) => Buffer.from(row.update).toString("latin1")).join("")).not.toContain("LATE");
  });
});

describe("the front door map", () => {
  test("any screener starts it; screeners of every agency write in it at once; the referrer never opens it", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    const before = mainText(await (await server.get(`/front-door/${id}/map`, await as("educationScreener"))).text());
    expect(before).toContain("Start a map");
    expect((await server.post(`/front-door/${id}/map`, {}, await as("educationScreener"))).status).toBe(302);
    // A second start keeps the first map.
    expect((await server.post(`/front-door/${id}/map`, {}, await as("policeScreener"))).status).toBe(302);
    const [row] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from contact_maps where contact_id = ${id}`;
    expect(row.count).toBe(1);

    const school = open(await as("educationScreener"), `contact:${id}:map`);
    const police = open(await as("policeScreener"), `contact:${id}:map`);
    await Promise.all([synced(school), synced(police)]);
    school.doc.getText("harm").insert(0, "Bruise on Lily's arm. ");
    police.doc.getText("danger").insert(0, "DA call-outs. ");
    await eventually(() => {
      expect(police.doc.getText("harm").toString()).toContain("Bruise");
      expect(school.doc.getText("danger").toString()).toContain("DA call-outs");
    });
    expect(school.notices).toEqual([]);
    expect(police.notices).toEqual([]);
    await server.portal.collab.flush();
    const history = mainText(await (await server.get(`/front-door/${id}/map/history`, await as("healthScreener"))).text());
    expect(history).toContain("History of the front door map");
    expect(history).toContain("Ian Forde (Larkfield Primary School)");
    expect(history).toContain("Sergeant Dev Patel (Kestrel Vale Police)");
    expect((await server.get(`/front-door/${id}/map/history`, await as("education"))).status).toBe(404);
    expect((await server.get(`/front-door/${id}/map`, await as("education"))).status).toBe(404);
    expect((await server.post(`/front-door/${id}/map`, {}, await as("police"))).status).toBe(404);
  });
});

describe("deciding ends writing and carries the map", () => {
  /** Consent recorded, every child matched none, and a strategy discussion proposed by the MASH social worker. */
  async function proposeStrategyDiscussion(id: number) {
    expect((await server.post(`/front-door/${id}/consent`, { consent: "given", reason: "Asked by phone." }, await as("screener"))).status).toBe(302);
    for (const child of await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${id}`)
      expect((await server.post(`/front-door/${id}/match`, { child: child.id, match: "none" }, await as("screener"))).status).toBe(302);
    const proposed = await server.post(
      `/front-door/${id}/decision`,
      { outcome: "strategy_discussion", rationale: "Significant harm suspected.", feedback: "A strategy discussion will be held." },
      await as("screener"),
    );
    expect(proposed.status).toBe(302);
    const [proposal] = await server.db.sql<{ id: string }[]>`select id from contact_decisions where contact_id = ${id} and step = 'proposed'`;
    return Number(proposal.id);
  }

  test("authorising makes every open check and the map read-only before it answers; the map goes to the case with its writers", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    await ask(id, POLICE);
    expect((await server.post(`/front-door/${id}/map`, {}, await as("screener"))).status).toBe(302);
    const police = open(await as("policeScreener"), checkName(id, POLICE));
    const map = open(await as("healthScreener"), `contact:${id}:map`);
    await Promise.all([synced(police), synced(map)]);
    police.doc.getText("notes").insert(0, "Police check words. ");
    map.doc.getText("harm").insert(0, "Health's words on the map. ");
    await eventually(async () => {
      await server.portal.collab.flush();
      const [row] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from collab_updates where document = ${`contact:${id}:map`}`;
      expect(row.count).toBeGreaterThan(0);
    });
    const proposalId = await proposeStrategyDiscussion(id);

    const authorised = await server.post(`/front-door/${id}/decision/authorise`, { proposalId: String(proposalId), answer: "authorise", feedback: "A strategy discussion will be held." }, await as("teamManager"));
    expect(authorised.status).toBe(302);
    // Both editors were told before the answer came back.
    expect(police.notices.join(" ")).toMatch(/read-only/);
    expect(map.notices.join(" ")).toMatch(/read-only/);

    const [decision] = await server.db.sql<{ caseId: string; meetingId: string }[]>`
      select case_id as "caseId", meeting_id as "meetingId" from contact_decisions where contact_id = ${id} and step = 'authorised'`;
    const [carried] = await server.db.sql<{ mapId: string }[]>`select carried_to_map_id as "mapId" from contact_maps where contact_id = ${id}`;
    const caseMap = `case:${decision.caseId}:map:${carried.mapId}`;
    const writers = await server.db.sql<{ fullName: string }[]>`
      select distinct u.full_name as "fullName" from collab_updates c join users u on u.id = c.user_id where c.document = ${caseMap}`;
    expect(writers.map((writer) => writer.fullName)).toEqual(["Grace Oduya"]);
    // The case's map opens with the front door's words; the front door's map stays, read-only.
    const onCase = open(await as("teamManager"), caseMap);
    await synced(onCase);
    expect(onCase.doc.getText("harm").toString()).toContain("Health's words on the map.");
    const mapPage = mainText(await (await server.get(`/front-door/${id}/map`, await as("policeScreener"))).text());
    expect(mapPage).toContain("Carried to the case");

    // The strategy discussion shows the checks; the police's opens for the manager, not for the referrer.
    const meeting = mainText(await (await server.get(`/cases/${decision.caseId}/meetings/${decision.meetingId}`, await as("teamManager"))).text());
    expect(meeting).toContain(`From the front door: referral R-${id}`);
    expect(meeting).toContain("Kestrel Vale Police's check");
    expect((await server.get(`/front-door/${id}/checks/${POLICE}`, await as("teamManager"))).status).toBe(200);
    expect((await server.get(`/front-door/${id}/checks/${POLICE}`, await as("education"))).status).toBe(404);
    // The case's people read the referral that opened it, with the decision; those who may not read the case get 404.
    const referral = mainText(await (await server.get(`/cases/${decision.caseId}/referrals/${id}`, await as("teamManager"))).text());
    expect(referral).toContain("Strategy discussion (significant harm suspected)");
    expect(referral).toContain("Significant harm suspected.");
    expect(referral).toContain("Lily came to school hungry with a bruise on her arm.");
    expect((await server.get(`/cases/${decision.caseId}/referrals/${id}`, await as("education"))).status).toBe(404);
  });
});

describe("the database's own guards (migration 021)", () => {
  test("no match changes while a proposal waits; a decided contact takes no check, map or share; no one authorises their own proposal; a police check is restricted", async () => {
    const id = await makeReferral(server, await as("education"), { send: true });
    await ask(id, POLICE);
    expect((await server.post(`/front-door/${id}/consent`, { consent: "given", reason: "Asked." }, await as("screener"))).status).toBe(302);
    const [child] = await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${id}`;
    expect((await server.post(`/front-door/${id}/match`, { child: child.id, match: "none" }, await as("screener"))).status).toBe(302);
    const proposed = await server.post(`/front-door/${id}/decision`, { outcome: "no_further_action", rationale: "No harm.", feedback: "Thank you." }, await as("screener"));
    expect(proposed.status).toBe(302);
    const rematch = await server.post(`/front-door/${id}/match`, { child: child.id, match: "none" }, await as("screener"));
    expect(rematch.status).toBe(409);
    expect(await rematch.text()).toContain("A decision is waiting for a manager: it must be sent back before a match changes");

    const [proposal] = await server.db.sql<{ id: string; by: string; agency: string }[]>`
      select id, by_user_id as by, by_agency_id as agency from contact_decisions where contact_id = ${id} and step = 'proposed'`;
    await expect(
      server.db.sql`insert into contact_decisions (contact_id, step, proposal_id, by_user_id, by_agency_id, at)
                    values (${id}, 'authorised', ${proposal.id}, ${proposal.by}, ${proposal.agency}, now())`,
    ).rejects.toThrow(/never authorised by the one who made it/);
    const [police] = await server.db.sql<{ id: string }[]>`select id from users where role = 'screener' and agency_id = ${POLICE}`;
    await expect(
      server.db.sql`insert into contact_checks (contact_id, agency_id, asked, restricted, asked_by_user_id, asked_by_agency_id, asked_at)
                    values (${id}, ${HEALTH}, 'x', true, ${police.id}, ${POLICE}, now())`,
    ).rejects.toThrow(/a police check is restricted, and only a police check/);

    expect((await server.post(`/front-door/${id}/decision/authorise`, { proposalId: proposal.id, answer: "authorise", feedback: "Thank you." }, await as("teamManager"))).status).toBe(302);
    const [check] = await server.db.sql<{ id: string }[]>`select id from contact_checks where contact_id = ${id}`;
    await expect(server.db.sql`insert into contact_check_shares (check_id, reason, by_user_id, at) values (${check.id}, 'late', ${police.id}, now())`).rejects.toThrow(/has been decided/);
    await expect(server.db.sql`insert into contact_maps (contact_id, started_by_user_id, started_at) values (${id}, ${police.id}, now())`).rejects.toThrow(/has been decided/);
    await expect(
      server.db.sql`insert into contact_checks (contact_id, agency_id, asked, restricted, asked_by_user_id, asked_by_agency_id, asked_at)
                    values (${id}, ${HEALTH}, 'x', false, ${police.id}, ${POLICE}, now())`,
    ).rejects.toThrow(/has been decided/);
  });
});
