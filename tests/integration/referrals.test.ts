// Referring a child through the front door's one form (issue 12, item 1), as the school's DSL does it: a draft saved
// and returned to, every question page, "Check your answers", sending; bad input changes nothing; nobody else reads
// or changes it (404, audited); "Your work" lists it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { mainText } from "../support/html";
import { answer, completeAnswers, lily, makeReferral, startReferral } from "../support/referral-portal";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let school: string;
beforeAll(async () => {
  server = await startTestServer();
  school = await server.signIn("education");
});
afterAll(async () => {
  await server?.close();
});

const snapshot = async (id: number) => {
  const [contact] = await server.db.sql`select status, updated_at, submitted_at from contacts where id = ${id}`;
  const [answers] = await server.db.sql`select * from contact_referrals where contact_id = ${id}`;
  const children = await server.db.sql`select * from contact_children where contact_id = ${id} order by id`;
  const family = await server.db.sql`select * from contact_household_members where contact_id = ${id} order by id`;
  return JSON.stringify({ contact, answers, children, family });
};
const deniedAudits = async (id: number) =>
  (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where target = ${`referral:${id}`} and outcome = 'denied'`)[0].count;

/** The three boxes of the day `days` from today in England. */
function dayFromToday(days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const date = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000);
  return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
}

describe("the school refers Lily", () => {
  test("starts a draft, saves and returns to it from Your work, checks the answers and sends it", async () => {
    const id = await startReferral(server, school);
    // The first page asks for the child; "Save and come back later" on the next keeps the draft for Your work.
    expect(mainText(await (await server.get(`/referrals/${id}/child`, school)).text())).toContain("Which child or children are you worried about?");
    await answer(server, school, id, "child", lily);
    const later = await answer(server, school, id, "family", { ...completeAnswers.family, intent: "later" });
    expect(later.headers.get("location")).toBe("/?saved=referral");
    const work = mainText(await (await server.get("/?saved=referral", school)).text());
    expect(work).toContain("Your referral is saved");
    expect(work).toContain(`Continue draft R-${id}`);
    expect(work).toContain("Lily Marsh");
    expect(work).toContain("Draft, not sent");
    // Returning: the referrer's contact details start from their account.
    const referrer = mainText(await (await server.get(`/referrals/${id}/referrer`, school)).text());
    expect(referrer).toContain("Larkfield Primary School");
    expect(await (await server.get(`/referrals/${id}/referrer`, school)).text()).toContain('value="emma.clarke@larkfield-school.example"');
    for (const step of ["concern", "actions", "family-knows", "consent", "referrer"]) await answer(server, school, id, step, completeAnswers[step]);
    const check = mainText(await (await server.get(`/referrals/${id}/check-answers`, school)).text());
    for (const words of ["Lily Marsh", "Born 14 May 2019", "Kerry Marsh", "Mother. Lives with the child", "mum's partner shouts", "Not asked: Asking would put Lily at risk of harm.", "01632 960 001"])
      expect(check).toContain(words);
    const sent = await server.post(`/referrals/${id}/check-answers`, {}, school);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("location")).toBe(`/referrals/${id}?sent=1`);
    const view = mainText(await (await server.get(`/referrals/${id}?sent=1`, school)).text());
    expect(view).toContain("Referral sent");
    expect(view).toContain("Received, waiting for screening");
    expect(view).not.toContain("Change");
    const listed = mainText(await (await server.get("/", school)).text());
    expect(listed).toContain(`R-${id} Lily Marsh Received, waiting for screening`);
  });

  test("a second child, and an unborn one with an expected date, are added on the same page and removed", async () => {
    const id = await startReferral(server, school);
    const due = dayFromToday(60);
    const added = await answer(server, school, id, "child", { ...lily, intent: "add" });
    expect(added.headers.get("location")).toBe(`/referrals/${id}/child`);
    await answer(server, school, id, "child", { fullName: "Baby Marsh", born: "no", dueDay: due.day, dueMonth: due.month, dueYear: due.year });
    const [{ count }] = await server.db.sql`select count(*)::int as count from contact_children where contact_id = ${id} and expected_on is not null`;
    expect(count).toBe(1);
    const [baby] = await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${id} and full_name = 'Baby Marsh'`;
    await answer(server, school, id, "child", { intent: "remove", id: baby.id });
    expect(mainText(await (await server.get(`/referrals/${id}/child`, school)).text())).not.toContain("Baby Marsh");
  });
});

describe("bad input gets a clear message and changes nothing", () => {
  const tomorrow = dayFromToday(1);
  const tooLate = dayFromToday(330);
  const pages: [string, string, Record<string, string>, string][] = [
    ["no child at all", "child", {}, "Enter the child's full name"],
    ["a child with no name", "child", { ...lily, fullName: "" }, "Enter the child's full name"],
    ["a date of birth in the future", "child", { ...lily, dobDay: tomorrow.day, dobMonth: tomorrow.month, dobYear: tomorrow.year }, "Date of birth must be today or in the past"],
    ["an expected date beyond 10 months", "child", { ...lily, born: "no", dueDay: tooLate.day, dueMonth: tooLate.month, dueYear: tooLate.year }, "Expected date must be within the next 10 months"],
    ["an expected date in the past", "child", { ...lily, born: "no", dueDay: "1", dueMonth: "1", dueYear: "2020" }, "Expected date must be today or in the future"],
    ["no concern", "concern", { whatHappened: "Something", worries: "  " }, "Enter what you are worried about"],
    ["consent not asked without why", "consent", { consent: "not_asked", notAskedWhy: "" }, "Enter why you did not ask for consent"],
    ["no referrer contact", "referrer", { referrerName: "Emma Clarke", referrerPhone: "", referrerEmail: "" }, "Enter a telephone number or an email address"],
    ["a family member without a relationship", "family", { fullName: "Kerry Marsh", livesWithChild: "yes" }, "Enter their relationship to the child"],
    ["a control character", "concern", { worries: "bad\u0001" }, "must not contain control characters"],
  ];
  test.each(pages)("%s", async (_name, step, form, message) => {
    const id = await startReferral(server, school);
    const before = await snapshot(id);
    const response = await server.post(`/referrals/${id}/${step}`, form, school);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    expect(text).toContain("There is a problem");
    expect(text).toContain(message);
    expect(await snapshot(id)).toBe(before);
  });

  test("sending a referral with no child, no concern and no contact names each gap and sends nothing", async () => {
    const id = await startReferral(server, school);
    await server.db.sql`update contact_referrals set referrer_email = '' where contact_id = ${id}`;
    const before = await snapshot(id);
    const response = await server.post(`/referrals/${id}/check-answers`, {}, school);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    for (const words of ["Add the child or children", "Say what you are worried about", "Say whether you asked for consent", "Give your name and a telephone number or email address"])
      expect(text).toContain(words);
    expect(await snapshot(id)).toBe(before);
  });

  test("sending twice: the second says it was already sent and changes nothing", async () => {
    const id = await makeReferral(server, school, { send: true });
    const before = await snapshot(id);
    const again = await server.post(`/referrals/${id}/check-answers`, {}, school);
    expect(again.status).toBe(409);
    const text = mainText(await again.text());
    expect(text).toContain("It cannot be sent again");
    expect(text).toContain("Your referral has been sent");
    expect(await snapshot(id)).toBe(before);
  });

  test("a sent referral's pages no longer change it, and the database refuses a change however asked", async () => {
    const id = await makeReferral(server, school, { send: true });
    const before = await snapshot(id);
    const response = await server.post(`/referrals/${id}/concern`, { worries: "Changed afterwards" }, school);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/referrals/${id}`);
    await expect(server.db.sql`update contact_referrals set worries = 'x' where contact_id = ${id}`).rejects.toThrow(/submitted referral/);
    await expect(server.db.sql`delete from contact_children where contact_id = ${id}`).rejects.toThrow(/submitted referral/);
    await expect(server.db.sql`update contacts set status = 'draft', submitted_at = null where id = ${id}`).rejects.toThrow(/submitted referral/);
    expect(await snapshot(id)).toBe(before);
  });
});

describe("nobody else reads or changes a referral", () => {
  test("another professional gets 404 on the draft's pages and on the sent referral, each audited, and nothing changes", async () => {
    const draft = await makeReferral(server, school);
    const sent = await makeReferral(server, school, { send: true });
    const police = await server.signIn("police");
    const before = await snapshot(draft);
    const audits = await deniedAudits(draft);
    expect((await server.get(`/referrals/${draft}/concern`, police)).status).toBe(404);
    expect((await server.post(`/referrals/${draft}/concern`, { worries: "Not theirs" }, police)).status).toBe(404);
    expect((await server.post(`/referrals/${draft}/child`, lily, police)).status).toBe(404);
    expect((await server.post(`/referrals/${draft}/check-answers`, {}, police)).status).toBe(404);
    expect(await snapshot(draft)).toBe(before);
    expect(await deniedAudits(draft)).toBe(audits + 4);
    const sentAudits = await deniedAudits(sent);
    expect((await server.get(`/referrals/${sent}`, police)).status).toBe(404);
    expect(await deniedAudits(sent)).toBe(sentAudits + 1);
    expect((await server.get("/referrals/999999", police)).status).toBe(404);
    expect(mainText(await (await server.get("/", police)).text())).not.toContain(`R-${sent}`);
  });

  test("a referrer no longer allowed to refer cannot send their draft (404, audited), and nothing changes", async () => {
    const id = await makeReferral(server, school, { send: false });
    const before = await snapshot(id);
    const denied = await deniedAudits(id);
    const email = demoUser("education").email;
    await server.db.sql`update users set role = 'administrator' where email = ${email}`;
    try {
      expect((await server.post(`/referrals/${id}/check-answers`, {}, school)).status).toBe(404);
    } finally {
      await server.db.sql`update users set role = 'practitioner' where email = ${email}`;
    }
    expect(await snapshot(id)).toBe(before);
    expect(await deniedAudits(id)).toBe(denied + 1);
  });

  test("an administrator, who holds no children's records, may not refer (403, audited)", async () => {
    const admin = await server.signIn("educationAdmin");
    expect((await server.get("/referrals/new", admin)).status).toBe(403);
    expect((await server.post("/referrals/new", {}, admin)).status).toBe(403);
    expect(mainText(await (await server.get("/", admin)).text())).not.toContain("Your referrals");
  });

  test("the referrer's every view of their referral, draft or sent, is audited", async () => {
    const id = await makeReferral(server, school);
    const views = async () =>
      (await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where target = ${`referral:${id}`} and action = 'read:referral' and outcome = 'success'`)[0].count;
    await server.get(`/referrals/${id}/concern`, school);
    await server.get(`/referrals/${id}/check-answers`, school);
    expect(await views()).toBe(2);
    await server.post(`/referrals/${id}/check-answers`, {}, school);
    const before = await views();
    await server.get(`/referrals/${id}`, school);
    expect(await views()).toBe(before + 1);
  });
});
