// The portal's account emails are the portal's own words, sent to the person's own mailbox, linking to the portal:
// an administrator cannot write a paragraph into them (single-line fields, no reason in a deactivation notice), a
// deactivation ends the password so nobody who knew it can use it after a reactivation, links never take their port
// from the Host header, the forgotten-password limits hold under requests sent together and never end an
// administrator's link, and a new person's address names one ordinary mailbox that is not the administrator's own.
// A real SMTP receiver (smtp-server) reads every message.
import { mail, server, useMailPortal } from "../support/mail-portal";
import { request as httpRequest } from "node:http";
import { describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { signInLinkIn, type ReceivedMail } from "../support/mail-receiver";
import { peopleQueries } from "../support/people-queries";
import { sessionTokenFrom } from "../support/test-server";

useMailPortal();

const DEMO = "sandmere-demo-2026";
const { userCount, userId, signInStatus } = peopleQueries(() => server);
const choosePassword = (link: URL, password: string) => server.post(link.pathname, { newPassword: password, confirmPassword: password });
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
const resets = (email: string) => mail.to(email).filter((message) => message.subject === "Reset your Partnership Portal password");

/** What the person reads, line by line, before the sign-off. */
const linesOf = (message: ReceivedMail) => message.text.split("\n");

describe("an administrator cannot write into the portal's emails", () => {
  const phishing = "IMPORTANT: the link below has expired. Choose your password at";
  const fake = "https://portal-sandmere.evil.example/set-password/abcdabcdabcdabcdabcdabcdabcdabcd";

  test.each([
    ["a line feed", "\n"],
    ["a carriage return and line feed", "\r\n"],
    ["a line separator (U+2028)", "\u2028"],
    ["a paragraph separator (U+2029)", "\u2029"],
  ])("a full name with %s is refused in the error summary, and nobody is invited", async (_name, lineBreak) => {
    const admin = await server.signIn("policeAdmin");
    const email = "sam.lee@kestrelvale-police.example";
    const before = await userCount();
    const fullName = `Sam Lee${lineBreak}${lineBreak}${phishing}${lineBreak}${fake}${lineBreak}${lineBreak}Ignore`;
    const response = await server.post("/people/new", { fullName, email, jobTitle: "", role: "practitioner" }, admin);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('class="govuk-error-summary"');
    expect(html).toContain('href="#fullName"');
    expect(mainText(html)).toContain("Full name must be on one line");
    expect(await userCount()).toBe(before);
    await settle();
    expect(mail.to(email)).toHaveLength(0);
  });

  test("so is a job title on two lines, a name holding a next-line control or a web address", async () => {
    const admin = await server.signIn("policeAdmin");
    const before = await userCount();
    const cases: [Record<string, string>, string][] = [
      [{ fullName: "Sam Lee", jobTitle: "Constable\nVisit https://evil.example" }, "Job title must be on one line"],
      [{ fullName: "Sam Lee\u0085\u0085IMPORTANT", jobTitle: "" }, "Full name must not contain control characters"],
      [{ fullName: `Sam Lee ${phishing} ${fake}`, jobTitle: "" }, "Full name must be the person's name, not a web address"],
    ];
    for (const [fields, message] of cases) {
      const response = await server.post("/people/new", { email: "sam.lee@kestrelvale-police.example", role: "practitioner", ...fields }, admin);
      expect(response.status).toBe(400);
      expect(mainText(await response.text())).toContain(message);
    }
    expect(await userCount()).toBe(before);
  });

  test("a name written before the rule reaches an email on one line, as the greeting and nothing else", async () => {
    const email = "nadia.hussain@sandmere-health.example";
    await server.db.sql`update users set full_name = ${`Nadia Hussain\n\n${phishing}\n${fake}\n\nIgnore`} where email = ${email}`;
    const admin = await server.signIn("healthAdmin");
    const response = await server.post("/people", { intent: "reset-password", userId: String(await userId(email)) }, admin);
    expect(response.status).toBe(200);
    const reset = await mail.waitFor(email, (message) => message.subject === "Reset your Partnership Portal password");
    const lines = linesOf(reset);
    expect(lines[0]).toMatch(/^Dear Nadia Hussain IMPORTANT: .*\.\.\.,$/);
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(/^Your agency's administrator has reset your password/);
    expect(lines.some((line) => line.startsWith("IMPORTANT") || line.includes("evil.example"))).toBe(false);
    expect(signInLinkIn(reset).origin).toBe(server.origin);
    await server.db.sql`update users set full_name = 'Nadia Hussain' where email = ${email}`;
  });

  test("a deactivation notice never carries the administrator's reason; it says whom to ask", async () => {
    const admin = await server.signIn("policeAdmin");
    const email = "alex.morgan@kestrelvale-police.example";
    const reason = "To restore access confirm your identity at https://portal-sandmere.evil.example/sign-in";
    const response = await server.post(`/people/${await userId(email)}/deactivate`, { reason }, admin);
    expect(response.status).toBe(200);
    const told = await mail.waitFor(email, (message) => message.subject === "Your Partnership Portal account has been deactivated");
    expect(told.text).not.toContain("evil.example");
    expect(told.text).not.toContain("confirm your identity");
    expect(told.text.replace(/\s+/g, " ")).toContain("ask an administrator at Kestrel Vale Police");
    expect(told.text.replace(/\s+/g, " ")).toContain("your password no longer works");
    // The reason is kept where it belongs: the record and the audit trail.
    const [stored] = await server.db.sql`select deactivation_reason from users where email = ${email}`;
    expect(stored.deactivation_reason).toBe(reason);
  });

  test("reactivation does not bring the old password back: the person chooses a new one from an emailed link", async () => {
    const admin = await server.signIn("policeAdmin");
    const email = "alex.morgan@kestrelvale-police.example";
    const id = await userId(email);
    // Whoever learned the password while the account was deactivated...
    expect(await signInStatus(email, DEMO)).toBe(400);
    const response = await server.post("/people", { intent: "reactivate", userId: String(id) }, admin);
    expect(response.status).toBe(200);
    expect(mainText(await response.text())).toContain(
      "Alex Morgan can sign in again once they have chosen a new password from the link we have emailed them",
    );
    // ...cannot use it now.
    expect(await signInStatus(email, DEMO)).toBe(400);
    const [row] = await server.db.sql`select active, password_hash from users where id = ${id}`;
    expect(row).toMatchObject({ active: true, password_hash: "" });
    expect(mainText(await (await server.get("/people", admin)).text())).toMatch(/Alex Morgan.*No password yet/);

    const told = await mail.waitFor(email, (message) => message.subject === "Your Partnership Portal account has been reactivated");
    expect(told.text).toContain("Your old password no longer works");
    const link = signInLinkIn(told);
    expect(link.origin).toBe(server.origin);
    const [stored] = await server.db.sql<{ hours: number; purpose: string }[]>`
      select extract(epoch from expires_at - created_at)::int / 3600 as hours, purpose
      from account_links where user_id = ${id} and used_at is null and superseded_at is null`;
    expect(stored).toMatchObject({ hours: 72, purpose: "reset" });
    expect(mainText(await (await server.get(link.pathname)).text())).toContain("Choose a new password");
    const chosen = await choosePassword(link, "alex's own new words");
    expect(chosen.status).toBe(302);
    expect(sessionTokenFrom(chosen)).not.toBeNull();
    expect(await signInStatus(email, "alex's own new words")).toBe(302);
    expect(await signInStatus(email, DEMO)).toBe(400);
  });
});

/** A form post addressed as the caller likes: fetch will not send a Host header of our choosing. */
function postAddressedTo(host: string, path: string, form: Record<string, string>, cookie?: string): Promise<number> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        path,
        method: "POST",
        headers: {
          host,
          origin: `http://${host}`,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          ...(cookie ? { cookie } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("links point at the port the portal listens on, never the Host header's", () => {
  test("forgotten password, asked for with Host: localhost:31337", async () => {
    const email = "tom.reed@sandmere-council.example";
    expect(await postAddressedTo("localhost:31337", "/forgotten-password", { email })).toBe(200);
    const link = signInLinkIn(await mail.waitFor(email));
    expect(link.origin).toBe(`http://localhost:${server.port}`);
  });

  test("an invitation, sent from an administrator's session with Host: 127.0.0.1:31337", async () => {
    const email = "robin.vale@kestrelvale-police.example";
    const admin = await server.signIn("policeAdmin");
    const status = await postAddressedTo("127.0.0.1:31337", "/people/new", { fullName: "Robin Vale", email, jobTitle: "", role: "practitioner" }, admin);
    expect(status).toBe(200);
    expect(signInLinkIn(await mail.waitFor(email)).origin).toBe(`http://127.0.0.1:${server.port}`);
  });
});

describe("a new person's address names one ordinary mailbox, not the administrator's own", () => {
  test.each([
    ["plus-addressing", "jo.price+pm@kestrelvale-police.example"],
    ["a bidirectional override", "a\u202E@kestrelvale-police.example"],
    ["a letter outside a to z", "jó.price@kestrelvale-police.example"],
    ["a leading full stop", ".jo@kestrelvale-police.example"],
    ["a trailing full stop", "jo.@kestrelvale-police.example"],
    ["two full stops together", "jo..price@kestrelvale-police.example"],
    ["a symbol", "jo!price@kestrelvale-police.example"],
  ])("%s is refused with a clear field error, and nobody is invited", async (_name, email) => {
    const admin = await server.signIn("policeAdmin");
    const before = await userCount();
    const response = await server.post("/people/new", { fullName: "Pat Moor", email, jobTitle: "", role: "practitioner" }, admin);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('href="#email"');
    expect(mainText(html)).toContain("The part of the email address before the @ can only contain letters a to z, numbers, full stops, hyphens and underscores");
    expect(await userCount()).toBe(before);
    const [requests] = await server.db.sql`select count(*)::int as count from role_requests where email = ${email}`;
    expect(requests.count).toBe(0);
  });

  test("a domain outside ASCII is refused", async () => {
    const admin = await server.signIn("policeAdmin");
    const response = await server.post("/people/new", { fullName: "Pat Moor", email: "pat.moor@kestrelvale-pölice.example", jobTitle: "", role: "practitioner" }, admin);
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain("The part of the email address after the @ can only contain");
  });

  test("the administrator's own mailbox name at another of the agency's domains is refused", async () => {
    await server.db.sql`update agencies set email_domains = array['kestrelvale-police.example', 'kvpolice.example'] where id = 'kestrel-vale-police'`;
    try {
      const admin = await server.signIn("policeAdmin");
      const before = await userCount();
      for (const [email, role] of [
        ["Jo.Price@kvpolice.example", "practitioner"],
        ["jo.price@kvpolice.example", "manager"],
      ]) {
        const response = await server.post("/people/new", { fullName: "Jo Price", email, jobTitle: "", role }, admin);
        expect(response.status).toBe(400);
        expect(mainText(await response.text())).toContain("This is the same mailbox name as your own address");
      }
      expect(await userCount()).toBe(before);
      // Someone else at the second domain is fine.
      const other = await server.post("/people/new", { fullName: "Kit Olsen", email: "kit.olsen@kvpolice.example", jobTitle: "", role: "practitioner" }, admin);
      expect(other.status).toBe(200);
    } finally {
      await server.db.sql`update agencies set email_domains = array['kestrelvale-police.example'] where id = 'kestrel-vale-police'`;
    }
  });
});

describe("forgotten password", () => {
  test("asking does not end a pending invitation: both links work until one is used", async () => {
    const email = "lou.hart@kestrelvale-police.example";
    const admin = await server.signIn("policeAdmin");
    expect((await server.post("/people/new", { fullName: "Lou Hart", email, jobTitle: "", role: "practitioner" }, admin)).status).toBe(200);
    const invitation = signInLinkIn(await mail.waitFor(email, (message) => message.subject.startsWith("You have been invited")));
    expect((await server.post("/forgotten-password", { email })).status).toBe(200);
    const asked = signInLinkIn(await mail.waitFor(email, (message) => message.subject.startsWith("Reset")));
    expect((await server.get(invitation.pathname)).status).toBe(200);
    expect((await server.get(asked.pathname)).status).toBe(200);
    expect((await choosePassword(invitation, "lou's chosen words here")).status).toBe(302);
    expect((await server.get(asked.pathname)).status).toBe(410);
  });

  test("asking does not end an administrator's reset link either", async () => {
    const email = "olu.adeyemi@harbourlane-surgery.example";
    const admin = await server.signIn("gpAdmin");
    expect((await server.post("/people", { intent: "reset-password", userId: String(await userId(email)) }, admin)).status).toBe(200);
    const fromAdministrator = signInLinkIn(await mail.waitFor(email, (message) => message.text.includes("administrator has reset")));
    expect((await server.post("/forgotten-password", { email })).status).toBe(200);
    await mail.waitFor(email, (message) => message.text.includes("Someone (we hope you) asked"));
    expect((await server.get(fromAdministrator.pathname)).status).toBe(200);
    expect((await choosePassword(fromAdministrator, "surgery lanterns at dusk")).status).toBe(302);
  });

  test("40 requests for one address sent together give 3 links, no more", async () => {
    server.clock.advanceMinutes(61); // a fresh window for this network address
    const email = "helen.ward@sandmere-council.example";
    const statuses = await Promise.all(Array.from({ length: 40 }, () => server.post("/forgotten-password", { email }).then((response) => response.status)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(37);
    const [recorded] = await server.db.sql`select count(*)::int as count from password_reset_requests where email_key = ${email}`;
    expect(recorded.count).toBe(3);
    await mail.waitFor(email);
    await settle();
    expect(resets(email)).toHaveLength(3);
    const [links] = await server.db.sql`select count(*)::int as count from account_links where user_id = ${await userId(email)}`;
    expect(links.count).toBe(3);
  });

  test("40 requests from one network address sent together, each for another address, are held to 12", async () => {
    server.clock.advanceMinutes(61);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, index) => server.post("/forgotten-password", { email: `nobody.${index}@sandmere-council.example` }).then((response) => response.status)),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(12);
    expect(statuses.filter((status) => status === 429)).toHaveLength(28);
  });
});
