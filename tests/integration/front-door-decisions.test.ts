// Consent and decisions at the front door (issue 12 items 5 and 6; decision 036), from outside: the screening team
// records consent (dispensed with only with the reason and a social care manager), a screener proposes a decision, a
// social care manager authorises it or sends it back (never their own), a strategy discussion opens the case with the
// children and convenes the discussion, and the referrer sees the outcome and the feedback, never why. Bad input and a
// second decision are refused with their messages and change nothing.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { mainText } from "../support/html";
import { answer as answerStep, completeAnswers, lily, makeReferral, startReferral } from "../support/referral-portal";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const sockets: PortalSocket[] = [];
const ids: Record<string, number> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const key of ["screener", "policeScreener", "healthScreener", "teamManager", "education", "police", "socialWorker"]) {
    cookies[key] = await server.signIn(key);
    const [row] = await server.db.sql<{ id: string }[]>`select id from users where email = ${demoUser(key).email}`;
    ids[key] = Number(row.id);
  }
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.close();
});

const sent = () => makeReferral(server, cookies.education, { send: true });
const consentRows = async (id: number) =>
  server.db.sql<{ consent: string; reason: string; manager_user_id: string | null }[]>`
    select consent, reason, manager_user_id from contact_consent where contact_id = ${id} order by id`;
const decisionRows = async (id: number) =>
  server.db.sql<{ step: string; outcome: string | null; case_id: string | null; meeting_id: string | null }[]>`
    select step, outcome, case_id, meeting_id from contact_decisions where contact_id = ${id} order by id`;
const recordConsent = (id: number, as: string, form: Record<string, string>) => server.post(`/front-door/${id}/consent`, form, cookies[as]);
const propose = (id: number, as: string, form: Record<string, string>) => server.post(`/front-door/${id}/decision`, form, cookies[as]);
const pendingId = async (id: number) =>
  Number(
    (
      await server.db.sql<{ id: string }[]>`
        select p.id from contact_decisions p where p.contact_id = ${id} and p.step = 'proposed'
          and not exists (select 1 from contact_decisions a where a.proposal_id = p.id) order by p.id desc limit 1`
    )[0]?.id ?? 0,
  );
const answer = async (id: number, as: string, form: Record<string, string>) =>
  server.post(`/front-door/${id}/decision/authorise`, { proposalId: String(await pendingId(id)), ...form }, cookies[as]);
const page = async (path: string, as: string) => mainText(await (await server.get(path, cookies[as])).text());

const nfa = {
  outcome: "no_further_action",
  rationale: "INTERNAL: the school's worry is met by the health visitor's weekly visits.",
  feedback: "Thank you. No further action: please keep supporting Lily and refer again if anything changes.",
};

/** Each child on the referral confirmed none of the children already known (matching, decision 035). */
async function matchNone(id: number): Promise<void> {
  for (const child of await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${id}`)
    expect((await server.post(`/front-door/${id}/match`, { child: child.id, match: "none" }, cookies.screener)).status).toBe(302);
}

/** A sent referral with consent given by the screening team and its children matched, ready for a decision. */
async function readyToDecide(id?: number): Promise<number> {
  id ??= await sent();
  expect((await recordConsent(id, "screener", { consent: "given", reason: "Mum agreed on the phone." })).status).toBe(302);
  await matchNone(id);
  return id;
}

describe("consent", () => {
  test("the screening team records consent given, then dispensed with by a social care manager; every record is kept, the latest current, beside the referrer's answer", async () => {
    const id = await sent();
    const before = await page(`/front-door/${id}/consent`, "policeScreener");
    expect(before).toContain("The referrer's answer Not asked");
    expect(before).toContain("Asking would put Lily at risk of harm.");
    expect(before).toContain("Not recorded yet");

    const given = await recordConsent(id, "policeScreener", { consent: "given", reason: "Asked Kerry Marsh by phone." });
    expect(given.status).toBe(302);
    expect(given.headers.get("location")).toBe(`/front-door/${id}/consent?recorded=1`);
    const dispensed = await recordConsent(id, "healthScreener", {
      consent: "dispensed_with",
      reason: "Seeking consent would place Lily at risk of significant harm.",
      managerUserId: String(ids.teamManager),
    });
    expect(dispensed.status).toBe(302);
    expect((await consentRows(id)).map((row) => row.consent)).toEqual(["given", "dispensed_with"]);

    const after = await page(`/front-door/${id}/consent?recorded=1`, "screener");
    expect(after).toContain("Consent recorded: dispensed with");
    expect(after).toContain("The screening team's record Dispensed with");
    expect(after).toContain("Decided by Priya Shah");
    expect(after).toContain("Grace Oduya, Sandmere Community Health NHS Trust");
    expect(after).toContain("Sergeant Dev Patel, Kestrel Vale Police");
    expect(after.indexOf("Seeking consent would place")).toBeLessThan(after.indexOf("Asked Kerry Marsh by phone."));
    // The screening page's section shows it too.
    expect(await page(`/front-door/${id}`, "screener")).toContain("Dispensed with (the referrer: not asked)");
  });

  test.each([
    ["without a reason", { consent: "dispensed_with", reason: " ", managerUserId: "MANAGER" }, "Enter why consent is dispensed with"],
    ["without a manager", { consent: "dispensed_with", reason: "Risk of harm." }, "Select the social care manager who decided to dispense with consent"],
    ["naming a screener, not a manager", { consent: "dispensed_with", reason: "Risk of harm.", managerUserId: "SCREENER" }, "Select the social care manager who decided from the list"],
    ["naming a police practitioner", { consent: "dispensed_with", reason: "Risk of harm.", managerUserId: "POLICE" }, "Select the social care manager who decided from the list"],
    ["naming no one who exists", { consent: "dispensed_with", reason: "Risk of harm.", managerUserId: "999999" }, "Select the social care manager who decided from the list"],
    ["with no answer", { reason: "x" }, "Choose whether consent was given, refused or dispensed with"],
  ])("dispensing with consent %s is refused with its message and records nothing", async (_, form, message) => {
    const id = await sent();
    const filled = Object.fromEntries(
      Object.entries(form).map(([key, value]) => [key, value.replace("MANAGER", String(ids.teamManager)).replace("SCREENER", String(ids.screener)).replace("POLICE", String(ids.police))]),
    );
    const response = await recordConsent(id, "screener", filled);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain(message);
    expect(await consentRows(id)).toEqual([]);
  });
});

describe("proposing and authorising", () => {
  test("a decision needs consent recorded: the referrer did not ask, so the screening team must record it first", async () => {
    const id = await sent();
    const refused = await propose(id, "screener", nfa);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Record consent before proposing a decision");
    expect(await decisionRows(id)).toEqual([]);
    expect(await page(`/front-door/${id}/decision`, "screener")).toContain("Record consent before proposing a decision");
  });

  test("a decision needs every child matched, or confirmed none, first", async () => {
    const id = await sent();
    expect((await recordConsent(id, "screener", { consent: "refused" })).status).toBe(302);
    const refused = await propose(id, "screener", nfa);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Match the children to those already known");
    expect(await decisionRows(id)).toEqual([]);
    await matchNone(id);
    expect((await propose(id, "screener", nfa)).status).toBe(302);
  });

  test.each([
    ["without an outcome", { rationale: "x", feedback: "y" }, "Choose the outcome you propose"],
    ["without a rationale", { outcome: "assessment", rationale: "  ", feedback: "y" }, "Enter the rationale for this decision"],
    ["without feedback for the referrer", { outcome: "assessment", rationale: "x", feedback: "" }, "Enter the feedback for the referrer"],
    ["with an outcome not on the list", { outcome: "adopt", rationale: "x", feedback: "y" }, "Choose the outcome you propose"],
  ])("a proposal %s is refused with its message and changes nothing", async (_, form, message) => {
    const id = await readyToDecide();
    const response = await propose(id, "screener", form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
    expect(await decisionRows(id)).toEqual([]);
  });

  test("a screener proposes; a screener who is no manager cannot authorise; a manager sends it back (only with a reason); a new proposal is then made", async () => {
    const id = await readyToDecide();
    const proposed = await propose(id, "policeScreener", nfa);
    expect(proposed.status).toBe(302);
    expect(proposed.headers.get("location")).toBe(`/front-door/${id}/decision?proposed=1`);
    const shown = await page(`/front-door/${id}/decision?proposed=1`, "teamManager");
    expect(shown).toContain("Decision proposed");
    expect(shown).toContain("Waiting for a manager to authorise");
    expect(shown).toContain("Authorise or send back");

    // A second proposal while one waits is refused.
    const second = await propose(id, "screener", { ...nfa, outcome: "assessment" });
    expect(second.status).toBe(400);
    expect(await second.text()).toContain("A proposal is already waiting for a manager");

    const notManager = await answer(id, "screener", { answer: "authorise", feedback: "x" });
    expect(notManager.status).toBe(403);
    expect(await notManager.text()).toContain("Only a social care manager can authorise a decision or send it back");

    const noReason = await answer(id, "teamManager", { answer: "send_back", reason: " " });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Enter why you are sending the decision back");
    expect((await decisionRows(id)).map((row) => row.step)).toEqual(["proposed"]);

    const sentBack = await answer(id, "teamManager", { answer: "send_back", reason: "Wait for the health check before deciding." });
    expect(sentBack.status).toBe(302);
    expect(sentBack.headers.get("location")).toBe(`/front-door/${id}/decision?sent-back=1`);
    const after = await page(`/front-door/${id}/decision?sent-back=1`, "screener");
    expect(after).toContain("Decision sent back");
    expect(after).toContain("Wait for the health check before deciding.");
    expect(after).toContain("Propose a decision");
    expect((await propose(id, "screener", { ...nfa, outcome: "early_help" })).status).toBe(302);
    expect((await decisionRows(id)).map((row) => row.step)).toEqual(["proposed", "sent_back", "proposed"]);
  });

  test("a manager cannot authorise their own proposal: refused with its message (403), audited, nothing changes", async () => {
    const id = await readyToDecide();
    expect((await propose(id, "teamManager", nfa)).status).toBe(302);
    expect(await page(`/front-door/${id}/decision/authorise`, "teamManager")).toContain("You proposed this decision: another social care manager must authorise it");
    const own = await answer(id, "teamManager", { answer: "authorise", feedback: nfa.feedback });
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("You proposed this decision: another social care manager must authorise it or send it back");
    expect((await decisionRows(id)).map((row) => row.step)).toEqual(["proposed"]);
    const [audited] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events
       where target = ${`contact:${id}`} and action = 'authorise:contact-decision' and outcome = 'denied' and user_id = ${ids.teamManager}`;
    expect(audited.count).toBe(1);
  });

  test("once authorised the contact is decided: it leaves the queue; a second decision, consent and rating are refused and change nothing; of two authorisations at once one wins", async () => {
    const id = await readyToDecide();
    expect((await propose(id, "screener", nfa)).status).toBe(302);
    const [first, second] = await Promise.all([
      answer(id, "teamManager", { answer: "authorise", feedback: nfa.feedback }),
      answer(id, "teamManager", { answer: "authorise", feedback: nfa.feedback }),
    ]);
    expect([first.status, second.status].sort()).toEqual([302, 400]);
    expect((await decisionRows(id)).map((row) => row.step)).toEqual(["proposed", "authorised"]);

    const decided = await page(`/front-door/${id}/decision?authorised=1`, "healthScreener");
    expect(decided).toContain("Decision authorised: no further action or advice");
    expect(decided).toContain("Decided: No further action or advice");
    const queue = await (await server.get("/front-door", cookies.screener)).text();
    expect(queue).not.toContain(`data-testid="contact-${id}"`);
    // It is found under "Recently decided", with its outcome.
    const recent = mainText(queue.slice(queue.indexOf('data-testid="recently-decided"')));
    expect(recent).toContain(`referral R-${id} No further action or advice`);

    const again = await propose(id, "screener", { ...nfa, outcome: "assessment" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("This referral has already been decided");
    const consent = await recordConsent(id, "screener", { consent: "refused" });
    expect(consent.status).toBe(400);
    expect(await consent.text()).toContain("This referral has already been decided");
    const reAuthorise = await server.post(`/front-door/${id}/decision/authorise`, { answer: "authorise", feedback: "x", proposalId: "1" }, cookies.teamManager);
    expect(reAuthorise.status).toBe(400);
    expect(await reAuthorise.text()).toContain("This referral has already been decided");
    const rating = await server.post(`/front-door/${id}`, { rating: "red", reason: "Late." }, cookies.screener);
    expect(rating.status).toBe(400);
    expect(await rating.text()).toContain("This referral has already been decided");
    const screening = await page(`/front-door/${id}`, "screener");
    expect(screening).not.toContain("Rate this referral");
    expect(screening).toContain("Decided: No further action or advice");
    expect((await decisionRows(id)).length).toBe(2);
    expect((await consentRows(id)).length).toBe(1);
    expect((await server.db.sql`select 1 from contact_ratings where contact_id = ${id}`).length).toBe(0);
    // The database refuses it too, whoever asks.
    await expect(server.db.sql`insert into contact_consent (contact_id, consent, by_user_id, by_agency_id, at)
      values (${id}, 'given', ${ids.screener}, 'sandmere-childrens-services', now())`).rejects.toThrow(/has been decided/);
    await expect(server.db.sql`update contact_decisions set rationale = 'rewritten' where contact_id = ${id}`).rejects.toThrow(/record of evidence/);
  });
});

describe("the referrer", () => {
  test("sees Received, then Being screened, then the outcome and the feedback on their referral and Your work, never the rationale or consent's reasons; their room is told", async () => {
    const id = await sent();
    const work = async () => {
      const html = await (await server.get("/", cookies.education)).text();
      const row = html.slice(html.indexOf(`>R-${id}<`));
      return mainText(row.slice(0, row.indexOf("</tr>")));
    };
    expect(await work()).toContain("Received, waiting for screening");
    expect((await recordConsent(id, "screener", { consent: "dispensed_with", reason: "SECRET-CONSENT-REASON", managerUserId: String(ids.teamManager) })).status).toBe(302);
    expect(await work()).toContain("Being screened");
    expect(await page(`/referrals/${id}`, "education")).toContain("Being screened");
    await matchNone(id);

    const socket = await connectSocket(server.url, { cookie: cookies.education });
    sockets.push(socket);
    expect((await new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", `user:${ids.education}`, resolve))).ok).toBe(true);
    const notice = new Promise<{ room: string; what: string }>((resolve) => socket.once("record:changed", resolve));

    expect((await propose(id, "screener", { outcome: "assessment", rationale: "SECRET-RATIONALE", feedback: "A social worker will assess Lily's needs and contact you." })).status).toBe(302);
    expect((await answer(id, "teamManager", { answer: "authorise", feedback: "A social worker will assess Lily's needs and will contact you this week." })).status).toBe(302);
    expect(await notice).toEqual({ room: `user:${ids.education}`, what: "front-door" });

    const referral = await page(`/referrals/${id}`, "education");
    expect(referral).toContain("Decided: Child and family assessment (section 17)");
    // The manager's words, as authorised.
    expect(referral).toContain("A social worker will assess Lily's needs and will contact you this week.");
    expect(referral).not.toContain("SECRET-RATIONALE");
    expect(referral).not.toContain("SECRET-CONSENT-REASON");
    expect(await work()).toContain("Decided: Child and family assessment (section 17)");
    // The contact's own pages stay closed to them.
    expect((await server.get(`/front-door/${id}/decision`, cookies.education)).status).toBe(404);
  });
});

describe("a strategy discussion", () => {
  test("authorised, it opens the case with the children and family and convenes the discussion, chaired by the manager and readable by the case's members only", async () => {
    const id = await readyToDecide();
    const form = { outcome: "strategy_discussion", rationale: "Lily's disclosure of being hit by mum's partner: significant harm suspected.", feedback: "A strategy discussion is being held today." };
    expect((await propose(id, "screener", form)).status).toBe(302);
    expect(await page(`/front-door/${id}/decision/authorise`, "teamManager")).toContain("convenes a telephone strategy discussion");
    expect((await answer(id, "teamManager", { answer: "authorise", feedback: form.feedback })).status).toBe(302);

    const [row] = (await decisionRows(id)).filter((r) => r.step === "authorised");
    expect(row.case_id).not.toBeNull();
    expect(row.meeting_id).not.toBeNull();
    const caseId = Number(row.case_id);
    const meetingId = Number(row.meeting_id);
    const [opened] = await server.db.sql<{ reference: string }[]>`select reference from cases where id = ${caseId}`;
    // The next in the partnership's series: after the demo's SBC-2026-0147 and 0148.
    expect(opened.reference).toMatch(/^SBC-\d{4}-\d{4}$/);
    const people = await server.db.sql<{ full_name: string; kind: string; is_subject: boolean }[]>`
      select full_name, kind, is_subject from case_people where case_id = ${caseId} order by id`;
    expect(people).toEqual([
      { full_name: "Lily Marsh", kind: "child", is_subject: true },
      { full_name: "Kerry Marsh", kind: "family", is_subject: false },
    ]);
    const agencies = (await server.db.sql<{ agency_id: string; is_lead: boolean }[]>`select agency_id, is_lead from case_agencies where case_id = ${caseId}`).map(
      (a) => `${a.agency_id}${a.is_lead ? " (lead)" : ""}`,
    );
    expect(agencies.sort()).toEqual(["kestrel-vale-police", "larkfield-primary", "sandmere-childrens-services (lead)", "sandmere-community-health"]);

    const decisionPage = await page(`/front-door/${id}/decision`, "policeScreener");
    expect(decisionPage).toContain("Decided: Strategy discussion (significant harm suspected)");
    expect(decisionPage).toContain("The strategy discussion");

    // The manager chairs it and sees it on their work; the proposer, on the case, reads it too; others do not.
    const meeting = await server.get(`/cases/${caseId}/meetings/${meetingId}`, cookies.teamManager);
    expect(meeting.status).toBe(200);
    const meetingText = mainText(await meeting.text());
    expect(meetingText).toContain("Lily Marsh");
    expect(meetingText).toContain("Priya Shah");
    expect((await server.get(`/cases/${caseId}/meetings/${meetingId}`, cookies.screener)).status).toBe(200);
    expect((await server.get(`/cases/${caseId}/meetings/${meetingId}`, cookies.police)).status).toBe(404);
    expect((await server.get(`/cases/${caseId}/meetings/${meetingId}`, cookies.education)).status).toBe(404);
    expect(await page("/", "teamManager")).toContain("for Lily Marsh");
    // The manager adds the team on the case's own page.
    expect((await server.get(`/cases/${caseId}/team`, cookies.teamManager)).status).toBe(200);
  });

  test("a child linked to a child on an open case: the discussion is convened on that case, which gains the screening agencies and the proposer", async () => {
    const id = await startReferral(server, cookies.education);
    await answerStep(server, cookies.education, id, "child", { ...lily, dobYear: "2020" });
    for (const [step, form] of Object.entries(completeAnswers)) await answerStep(server, cookies.education, id, step, form);
    expect((await server.post(`/referrals/${id}/check-answers`, {}, cookies.education)).status).toBe(302);
    expect((await recordConsent(id, "screener", { consent: "given" })).status).toBe(302);
    const [child] = await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${id}`;
    const [known] = await server.db.sql<{ id: string; case_id: string }[]>`
      select p.id, p.case_id from case_people p join cases c on c.id = p.case_id
       where p.full_name = 'Lily Marsh' and p.is_subject and c.reference = 'SBC-2026-0147'`;
    expect((await server.post(`/front-door/${id}/match`, { child: child.id, match: known.id }, cookies.screener)).status).toBe(302);
    const peopleBefore = (await server.db.sql`select id from case_people where case_id = ${known.case_id}`).length;
    const casesBefore = (await server.db.sql`select id from cases`).length;

    expect((await propose(id, "screener", { outcome: "strategy_discussion", rationale: "Known to us: a new injury.", feedback: "We are holding a strategy discussion." })).status).toBe(302);
    expect((await answer(id, "teamManager", { answer: "authorise", feedback: "We are holding a strategy discussion." })).status).toBe(302);
    const [row] = (await decisionRows(id)).filter((r) => r.step === "authorised");
    expect(row.case_id).toBe(known.case_id);
    expect((await server.db.sql`select id from cases`).length).toBe(casesBefore);
    expect((await server.db.sql`select id from case_people where case_id = ${known.case_id}`).length).toBe(peopleBefore);
    const [member] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from case_members where case_id = ${known.case_id} and user_id = ${ids.screener} and removed_at is null`;
    expect(member.count).toBe(1);
    expect((await server.get(`/cases/${known.case_id}/meetings/${row.meeting_id}`, cookies.teamManager)).status).toBe(200);
  });
});
