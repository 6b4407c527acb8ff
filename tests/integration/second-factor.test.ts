// A second factor for everyone (issue 16, decision 056): after the password, a code from an authenticator app (TOTP,
// 30-second steps, one step's drift either way, each step taken once) or a single-use recovery code; set up at the first
// sign-in, with every page sending the person back until they have; throttled as passwords are. Through the real
// server, with the test's clock, a real SMTP receiver and real socket.io clients.
import { mail, server, useMailPortal } from "../support/mail-portal";
import { describe, expect, test } from "vitest";
import { DEMO_AUTHENTICATOR_KEY, demoUser, DEMO_PASSWORD } from "../../db/seed";
import { totpCode, totpStep } from "../../server/auth/authenticator";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { mainText } from "../support/html";
import { signInLinkIn } from "../support/mail-receiver";
import { connectSocket } from "../support/socket-client";
import { sessionTokenFrom } from "../support/test-server";

useMailPortal();

const STEP_MS = 30_000;
/** The demo app's code for the step `offset` steps from now on the test's clock. */
const demoCodeAt = (offset = 0) => totpCode(DEMO_AUTHENTICATOR_KEY, totpStep(server.clock.now()) + BigInt(offset));
/** Moves the test's clock to `ms` into the next 30-second step (or this one, if that is still ahead). */
function moveIntoStep(ms: number) {
  const into = server.clock.now().getTime() % STEP_MS;
  server.clock.advance(into <= ms ? ms - into : STEP_MS - into + ms);
}
/** Lets earlier tests' failures fall out of the throttling window. */
const forgetFailures = () => server.clock.advanceMinutes(16);

const cookieOf = (response: Response) => {
  const token = sessionTokenFrom(response);
  return token ? `pp_session=${token}` : null;
};

/** The first step: the password. Returns where the person is sent and the half-signed-in cookie. */
async function password(key: string, email = demoUser(key).email, path = "/sign-in") {
  const response = await server.post(path, { email, password: DEMO_PASSWORD });
  expect(response.status).toBe(302);
  return { location: response.headers.get("location")!, cookie: cookieOf(response)! };
}

async function secondStep(cookie: string, form: Record<string, string>, path = "/sign-in/code") {
  const response = await server.post(path, form, cookie);
  return { status: response.status, location: response.headers.get("location"), cookie: cookieOf(response), html: response.status === 302 ? "" : await response.text() };
}

describe("a password alone opens nothing", () => {
  test("every page sends the person to the second step and back again after; sockets refuse them", async () => {
    const half = await password("health");
    expect(half.location).toBe("/sign-in/code");
    for (const path of ["/", "/cases/1", "/account/sessions", "/account/activity", "/front-door", "/people", "/account/recovery-codes"]) {
      const response = await server.get(path, half.cookie);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(path === "/" ? "/sign-in/code" : `/sign-in/code?next=${encodeURIComponent(path)}`);
    }
    await expect(connectSocket(server.url, { cookie: half.cookie })).rejects.toThrow();
  });

  test("the right code signs in in full under a new token; the password-only token is then worth nothing", async () => {
    const half = await password("police", undefined, "/sign-in?next=%2Fcases%2F1");
    expect(half.location).toBe("/sign-in/code?next=%2Fcases%2F1");
    const page = mainText(await (await server.get(half.location, half.cookie)).text());
    expect(page).toContain("Enter the code from your authenticator app");
    const full = await secondStep(half.cookie, { code: demoCodeAt() }, half.location);
    expect(full.status).toBe(302);
    expect(full.location).toBe("/cases/1");
    expect(full.cookie).not.toBe(half.cookie);
    expect((await server.get("/cases/1", full.cookie!)).status).toBe(200);
    expect((await server.get("/", half.cookie)).headers.get("location")).toBe("/sign-in");
    expect(mainText(await (await server.get("/account/sessions", full.cookie!)).text())).toContain("Password and authenticator app");
    const socket = await connectSocket(server.url, { cookie: full.cookie! });
    socket.close();
  });
});

describe("codes: the step either side, each once, and nothing older", () => {
  test("a code is taken from one step before to one step after its own, and not beyond", async () => {
    forgetFailures();
    moveIntoStep(1_000); // one second into a step: the last step's code still works, the one before it not
    let half = await password("gp");
    expect((await secondStep(half.cookie, { code: demoCodeAt(-2) })).status).toBe(400);
    expect((await secondStep(half.cookie, { code: demoCodeAt(-1) })).status).toBe(302);
    moveIntoStep(29_000); // the end of a step: the next step's code works, the one after it not
    half = await password("gp");
    expect((await secondStep(half.cookie, { code: demoCodeAt(2) })).status).toBe(400);
    expect((await secondStep(half.cookie, { code: demoCodeAt(1) })).status).toBe(302);
  });

  test("a code used once is refused the second time, as is an older one after it, and the page says why", async () => {
    forgetFailures();
    moveIntoStep(10_000);
    const first = await password("teamManager");
    const second = await password("teamManager");
    const code = demoCodeAt(0);
    expect((await secondStep(first.cookie, { code })).status).toBe(302);
    const reused = await secondStep(second.cookie, { code });
    expect(reused.status).toBe(400);
    expect(reused.html).toContain("govuk-error-summary");
    expect(mainText(reused.html)).toContain("That code is not right, or has been used");
    expect((await secondStep(second.cookie, { code: demoCodeAt(-1) })).status).toBe(400);
    // Still only half signed in: nothing opened.
    expect((await server.get("/", second.cookie)).headers.get("location")).toBe("/sign-in/code");
    expect((await secondStep(second.cookie, { code: demoCodeAt(1) })).status).toBe(302);
  });

  test.each([
    ["nothing", "", "Enter the 6-digit code from your authenticator app"],
    ["letters", "abcdef", "The code must be numbers only"],
    ["five digits", "12345", "The code must be 6 digits"],
    ["10 KB", "1".repeat(10_000), "The code must be 6 digits"],
    ["a control character", "123\u0007456", "Code"],
  ])("%s as a code gets a clear message and changes nothing", async (_name, code, message) => {
    const half = await password("screener");
    const answer = await secondStep(half.cookie, { code });
    expect(answer.status).toBe(400);
    expect(answer.html).toContain("govuk-error-summary");
    expect(mainText(answer.html)).toContain(message);
    expect((await server.get("/", half.cookie)).headers.get("location")).toBe("/sign-in/code");
  });

  test("five wrong codes make the person wait, even with the right one; then they may try again", async () => {
    forgetFailures();
    const half = await password("socialCareAdmin");
    for (let attempt = 0; attempt < 5; attempt++) expect((await secondStep(half.cookie, { code: "000000" })).status).toBe(400);
    const waiting = await secondStep(half.cookie, { code: demoCodeAt() });
    expect(waiting.status).toBe(429);
    expect(mainText(waiting.html)).toContain("Too many wrong codes. Wait");
    server.clock.advanceMinutes(16);
    const again = await password("socialCareAdmin");
    expect((await secondStep(again.cookie, { code: demoCodeAt() })).status).toBe(302);
    const [row] = await server.db.sql<{ failures: number; throttled: number }[]>`
      select count(*) filter (where outcome = 'failure')::int as failures, count(*) filter (where outcome = 'denied')::int as throttled
      from audit_events where action = 'sign-in:second-factor' and target = ${`user:${await idOf(demoUser("socialCareAdmin").email)}`}`;
    expect(row).toEqual({ failures: 5, throttled: 1 });
  });
});

async function idOf(email: string): Promise<number> {
  const [row] = await server.db.sql<{ id: string }[]>`select id from users where email = ${email}`;
  return Number(row.id);
}

/** A new person of the police, with the demo password and no authenticator app yet. */
async function newPerson(email: string): Promise<void> {
  await server.db.sql`
    insert into users (agency_id, role, full_name, job_title, email, password_hash)
    select agency_id, 'practitioner', 'Kit Lambert', 'Police constable', ${email}, password_hash from users where email = ${demoUser("police").email}`;
}

/** Sets up the app the set-up page offers; returns the key it showed and the signed-in cookie. */
async function setUp(half: { cookie: string; location: string }) {
  const html = await (await server.get(half.location, half.cookie)).text();
  const key = html.match(/data-testid="authenticator-key">([A-Z2-7 ]+)</)![1].replace(/ /g, "");
  const secret = new Uint8Array(decodeBase32IgnorePadding(key));
  const done = await secondStep(half.cookie, { code: totpCode(secret, totpStep(server.clock.now())) }, half.location);
  return { html, secret, done };
}

describe("setting up an authenticator app at the first sign-in", () => {
  test("every page sends the person to set it up; a wrong code is refused; then ten recovery codes, shown once", async () => {
    forgetFailures();
    const email = "kit.lambert@kestrelvale-police.example";
    await newPerson(email);
    const half = await password("police", email);
    expect(half.location).toBe("/sign-in/set-up");
    for (const path of ["/", "/cases/1", "/sign-in/code", "/account/confirm"]) {
      const response = await server.get(path, half.cookie);
      expect(response.headers.get("location"), path).toMatch(/^\/sign-in\/set-up/);
    }
    const wrong = await secondStep(half.cookie, { code: "123456" }, "/sign-in/set-up");
    expect(wrong.status).toBe(400);
    expect(mainText(wrong.html)).toContain("That code is not right");
    const { html, done } = await setUp(half);
    expect(html).toContain("<svg");
    expect(done.location).toBe("/account/recovery-codes");
    const codesPage = await (await server.get("/account/recovery-codes", done.cookie!)).text();
    const codes = [...codesPage.matchAll(/<code>([a-z2-7]{5}-[a-z2-7]{5})<\/code>/g)].map((match) => match[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [stored] = await server.db.sql<{ hashes: string[] }[]>`
      select array_agg(code_hash) as hashes from recovery_codes where user_id = ${await idOf(email)}`;
    for (const code of codes) expect(stored.hashes.join()).not.toContain(code.replace("-", "")); // kept hashed
    const again = mainText(await (await server.get("/account/recovery-codes", done.cookie!)).text());
    expect(again).not.toContain(codes[0]);
    expect(again).toContain("You have 10 of 10 recovery codes left");

    // A recovery code signs them in once, in any case and with or without its dash.
    const withRecovery = await password("police", email);
    expect(withRecovery.location).toBe("/sign-in/code");
    const used = await secondStep(withRecovery.cookie, { recoveryCode: ` ${codes[3].toUpperCase().replace("-", "")} ` }, "/sign-in/code?with=recovery-code");
    expect(used.status).toBe(302);
    const twice = await password("police", email);
    const refused = await secondStep(twice.cookie, { recoveryCode: codes[3] }, "/sign-in/code?with=recovery-code");
    expect(refused.status).toBe(400);
    expect(mainText(refused.html)).toContain("That recovery code is not right, or has been used");
    const badShape = await secondStep(twice.cookie, { recoveryCode: "not-a-code!" }, "/sign-in/code?with=recovery-code");
    expect(mainText(badShape.html)).toContain("A recovery code is 10 letters and numbers");
    expect(mainText(await (await server.get("/account/sessions", used.cookie!)).text())).toContain("Password and recovery code");
    expect(mainText(await (await server.get("/account/recovery-codes", used.cookie!)).text())).toContain("You have 9 of 10 recovery codes left");
    const activity = mainText(await (await server.get("/account/activity", used.cookie!)).text());
    for (const line of ["Set up an authenticator app", "Gave their second factor to sign in", "with a recovery code", "wrong or used recovery code"])
      expect(activity).toContain(line);
  });

  test("someone else with the password who opens the set-up page first never learns the key the person then scans", async () => {
    forgetFailures();
    const email = "ola.brennan@kestrelvale-police.example";
    await newPerson(email);
    const intruder = await password("police", email);
    const intruderKey = (await (await server.get(intruder.location, intruder.cookie)).text()).match(/data-testid="authenticator-key">([A-Z2-7 ]+)</)![1];
    const owner = await password("police", email);
    const { html, done } = await setUp(owner);
    expect(html).not.toContain(intruderKey);
    expect(done.status).toBe(302);
    const secret = new Uint8Array(decodeBase32IgnorePadding(intruderKey.replace(/ /g, "")));
    const tried = await secondStep(intruder.cookie, { code: totpCode(secret, totpStep(server.clock.now())) }, "/sign-in/set-up");
    expect(tried.location).toBe("/sign-in/code"); // sent to give a code from the owner's app, which they do not have
    expect(tried.cookie).toBeNull();
    expect((await server.get("/", intruder.cookie)).headers.get("location")).toBe("/sign-in/code");
  });

  test("attempts at a password on an address shaped like a person's key do not throttle that person's codes", async () => {
    forgetFailures();
    const id = await idOf(demoUser("healthScreener").email);
    for (let attempt = 0; attempt < 6; attempt++) await server.post("/sign-in", { email: `user:${id}`, password: "guess" });
    const half = await password("healthScreener");
    expect((await secondStep(half.cookie, { code: demoCodeAt() })).status).toBe(302);
  });

  test("an administrator resets a lost app: the person is signed out, emailed a link for a new password, and sets up a new app", async () => {
    forgetFailures();
    const email = "noor.haddad@kestrelvale-police.example";
    await newPerson(email);
    const first = await setUp(await password("police", email));
    const person = await idOf(email);
    const admin = await server.signIn("policeAdmin");
    const peoplePage = await (await server.get("/people", admin)).text();
    expect(peoplePage).toContain("Reset second factor");
    const reset = await server.post("/people", { intent: "reset-second-factor", userId: String(person) }, admin);
    expect(reset.status).toBe(200);
    const said = mainText(await reset.text());
    expect(said).toContain("no longer work, and they have been signed out");
    expect(said).not.toMatch(/set-password\/[a-z2-7]/);
    expect((await server.get("/", first.done.cookie!)).headers.get("location")).toBe("/sign-in");
    await expect.poll(() => mail.to(email).map((message) => message.subject)).toContain("Your Partnership Portal authenticator app has been reset");
    // The password alone, which someone else may have, no longer works: the new app needs the emailed link.
    expect((await server.post("/sign-in", { email, password: DEMO_PASSWORD })).status).toBe(400);
    const link = signInLinkIn(await mail.waitFor(email, (message) => message.subject === "Reset your Partnership Portal password"));
    const chosen = await server.post(link.pathname, { newPassword: "kestrel vale night shift", confirmPassword: "kestrel vale night shift" });
    const half = cookieOf(chosen)!;
    expect((await server.get("/", half)).headers.get("location")).toBe("/sign-in/set-up");
    // The old app's codes sign nobody in.
    const old = await secondStep(half, { code: totpCode(first.secret, totpStep(server.clock.now()) + 1n) }, "/sign-in/set-up");
    expect(old.status).toBe(400);
    expect((await setUp({ cookie: half, location: "/sign-in/set-up" })).done.status).toBe(302);
    // Another agency's administrator cannot reset them.
    const refused = await server.post("/people", { intent: "reset-second-factor", userId: String(person) }, await server.signIn("healthAdmin"));
    expect(refused.status).toBe(400);
  });
});

describe("exemptions are recorded, shown to the partnership manager, and withdrawn at once", () => {
  test("an exempt agency's people sign in with a password; withdrawing it stops their open sockets and asks for a code", async () => {
    forgetFailures();
    const manager = await server.signIn("partnershipManager");
    expect((await server.get("/oversight/second-factors", await server.signIn("policeAdmin"))).status).toBe(404);
    const page = mainText(await (await server.get("/oversight/second-factors", manager)).text());
    expect(page).toContain("Larkfield Primary School");
    const noReason = await server.post("/oversight/second-factors", { intent: "record", agencyId: "larkfield-primary", reason: " " }, manager);
    expect(noReason.status).toBe(400);
    expect(mainText(await noReason.text())).toContain("Enter why this agency's people may sign in without a second factor");
    const recorded = await server.post(
      "/oversight/second-factors",
      { intent: "record", agencyId: "larkfield-primary", reason: "Phones are not allowed in classrooms until the new policy in January." },
      manager,
    );
    expect(recorded.status).toBe(302);
    const listed = mainText(await (await server.get("/oversight/second-factors", manager)).text());
    expect(listed).toContain("Phones are not allowed in classrooms");
    expect(listed).toContain("Recorded by Marion Fields");

    const teacher = await password("education");
    expect(teacher.location).toBe("/");
    expect((await server.get("/", teacher.cookie)).status).toBe(200);
    const socket = await connectSocket(server.url, { cookie: teacher.cookie });
    const closed = new Promise<string>((resolve) => socket.on("disconnect", (reason) => resolve(reason)));

    const withdrawn = await server.post("/oversight/second-factors", { intent: "withdraw", agencyId: "larkfield-primary" }, manager);
    expect(withdrawn.status).toBe(302);
    await closed;
    expect((await server.get("/", teacher.cookie)).headers.get("location")).toBe("/sign-in/code");
    expect((await password("education")).location).toBe("/sign-in/code");
    const [audited] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where action in ('record:second-factor-exemption', 'withdraw:second-factor-exemption')`;
    expect(audited.count).toBe(2);
  });
});
