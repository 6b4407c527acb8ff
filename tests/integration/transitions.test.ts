// Step up and step down between early help and social care (issue 12 item 7, decision 038), from outside: the lead
// social worker or a social care manager proposes a step down with a rationale; the early help service's manager
// accepts (early help leads the case, one record with its history) or declines with a reason; early help's lead or
// manager proposes a step up, answered by a social care manager. Each shows on the case page and waits on the
// receiving manager's Your work. Bad input, a second answer, one's own proposal, a closed case and the wrong lead are
// refused with a message and change nothing; anyone not entitled gets 404 (or 403 if they read the case), audited.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { mainText } from "../support/html";
import { openForOversight } from "../support/oversight-access";
import { makeReferral } from "../support/referral-portal";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const people = ["socialWorker", "teamManager", "earlyHelpManager", "earlyHelpWorker", "police", "health", "education", "partnershipManager", "screener"];
const userIds: Record<string, number> = {};
const EARLY_HELP = "sandmere-early-help";
const SOCIAL_CARE = "sandmere-childrens-services";

beforeAll(async () => {
  server = await startTestServer();
  for (const key of people) {
    cookies[key] = await server.signIn(key);
    const [row] = await server.db.sql<{ id: string }[]>`select id from users where lower(email) = lower(${demoUser(key).email})`;
    userIds[key] = Number(row.id);
  }
});
afterAll(async () => {
  await server?.close();
});

let nextReference = 1;
/** A fresh open case led by social care (Sam Okafor the lead, Priya Shah the manager), police on it too. */
async function socialCareCase(child = "Mia Stone"): Promise<number> {
  const sql = server.db.sql;
  const [row] = await sql<{ id: string }[]>`
    insert into cases (reference, opened_on) values (${`TST-TR-${nextReference++}`}, '2026-11-02') returning id`;
  const caseId = Number(row.id);
  await sql`insert into case_agencies (case_id, agency_id, is_lead) values (${caseId}, ${SOCIAL_CARE}, true), (${caseId}, 'kestrel-vale-police', false)`;
  await sql`insert into case_members (case_id, user_id, role_on_case, is_lead) values
    (${caseId}, ${userIds.socialWorker}, 'Lead social worker', true),
    (${caseId}, ${userIds.teamManager}, 'Team manager', false),
    (${caseId}, ${userIds.police}, 'Public protection officer', false)`;
  await sql`insert into case_people (case_id, kind, is_subject, full_name, date_of_birth) values (${caseId}, 'child', true, ${child}, '2019-04-01')`;
  return caseId;
}

const propose = (caseId: number, as: string, form: Record<string, string>) => server.post(`/cases/${caseId}/transitions/new`, form, cookies[as]);
const answer = (id: number, as: string, form: Record<string, string>) => server.post(`/transitions/${id}`, form, cookies[as]);
const transitionsOf = async (caseId: number) =>
  server.db.sql<{ id: string; direction: string; to_agency_id: string; rationale: string }[]>`
    select id, direction, to_agency_id, rationale from transitions where case_id = ${caseId} order by id`;
const answersOf = async (caseId: number) =>
  server.db.sql<{ answer: string; reason: string }[]>`
    select a.answer, a.reason from transition_answers a join transitions t on t.id = a.transition_id where t.case_id = ${caseId}`;
const leadOf = async (caseId: number) => {
  const [agency] = await server.db.sql<{ id: string }[]>`select agency_id as id from case_agencies where case_id = ${caseId} and is_lead and removed_at is null`;
  const leads = await server.db.sql<{ id: string }[]>`select user_id as id from case_members where case_id = ${caseId} and is_lead and removed_at is null`;
  return { agencyId: agency?.id, leadUserIds: leads.map((lead) => Number(lead.id)) };
};
const deniedAudits = async (target: string) =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where target = ${target} and outcome = 'denied'`)[0].count;

async function stepDown(caseId: number, as = "socialWorker"): Promise<number> {
  const response = await propose(caseId, as, { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "Mia's school attendance is back to normal; the family asked for parenting support." });
  expect(response.status).toBe(302);
  const rows = await transitionsOf(caseId);
  return Number(rows[rows.length - 1].id);
}

async function acceptedStepDown(caseId: number): Promise<number> {
  const id = await stepDown(caseId);
  const response = await answer(id, "earlyHelpManager", { answer: "accepted", leadUserId: String(userIds.earlyHelpWorker), reason: "" });
  expect(response.status).toBe(302);
  return id;
}

describe("a step down to early help", () => {
  test("the lead social worker proposes it; it shows on the case page and waits on the early help manager's Your work", async () => {
    const caseId = await socialCareCase("Ella Brook");
    const form = mainText(await (await server.get(`/cases/${caseId}/transitions/new`, cookies.socialWorker)).text());
    expect(form).toContain("Step down to early help");
    expect(form).toContain("Sandmere Early Help Service");
    const id = await stepDown(caseId);
    const page = mainText(await (await server.get(`/cases/${caseId}`, cookies.teamManager)).text());
    expect(page).toContain("Transitions between early help and social care");
    expect(page).toContain("From Sandmere Borough Council Children's Services to Sandmere Early Help Service");
    expect(page).toContain("the family asked for parenting support");
    expect(page).toContain("Sam Okafor, Sandmere Borough Council Children's Services");
    expect(page).toContain("Waiting for Sandmere Early Help Service to accept or decline");
    const work = mainText(await (await server.get("/", cookies.earlyHelpManager)).text());
    expect(work).toContain("Transitions waiting for your answer");
    expect(work).toContain("Step down to early help for Ella Brook");
    // Only the receiving team's manager is asked: not its practitioner, not social care.
    expect(mainText(await (await server.get("/", cookies.earlyHelpWorker)).text())).not.toContain("Step down to early help for Ella Brook");
    expect(mainText(await (await server.get("/", cookies.teamManager)).text())).not.toContain("Step down to early help for Ella Brook");
    // The early help manager reads what they need to decide, not the case itself (not yet their team's).
    const transitionPage = mainText(await (await server.get(`/transitions/${id}`, cookies.earlyHelpManager)).text());
    expect(transitionPage).toContain("Ella Brook");
    expect(transitionPage).toContain("Accept or decline");
    expect((await server.get(`/cases/${caseId}`, cookies.earlyHelpManager)).status).toBe(404);
  });

  test("the early help manager accepts: early help leads the case with its practitioner; social care stays on it, not leading; the history stays", async () => {
    const caseId = await socialCareCase();
    const id = await acceptedStepDown(caseId);
    expect(await leadOf(caseId)).toEqual({ agencyId: EARLY_HELP, leadUserIds: [userIds.earlyHelpWorker] });
    const [status] = await server.db.sql<{ status: string }[]>`select status from cases where id = ${caseId}`;
    expect(status.status).toBe("open");
    // Ben reads the case now; Sam still does, no longer its lead.
    const page = mainText(await (await server.get(`/cases/${caseId}`, cookies.earlyHelpWorker)).text());
    expect(page).toContain("Sandmere Early Help Service (lead agency)");
    expect(page).toContain("Lead practitioner, early help");
    expect(page).toContain("Lead social worker until the step down to early help");
    expect(page).toContain("Accepted");
    expect(page).toContain("By Joy Adebayo, Sandmere Early Help Service");
    expect(page).toContain("Ben Tranter leads the work");
    expect((await server.get(`/cases/${caseId}`, cookies.socialWorker)).status).toBe(200);
    expect(mainText(await (await server.get("/", cookies.earlyHelpManager)).text())).not.toContain(`/transitions/${id}`);
    const [audited] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where target = ${`transition:${id}`} and action = 'answer:transition' and outcome = 'success'`;
    expect(audited.count).toBe(1);
  });

  test("the early help manager declines with a reason: social care still leads, and the reason shows", async () => {
    const caseId = await socialCareCase();
    const id = await stepDown(caseId, "teamManager");
    const response = await answer(id, "earlyHelpManager", { answer: "declined", reason: "The risk of neglect is too high for early help: section 17 work first." });
    expect(response.status).toBe(302);
    expect(await leadOf(caseId)).toEqual({ agencyId: SOCIAL_CARE, leadUserIds: [userIds.socialWorker] });
    const page = mainText(await (await server.get(`/cases/${caseId}`, cookies.socialWorker)).text());
    expect(page).toContain("Declined");
    expect(page).toContain("The risk of neglect is too high for early help");
    // Declined, the case may be proposed again.
    expect(page).toContain("Propose a step down to early help");
  });
});

describe("a step up to social care", () => {
  test("early help's lead proposes it; a social care manager accepts and names the lead social worker", async () => {
    const caseId = await socialCareCase("Leo Hart");
    await acceptedStepDown(caseId);
    const form = mainText(await (await server.get(`/cases/${caseId}/transitions/new`, cookies.earlyHelpWorker)).text());
    expect(form).toContain("Step up to social care");
    const proposed = await propose(caseId, "earlyHelpWorker", { direction: "step_up", toAgencyId: SOCIAL_CARE, rationale: "Leo disclosed being hit by his father's partner." });
    expect(proposed.status).toBe(302);
    const id = Number((await transitionsOf(caseId)).at(-1)!.id);
    expect(mainText(await (await server.get("/", cookies.teamManager)).text())).toContain("Step up to social care for Leo Hart");
    const accepted = await answer(id, "teamManager", { answer: "accepted", leadUserId: String(userIds.socialWorker), reason: "Strategy discussion today." });
    expect(accepted.status).toBe(302);
    expect(await leadOf(caseId)).toEqual({ agencyId: SOCIAL_CARE, leadUserIds: [userIds.socialWorker] });
    const page = mainText(await (await server.get(`/cases/${caseId}`, cookies.socialWorker)).text());
    expect(page).toContain("Step up to social care");
    expect(page).toContain("Leo disclosed being hit");
    // Both transitions, the oldest first.
    expect(page.indexOf("Step down to early help From")).toBeLessThan(page.indexOf("Step up to social care From"));
  });

  test("a social care manager declines a step up with a reason: early help still leads", async () => {
    const caseId = await socialCareCase();
    await acceptedStepDown(caseId);
    await propose(caseId, "earlyHelpManager", { direction: "step_up", toAgencyId: SOCIAL_CARE, rationale: "Mother is not engaging." });
    const id = Number((await transitionsOf(caseId)).at(-1)!.id);
    expect((await answer(id, "teamManager", { answer: "declined", reason: "Keep offering support; not yet at the threshold." })).status).toBe(302);
    expect((await leadOf(caseId)).agencyId).toBe(EARLY_HELP);
  });
});

describe("bad input changes nothing", () => {
  test("a proposal without a rationale", async () => {
    const caseId = await socialCareCase();
    const response = await propose(caseId, "socialWorker", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "  " });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain("Enter the rationale: why this child&#x27;s work should move");
    expect(await transitionsOf(caseId)).toEqual([]);
  });

  test("a step down of a case not led by social care, and a step up of one not led by early help", async () => {
    const caseId = await socialCareCase();
    await acceptedStepDown(caseId);
    const down = await propose(caseId, "teamManager", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "Again." });
    expect(down.status).toBe(400);
    expect(mainText(await down.text())).toContain("Only a case led by social care can step down to early help. This case is led by Sandmere Early Help Service.");
    const other = await socialCareCase();
    await server.db.sql`insert into case_agencies (case_id, agency_id) values (${other}, ${EARLY_HELP})`;
    const up = await propose(other, "earlyHelpManager", { direction: "step_up", toAgencyId: SOCIAL_CARE, rationale: "Up." });
    expect(up.status).toBe(400);
    expect(mainText(await up.text())).toContain("Only a case led by early help can step up to social care. This case is led by Sandmere Borough Council Children's Services.");
    expect(await transitionsOf(other)).toEqual([]);
    expect(await transitionsOf(caseId)).toHaveLength(1);
  });

  test("a second proposal while one waits", async () => {
    const caseId = await socialCareCase();
    await stepDown(caseId);
    const again = await propose(caseId, "teamManager", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "Again." });
    expect(again.status).toBe(400);
    expect(mainText(await again.text())).toContain("already waiting for an answer from Sandmere Early Help Service");
    expect(await transitionsOf(caseId)).toHaveLength(1);
  });

  test("declining without a reason, answering with neither, accepting without a lead", async () => {
    const caseId = await socialCareCase();
    const id = await stepDown(caseId);
    const noReason = await answer(id, "earlyHelpManager", { answer: "declined", reason: " " });
    expect(noReason.status).toBe(400);
    expect(mainText(await noReason.text())).toContain("Enter why you are declining the transition");
    const neither = await answer(id, "earlyHelpManager", { reason: "x" });
    expect(neither.status).toBe(400);
    expect(mainText(await neither.text())).toContain("Choose whether you accept or decline the transition");
    const noLead = await answer(id, "earlyHelpManager", { answer: "accepted", leadUserId: "", reason: "" });
    expect(noLead.status).toBe(400);
    expect(mainText(await noLead.text())).toContain("Choose who in your team will lead the work");
    const wrongLead = await answer(id, "earlyHelpManager", { answer: "accepted", leadUserId: String(userIds.socialWorker), reason: "" });
    expect(wrongLead.status).toBe(400);
    expect(mainText(await wrongLead.text())).toContain("Choose someone in your own team to lead the work");
    expect(await answersOf(caseId)).toEqual([]);
    expect((await leadOf(caseId)).agencyId).toBe(SOCIAL_CARE);
  });

  test("a second answer to an answered transition", async () => {
    const caseId = await socialCareCase();
    const id = await stepDown(caseId);
    await answer(id, "earlyHelpManager", { answer: "declined", reason: "Not now." });
    const second = await answer(id, "earlyHelpManager", { answer: "accepted", leadUserId: String(userIds.earlyHelpWorker), reason: "" });
    expect(second.status).toBe(400);
    expect(mainText(await second.text())).toContain("This transition has already been declined by Joy Adebayo");
    expect(await answersOf(caseId)).toEqual([{ answer: "declined", reason: "Not now." }]);
    expect((await leadOf(caseId)).agencyId).toBe(SOCIAL_CARE);
  });

  test("accepting one's own proposal (a manager who has since moved to early help)", async () => {
    const caseId = await socialCareCase();
    const id = await stepDown(caseId, "teamManager");
    const [moved] = await server.db.sql<{ id: string }[]>`
      insert into users (agency_id, role, full_name, email, password_hash)
      select ${EARLY_HELP}, 'manager', 'Priya Shah (moved)', 'priya.moved@sandmere-earlyhelp.example', password_hash from users where id = ${userIds.teamManager}
      returning id`;
    // The row that proposed is Priya's; the policy and the database both refuse her answering it from any agency.
    await server.db.sql`update users set agency_id = ${EARLY_HELP} where id = ${userIds.teamManager}`;
    try {
      const own = await answer(id, "teamManager", { answer: "accepted", leadUserId: String(userIds.earlyHelpWorker), reason: "" });
      expect(own.status).toBe(400);
      expect(mainText(await own.text())).toContain("You proposed this transition: someone else in the receiving team answers it");
      await expect(
        server.db.sql`insert into transition_answers (transition_id, answer, by_user_id, by_agency_id, at) values (${id}, 'accepted', ${userIds.teamManager}, ${EARLY_HELP}, now())`,
      ).rejects.toThrow(/other than its proposer/);
    } finally {
      await server.db.sql`update users set agency_id = ${SOCIAL_CARE} where id = ${userIds.teamManager}`;
    }
    expect(moved).toBeTruthy();
    expect(await answersOf(caseId)).toEqual([]);
  });

  test("a transition on a closed case", async () => {
    const caseId = await socialCareCase();
    const id = await stepDown(caseId);
    await server.db.sql`update cases set status = 'closed', closed_on = '2026-11-20' where id = ${caseId}`;
    const proposal = await propose(caseId, "socialWorker", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "x" });
    expect(proposal.status).toBe(400);
    expect(mainText(await proposal.text())).toContain("This case is closed: its work cannot step up or down");
    const answered = await answer(id, "earlyHelpManager", { answer: "accepted", leadUserId: String(userIds.earlyHelpWorker), reason: "" });
    expect(answered.status).toBe(400);
    expect(mainText(await answered.text())).toContain("This case is closed: its work cannot step up or down");
    expect(await answersOf(caseId)).toEqual([]);
    expect(await transitionsOf(caseId)).toHaveLength(1);
  });

  test("a step down while the child protection plan is active (Lily's case)", async () => {
    const response = await propose(1, "socialWorker", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "x" });
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain("The child protection plan is active");
    expect(await transitionsOf(1)).toEqual([]);
  });
});

describe("access", () => {
  test("someone who cannot read the case gets 404, audited; a member who may not propose gets 403, audited", async () => {
    const caseId = await socialCareCase();
    for (const key of ["education", "earlyHelpWorker", "health"]) {
      expect((await server.get(`/cases/${caseId}/transitions/new`, cookies[key])).status).toBe(404);
      expect((await propose(caseId, key, { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "x" })).status).toBe(404);
    }
    expect(await deniedAudits(`case:${caseId}`)).toBeGreaterThanOrEqual(6);
    // The partnership manager, not on the case: a 404 until they have said why they need to open it (decision 039);
    // then they read it, and propose nothing.
    expect((await propose(caseId, "partnershipManager", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "x" })).status).toBe(404);
    await openForOversight(server, cookies.partnershipManager, caseId);
    const before = await deniedAudits(`case:${caseId}`);
    expect((await propose(caseId, "police", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "x" })).status).toBe(403);
    expect((await propose(caseId, "partnershipManager", { direction: "step_down", toAgencyId: EARLY_HELP, rationale: "x" })).status).toBe(403);
    expect(await deniedAudits(`case:${caseId}`)).toBe(before + 2);
    expect(await transitionsOf(caseId)).toEqual([]);
  });

  test("the transition is read by the receiving manager, the proposer and the case's readers; answered only by the receiving manager", async () => {
    const caseId = await socialCareCase();
    const id = await stepDown(caseId);
    for (const key of ["education", "earlyHelpWorker", "health", "screener"]) {
      expect((await server.get(`/transitions/${id}`, cookies[key])).status).toBe(404);
      expect((await answer(id, key, { answer: "declined", reason: "x" })).status).toBe(404);
    }
    expect(await deniedAudits(`transition:${id}`)).toBe(8);
    expect((await server.get(`/transitions/${id}`, cookies.police)).status).toBe(200);
    expect(mainText(await (await server.get(`/transitions/${id}`, cookies.police)).text())).not.toContain("Accept or decline");
    expect((await answer(id, "teamManager", { answer: "declined", reason: "x" })).status).toBe(403);
    expect((await answer(id, "police", { answer: "declined", reason: "x" })).status).toBe(403);
    expect(await deniedAudits(`transition:${id}`)).toBe(10);
    expect((await server.get(`/transitions/999999`, cookies.earlyHelpManager)).status).toBe(404);
    expect(await answersOf(caseId)).toEqual([]);
  });

  test("a transition, once made or answered, is never changed or removed", async () => {
    const caseId = await socialCareCase();
    const id = await acceptedStepDown(caseId);
    await expect(server.db.sql`update transitions set rationale = 'rewritten' where id = ${id}`).rejects.toThrow(/record of evidence/);
    await expect(server.db.sql`delete from transition_answers where transition_id = ${id}`).rejects.toThrow(/record of evidence/);
  });
});

describe("a contact's step down (the front door's decision)", () => {
  test("a transition names a case or a contact, never both or neither", async () => {
    const [contact] = await server.db.sql<{ id: string }[]>`select id from contacts where status = 'submitted' order by id limit 1`;
    const caseId = await socialCareCase();
    const insert = (caseValue: number | null, contactValue: string | null) => server.db.sql`
      insert into transitions (direction, case_id, contact_id, from_agency_id, to_agency_id, rationale, proposed_by_user_id, proposed_by_agency_id, proposed_at)
      values ('step_down', ${caseValue}, ${contactValue}, ${SOCIAL_CARE}, ${EARLY_HELP}, 'x', ${userIds.teamManager}, ${SOCIAL_CARE}, now())`;
    await expect(insert(null, null)).rejects.toThrow();
    await expect(insert(caseId, contact.id)).rejects.toThrow();
  });

  test("a manager's authorised decision to step down to early help waits for early help's manager, who accepts it", async () => {
    const id = await makeReferral(server, cookies.education, { send: true });
    expect((await server.post(`/front-door/${id}/consent`, { consent: "given", reason: "Mum agreed on the phone." }, cookies.screener)).status).toBe(302);
    // Its children matched to none already known (the front door asks that before a decision).
    for (const child of await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${id}`)
      expect((await server.post(`/front-door/${id}/match`, { child: child.id, match: "none" }, cookies.screener)).status).toBe(302);
    const proposed = await server.post(
      `/front-door/${id}/decision`,
      { outcome: "early_help", rationale: "Needs are met by a family support worker: no safeguarding threshold.", feedback: "Early help will contact the family." },
      cookies.screener,
    );
    expect(proposed.status, mainText(await proposed.clone().text())).toBe(302);
    const [pending] = await server.db.sql<{ id: string }[]>`
      select id from contact_decisions where contact_id = ${id} and step = 'proposed' order by id desc limit 1`;
    const authorised = await server.post(`/front-door/${id}/decision/authorise`, { proposalId: pending.id, answer: "authorise", feedback: "Early help will contact the family." }, cookies.teamManager);
    expect(authorised.status).toBe(302);
    const [transition] = await server.db.sql<{ id: string; from_agency_id: string; to_agency_id: string; rationale: string }[]>`
      select id, from_agency_id, to_agency_id, rationale from transitions where contact_id = ${id}`;
    expect(transition).toMatchObject({ from_agency_id: SOCIAL_CARE, to_agency_id: EARLY_HELP, rationale: "Needs are met by a family support worker: no safeguarding threshold." });
    const work = mainText(await (await server.get("/", cookies.earlyHelpManager)).text());
    expect(work).toContain("Step down to early help for Lily Marsh");
    expect(work).toContain(`Referral R-${id}`);
    const page = mainText(await (await server.get(`/transitions/${transition.id}`, cookies.earlyHelpManager)).text());
    expect(page).toContain("Needs are met by a family support worker");
    expect(page).toContain("Accept or decline");
    // The screening team sees on the decision page that it waits for early help, then early help's answer.
    const decision = () => server.get(`/front-door/${id}/decision`, cookies.screener).then(async (response) => mainText(await response.text()));
    expect(await decision()).toContain("Early help's answer");
    expect(await decision()).toContain("Waiting for Sandmere Early Help Service to accept or decline");
    // A contact has no case to lead: accepting names no one.
    expect((await answer(Number(transition.id), "earlyHelpManager", { answer: "accepted", reason: "Allocated to the family support team." })).status).toBe(302);
    expect(mainText(await (await server.get(`/transitions/${transition.id}`, cookies.screener)).text())).toContain("Allocated to the family support team.");
    expect(await decision()).toContain("By Joy Adebayo, Sandmere Early Help Service");
    expect(mainText(await (await server.get("/", cookies.earlyHelpManager)).text())).not.toContain(`Referral R-${id}`);
    // The referrer reads their referral's outcome, not the transition.
    expect((await server.get(`/transitions/${transition.id}`, cookies.education)).status).toBe(404);
  });
});
