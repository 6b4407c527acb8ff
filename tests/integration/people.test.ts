// Agency administrators manage their own agency's people and never learn a credential: people are invited, and reset,
// by single-use links sent to their own email (a real SMTP receiver here); a role that reads across cases needs a
// second administrator; deactivation needs a reason and ends sessions at once; every change is told to the person.
// Here: adding a person, and the second administrator. Resets, deactivation and expiring links: people-accounts.test.ts.
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { signInLinkIn } from "../support/mail-receiver";
import { usePeoplePortal, server, mail, policeAdmin, DEMO, userCount, userId, signInStatus, tokenOf, expectNoCredential, choosePassword } from "../support/people-portal";
import { finishSignIn } from "../support/demo-codes";
import { sessionTokenFrom, stepClock } from "../support/test-server";

usePeoplePortal();

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
    // A password is the first step: the new person sets up an authenticator app before anything opens (decision 056).
    const half = `pp_session=${sessionTokenFrom(chosen)}`;
    expect((await server.get("/", half)).headers.get("location")).toBe("/sign-in/set-up");
    const cookie = await finishSignIn(server, { portal: server.origin, email, cookie: half, next: "/sign-in/set-up", clock: stepClock(server) });
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
