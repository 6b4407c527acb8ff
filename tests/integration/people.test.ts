// Agency administrators manage their own agency's people and never learn a credential: people are invited, and reset,
// by single-use links sent to their own email (a real SMTP receiver here); a role that reads across cases needs a
// second administrator; deactivation needs a reason and ends sessions at once; every change is told to the person.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { signInLinkIn, startMailReceiver, type MailReceiver } from "../support/mail-receiver";
import { connectSocket } from "../support/socket-client";
import { peopleQueries } from "../support/people-queries";
import { sessionTokenFrom, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let mail: MailReceiver;
let policeAdmin: string;
beforeAll(async () => {
  mail = await startMailReceiver();
  server = await startTestServer({ SMTP_URL: mail.url });
  policeAdmin = await server.signIn("policeAdmin");
});
afterAll(async () => {
  await server?.close();
  await mail?.close();
});

const DEMO = "sandmere-demo-2026";
const { userCount, userId, signInStatus } = peopleQueries(() => server);
const tokenOf = (link: URL) => link.pathname.split("/").pop()!;

/** Nothing in what an administrator is shown can be used to sign in as someone else. */
function expectNoCredential(html: string, ...tokens: string[]) {
  expect(html).not.toMatch(/temporary-password|one-time password/i);
  expect(html).not.toMatch(/\b[a-z2-9]{4}(-[a-z2-9]{4}){3}\b/);
  expect(html).not.toContain("/set-password/");
  for (const token of tokens) expect(html).not.toContain(token);
}

async function choosePassword(link: URL, password: string, confirm = password) {
  return server.post(link.pathname, { newPassword: password, confirmPassword: confirm });
}

describe("adding a person", () => {
  test("lists only the administrator's own agency", async () => {
    const text = mainText(await (await server.get("/people", policeAdmin)).text());
    expect(text).toContain("Alex Morgan");
    expect(text).not.toContain("Emma Clarke");
  });

  test("an address outside the agency's email domains is refused, even one the administrator controls", async () => {
    const before = await userCount();
    for (const role of ["practitioner", "manager"]) {
      const response = await server.post(
        "/people/new",
        { fullName: "Marion Fields", email: "marion.fields@jo-price-home.example", jobTitle: "", role },
        policeAdmin,
      );
      expect(response.status).toBe(400);
      const text = mainText(await response.text());
      expect(text).toContain("There is a problem");
      expect(text).toContain("Enter an email address at your agency's domain: kestrelvale-police.example");
    }
    expect(await userCount()).toBe(before);
    const [requests] = await server.db.sql`select count(*)::int as count from role_requests`;
    expect(requests.count).toBe(0);
    expect(mail.to("marion.fields@jo-price-home.example")).toHaveLength(0);
  });

  test("a new person is invited by email: the administrator sees no password and no link; the link works once", async () => {
    const email = "rowan.hale@kestrelvale-police.example";
    const response = await server.post(
      "/people/new",
      { fullName: "Sergeant Rowan Hale", email, jobTitle: "MASH detective sergeant", role: "screener" },
      policeAdmin,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(mainText(html)).toContain(`We have sent an invitation to ${email}`);

    const invitation = await mail.waitFor(email);
    expect(invitation.subject).toBe("You have been invited to the Sandmere Partnership Portal");
    expect(invitation.from).toContain("no-reply@portal.invalid");
    const link = signInLinkIn(invitation);
    expect(link.origin).toBe(server.origin);
    const token = tokenOf(link);
    expectNoCredential(html, token);
    expectNoCredential(await (await server.get("/people", policeAdmin)).text(), token);
    expect(mainText(await (await server.get("/people", policeAdmin)).text())).toMatch(/Sergeant Rowan Hale.*No password yet/);
    // Only the token's hash is stored, and the audit trail holds neither.
    const [stored] = await server.db.sql`select token_hash from account_links where user_id = ${await userId(email)}`;
    expect(stored.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    const [leaks] = await server.db.sql`select count(*)::int as count from audit_events where details::text like ${`%${token}%`}`;
    expect(leaks.count).toBe(0);

    // Nobody can sign in as them before they choose a password; not with an empty one either.
    expect(await signInStatus(email, DEMO)).toBe(400);

    // Opening the link (as a mail scanner would, twice) uses nothing up.
    for (let look = 0; look < 2; look++) {
      const page = await server.get(link.pathname);
      expect(page.status).toBe(200);
      expect(mainText(await page.text())).toContain(`Welcome, Sergeant Rowan Hale. You sign in as ${email}`);
    }
    const mismatch = await choosePassword(link, "kestrel vale harbour lights", "different");
    expect(mismatch.status).toBe(400);
    expect(mainText(await mismatch.text())).toContain("The passwords do not match");
    const short = await choosePassword(link, "short");
    expect(short.status).toBe(400);
    expect(mainText(await short.text())).toContain("New password must be 12 characters or more");

    const chosen = await choosePassword(link, "kestrel vale harbour lights");
    expect(chosen.status).toBe(302);
    expect(chosen.headers.get("location")).toBe("/");
    const cookie = `pp_session=${sessionTokenFrom(chosen)}`;
    const home = await server.get("/", cookie);
    expect(home.status).toBe(200);
    expect(mainText(await home.text())).toContain("Your work");

    const again = await choosePassword(link, "someone else's choice here");
    expect(again.status).toBe(410);
    expect(sessionTokenFrom(again)).toBeNull();
    expect(mainText(await again.text())).toContain("This link has already been used");
    const reopened = await server.get(link.pathname);
    expect(reopened.status).toBe(410);
    expect(await signInStatus(email, "someone else's choice here")).toBe(400);
    expect(await signInStatus(email, "kestrel vale harbour lights")).toBe(302);

    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where action = 'add:person' and outcome = 'success'`;
    expect(audit.count).toBe(1);
    const [used] = await server.db.sql`select count(*)::int as count from audit_events where action = 'set-password:link' and outcome = 'success'`;
    expect(used.count).toBe(1);
  });

  test("an unknown link gets a clear page, not an error", async () => {
    for (const path of ["/set-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/set-password/not-a-token", `/set-password/${"x".repeat(5000)}`]) {
      const page = await server.get(path);
      expect(page.status).toBe(404);
      expect(mainText(await page.text())).toContain("This link is not right");
      const post = await server.post(path, { newPassword: "kestrel vale harbour lights", confirmPassword: "kestrel vale harbour lights" });
      expect(post.status).toBe(404);
    }
  });

  const badInput: [string, Record<string, string>, string][] = [
    ["no name", { fullName: "", email: "a@kestrelvale-police.example", jobTitle: "", role: "practitioner" }, "Enter the person's full name"],
    ["an invalid email", { fullName: "A Person", email: "not-an-email", jobTitle: "", role: "practitioner" }, "Enter an email address in the correct format"],
    ["a duplicate email, in other case", { fullName: "A Person", email: "ALEX.MORGAN@kestrelvale-police.example", jobTitle: "", role: "practitioner" }, "Someone already uses this email address"],
    ["an address at another agency's domain", { fullName: "A Person", email: "a@larkfield-school.example", jobTitle: "", role: "practitioner" }, "Enter an email address at your agency's domain"],
    ["no role", { fullName: "A Person", email: "b@kestrelvale-police.example", jobTitle: "" }, "Select the person's role"],
    ["a role the agency cannot have", { fullName: "A Person", email: "c@kestrelvale-police.example", jobTitle: "", role: "partnership_manager" }, "Only the safeguarding partnership has partnership managers"],
    ["a made-up role", { fullName: "A Person", email: "d@kestrelvale-police.example", jobTitle: "", role: "superuser" }, "Select the person's role"],
    ["a 10 KB name", { fullName: "n".repeat(10_240), email: "e@kestrelvale-police.example", jobTitle: "", role: "practitioner" }, "Full name must be 200 characters or fewer"],
  ];
  test.each(badInput)("refuses %s with a clear message, adding nobody", async (_name, form, message) => {
    const before = await userCount();
    const response = await server.post("/people/new", form, policeAdmin);
    expect(response.status).toBe(400);
    const text = mainText(await response.text());
    expect(text).toContain("There is a problem");
    expect(text).toContain(message);
    expect(await userCount()).toBe(before);
  });
});

describe("a role that reads across cases needs a second administrator", () => {
  test("the asker cannot approve; another administrator of the agency approves, and only then is the person invited", async () => {
    const email = "dana.west@kestrelvale-police.example";
    const before = await userCount();
    const asked = await server.post("/people/new", { fullName: "Dana West", email, jobTitle: "Detective inspector", role: "manager" }, policeAdmin);
    expect(asked.status).toBe(200);
    const askedHtml = await asked.text();
    expect(mainText(askedHtml)).toContain("Waiting for a second administrator");
    expectNoCredential(askedHtml);
    expect(await userCount()).toBe(before);
    const [request] = await server.db.sql`select id, role, requested_by, outcome from role_requests where email = ${email}`;
    expect(request).toMatchObject({ role: "manager", outcome: null });
    expect(Number(request.requested_by)).toBe(await userId("jo.price@kestrelvale-police.example"));
    const pending = await mail.waitFor(email);
    expect(pending.subject).toBe("An account on the Partnership Portal has been asked for you");
    expect(pending.text).not.toContain("/set-password/");

    const listForAsker = mainText(await (await server.get("/people", policeAdmin)).text());
    expect(listForAsker).toContain("Waiting for approval");
    expect(listForAsker).toMatch(/Dana West.*Team manager.*You.*Another administrator must approve/);
    const selfApproval = await server.post("/people", { intent: "approve-role", requestId: String(request.id) }, policeAdmin);
    expect(selfApproval.status).toBe(400);
    expect(mainText(await selfApproval.text())).toContain("another administrator in your agency must approve it");
    expect(await userCount()).toBe(before);

    // An administrator of another agency cannot decide it either.
    const otherAgency = await server.post("/people", { intent: "approve-role", requestId: String(request.id) }, await server.signIn("educationAdmin"));
    expect(otherAgency.status).toBe(400);
    expect(await userCount()).toBe(before);
    expect(mail.to(email).filter((message) => message.text.includes("/set-password/"))).toHaveLength(0);

    const secondAdmin = await server.signIn("policeAdmin2");
    expect(mainText(await (await server.get("/people", secondAdmin)).text())).toMatch(/Dana West.*Team manager.*Jo Price/);
    const approved = await server.post("/people", { intent: "approve-role", requestId: String(request.id) }, secondAdmin);
    expect(approved.status).toBe(200);
    const approvedHtml = await approved.text();
    expect(mainText(approvedHtml)).toContain(`an invitation has been sent to ${email}`);
    const invitation = await mail.waitFor(email, (message) => message.subject.startsWith("You have been invited"));
    expect(invitation.text).toContain("as Team manager");
    const link = signInLinkIn(invitation);
    expectNoCredential(approvedHtml, tokenOf(link));
    expect((await choosePassword(link, "a second pair of eyes")).status).toBe(302);
    const [person] = await server.db.sql`select role from users where email = ${email}`;
    expect(person.role).toBe("manager");

    const steps = await server.db.sql<{ action: string; outcome: string; user_id: number }[]>`
      select action, outcome, user_id from audit_events where action in ('request:role', 'approve:role') order by id`;
    expect(steps.map((step) => `${step.action} ${step.outcome}`)).toEqual(["request:role success", "approve:role denied", "approve:role failure", "approve:role success"]);
    expect(Number(steps[3].user_id)).toBe(await userId("ravi.desai@kestrelvale-police.example"));
  });

  test("a refused request adds nobody, and the person is told", async () => {
    const email = "max.ford@kestrelvale-police.example";
    await server.post("/people/new", { fullName: "Max Ford", email, jobTitle: "", role: "administrator" }, policeAdmin);
    const [request] = await server.db.sql`select id from role_requests where email = ${email}`;
    const refused = await server.post("/people", { intent: "refuse-role", requestId: String(request.id) }, await server.signIn("policeAdmin2"));
    expect(refused.status).toBe(200);
    expect(mainText(await refused.text())).toContain("the request was refused");
    const [rows] = await server.db.sql`select count(*)::int as count from users where email = ${email}`;
    expect(rows.count).toBe(0);
    const told = await mail.waitFor(email, (message) => message.subject === "Your Partnership Portal account was not approved");
    expect(told.text).toContain("Agency administrator");
    const again = await server.post("/people", { intent: "approve-role", requestId: String(request.id) }, await server.signIn("policeAdmin2"));
    expect(again.status).toBe(400);
  });
});

describe("resetting a password", () => {
  test("sends the person a link; the administrator sees no secret; their sessions end and the old password stops working", async () => {
    const email = "olu.adeyemi@harbourlane-surgery.example";
    const gp = await server.signIn("gp");
    const gpAdmin = await server.signIn("gpAdmin");
    const response = await server.post("/people", { intent: "reset-password", userId: String(await userId(email)) }, gpAdmin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(mainText(html)).toContain(`A reset link has been sent to ${email}`);
    expect((await server.get("/", gp)).status).toBe(302);
    expect(await signInStatus(email, DEMO)).toBe(400);

    const reset = await mail.waitFor(email, (message) => message.subject === "Reset your Partnership Portal password");
    expect(reset.text).toContain("Your agency's administrator has reset your password");
    const link = signInLinkIn(reset);
    expectNoCredential(html, tokenOf(link));
    expect(mainText(await (await server.get(link.pathname)).text())).toContain("Choose a new password");
    const chosen = await choosePassword(link, "surgery lanterns at dusk");
    expect(chosen.status).toBe(302);
    expect((await server.get("/cases/2", `pp_session=${sessionTokenFrom(chosen)}`)).status).toBe(200);
    expect(await signInStatus(email, DEMO)).toBe(400);
    expect(await signInStatus(email, "surgery lanterns at dusk")).toBe(302);
    await mail.waitFor(email, (message) => message.subject === "Your Partnership Portal password has changed");
  });

  test("only for the administrator's own agency", async () => {
    const response = await server.post("/people", { intent: "reset-password", userId: String(await userId("emma.clarke@larkfield-school.example")) }, policeAdmin);
    expect(response.status).toBe(400);
    expect(await signInStatus("emma.clarke@larkfield-school.example", DEMO)).toBe(302);
  });

  test("a newer link replaces an older one", async () => {
    const email = "nadia.hussain@sandmere-health.example";
    const healthAdmin = await server.signIn("healthAdmin");
    await server.post("/people", { intent: "reset-password", userId: String(await userId(email)) }, healthAdmin);
    const first = signInLinkIn(await mail.waitFor(email));
    await server.post("/people", { intent: "send-link", userId: String(await userId(email)) }, healthAdmin);
    const second = signInLinkIn(await mail.waitFor(email, (message) => !message.text.includes(first.pathname)));
    const replaced = await server.get(first.pathname);
    expect(replaced.status).toBe(410);
    expect(mainText(await replaced.text())).toContain("This link has been replaced");
    expect((await choosePassword(first, "an older link's password")).status).toBe(410);
    expect((await choosePassword(second, "the newest link's password")).status).toBe(302);
  });

  test("forgotten password: the same answer for any address, a link only to a real account, throttled", async () => {
    const signInPage = await server.get("/sign-in");
    expect(await signInPage.text()).toContain('href="/forgotten-password"');
    const email = "priya.shah@sandmere-council.example";
    const known = await server.post("/forgotten-password", { email });
    const unknown = await server.post("/forgotten-password", { email: "nobody@sandmere-council.example" });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const answer = (text: string, address: string) => mainText(text).replaceAll(address, "<email>");
    expect(answer(await known.text(), email)).toBe(answer(await unknown.text(), "nobody@sandmere-council.example"));
    const link = signInLinkIn(await mail.waitFor(email));
    // Asking cannot lock anyone out: the password works until the link is used.
    expect(await signInStatus(email, DEMO)).toBe(302);
    expect((await choosePassword(link, "team manager's own words")).status).toBe(302);
    expect(await signInStatus(email, DEMO)).toBe(400);

    for (const address of [email, "nobody@sandmere-council.example"]) {
      const statuses = [];
      for (let ask = 0; ask < 3; ask++) statuses.push((await server.post("/forgotten-password", { email: address })).status);
      expect(statuses).toEqual([200, 200, 429]);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mail.to("nobody@sandmere-council.example")).toHaveLength(0);
    expect(mail.to(email).filter((message) => message.subject.startsWith("Reset"))).toHaveLength(3);
  });
});

describe("deactivating a person", () => {
  test("asks for confirmation and a reason; without one nothing changes", async () => {
    const alexId = await userId("alex.morgan@kestrelvale-police.example");
    const page = await server.get(`/people/${alexId}/deactivate`, policeAdmin);
    expect(page.status).toBe(200);
    expect(mainText(await page.text())).toContain("Deactivate Alex Morgan?");
    for (const [reason, message] of [
      ["  ", "Enter why you are deactivating this person"],
      ["r".repeat(1001), "The reason must be 1000 characters or fewer"],
    ]) {
      const response = await server.post(`/people/${alexId}/deactivate`, { reason }, policeAdmin);
      expect(response.status).toBe(400);
      const text = mainText(await response.text());
      expect(text).toContain("There is a problem");
      expect(text).toContain(message);
    }
    const refusedWithout = await server.post(`/people/${alexId}/deactivate`, {}, policeAdmin);
    expect(refusedWithout.status).toBe(400);
    // The old one-step deactivation is gone.
    expect((await server.post("/people", { intent: "deactivate", userId: String(alexId) }, policeAdmin)).status).toBe(400);
    const [row] = await server.db.sql`select active from users where id = ${alexId}`;
    expect(row.active).toBe(true);
  });

  test("ends their sessions at once, keeps the reason, and tells them: the next page request and socket event are refused", async () => {
    const alex = await server.signIn("police");
    const socket = await connectSocket(server.url, { cookie: alex });
    const before = await socket.emitWithAck("whoami");
    expect(before.fullName).toBe("Alex Morgan");
    const ended = new Promise<string>((resolve) => socket.once("session:ended", resolve));
    const disconnected = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));

    const alexId = await userId("alex.morgan@kestrelvale-police.example");
    const reason = "Moved to another force on 30 November";
    const response = await server.post(`/people/${alexId}/deactivate`, { reason }, policeAdmin);
    expect(response.status).toBe(200);
    expect(mainText(await response.text())).toContain("Alex Morgan has been deactivated");

    const page = await server.get("/cases/1", alex);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/sign-in/);
    socket.emit("whoami", () => {
      throw new Error("a deactivated person's event was answered");
    });
    expect(await ended).toMatch(/session has ended/);
    await disconnected;
    expect(await signInStatus("alex.morgan@kestrelvale-police.example", DEMO)).toBe(400);

    const [stored] = await server.db.sql`select deactivation_reason from users where id = ${alexId}`;
    expect(stored.deactivation_reason).toBe(reason);
    const [audit] = await server.db.sql`select details from audit_events where action = 'deactivate:person' and target = ${`user:${alexId}`}`;
    expect(audit.details.reason).toBe(reason);
    // They are told, but not the reason: that is the administrator's text, kept in the record, never in the email.
    const told = await mail.waitFor("alex.morgan@kestrelvale-police.example", (message) => message.subject.includes("deactivated"));
    expect(told.text).not.toContain(reason);
    expect(told.text.replace(/\s+/g, " ")).toContain("ask an administrator at Kestrel Vale Police");
  });

  test("reactivating lets them sign in again with a new password they choose from the link emailed to them", async () => {
    const email = "alex.morgan@kestrelvale-police.example";
    const response = await server.post("/people", { intent: "reactivate", userId: String(await userId(email)) }, policeAdmin);
    const html = await response.text();
    expect(mainText(html)).toContain("Alex Morgan can sign in again once they have chosen a new password from the link we have emailed them");
    expect(await signInStatus(email, DEMO)).toBe(400);
    const told = await mail.waitFor(email, (message) => message.subject.includes("reactivated"));
    const link = signInLinkIn(told);
    expectNoCredential(html, tokenOf(link));
    expect((await choosePassword(link, "alex morgan starts again")).status).toBe(302);
    expect(await signInStatus(email, "alex morgan starts again")).toBe(302);
  });

  test("an administrator cannot deactivate someone in another agency, or themselves", async () => {
    for (const email of ["emma.clarke@larkfield-school.example", "jo.price@kestrelvale-police.example"]) {
      const id = await userId(email);
      expect((await server.get(`/people/${id}/deactivate`, policeAdmin)).status).toBe(404);
      expect((await server.post(`/people/${id}/deactivate`, { reason: "Testing" }, policeAdmin)).status).toBe(404);
    }
    const [row] = await server.db.sql`select count(*)::int as count from users where active = false`;
    expect(row.count).toBe(0);
  });
});

describe("links expire", () => {
  test("an invitation link older than 72 hours gets a clear page, and a new link from the administrator works", async () => {
    const email = "casey.lane@kestrelvale-police.example";
    await server.post("/people/new", { fullName: "Casey Lane", email, jobTitle: "", role: "practitioner" }, policeAdmin);
    const old = signInLinkIn(await mail.waitFor(email));
    server.clock.advanceMinutes(71 * 60);
    expect((await server.get(old.pathname)).status).toBe(200);
    server.clock.advanceMinutes(61);
    const expired = await server.get(old.pathname);
    expect(expired.status).toBe(410);
    const text = mainText(await expired.text());
    expect(text).toContain("This link has expired");
    expect(text).toContain("Forgotten your password?");
    const tooLate = await choosePassword(old, "casey lane's late choice");
    expect(tooLate.status).toBe(410);
    expect(sessionTokenFrom(tooLate)).toBeNull();

    const admin = await server.signIn("policeAdmin"); // the old session has long expired
    const resent = await server.post("/people", { intent: "send-link", userId: String(await userId(email)) }, admin);
    expect(mainText(await resent.text())).toContain(`A new sign-in link has been sent to ${email}`);
    const fresh = signInLinkIn(await mail.waitFor(email, (message) => !message.text.includes(old.pathname)));
    expect((await choosePassword(fresh, "casey lane's own choice")).status).toBe(302);
  });

  test("a reset link works for an hour", async () => {
    const email = "sam.okafor@sandmere-council.example";
    expect((await server.post("/forgotten-password", { email })).status).toBe(200);
    const link = signInLinkIn(await mail.waitFor(email));
    server.clock.advanceMinutes(61);
    expect((await server.get(link.pathname)).status).toBe(410);
    expect((await choosePassword(link, "sam's hour has passed")).status).toBe(410);
    expect(await signInStatus(email, DEMO)).toBe(302);
  });
});
