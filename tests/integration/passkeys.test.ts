// Passkeys (issue 16, decision 058): added and removed on Your passkeys after proving it is you, given as the second
// step after a password, or on their own to sign in. Through the real server with a software authenticator playing
// the browser's part: passkeys from another origin, reused or expired challenges, unknown passkeys, a deactivated
// person's and malformed answers are all refused with words on the page, and change nothing.
import { mail, server, useMailPortal } from "../support/mail-portal";
import { describe, expect, test } from "vitest";
import { demoUser, DEMO_PASSWORD } from "../../db/seed";
import { claimInProcess, demoCode } from "../support/demo-codes";
import { mainText } from "../support/html";
import { ceremonyIn, SoftwareAuthenticator } from "../support/software-authenticator";
import { sessionTokenFrom, stepClock } from "../support/test-server";

useMailPortal();

const cookieOf = (response: Response) => {
  const token = sessionTokenFrom(response);
  return token ? `pp_session=${token}` : null;
};

/** Posts a form that asks for a passkey challenge; returns the options the page carries for the browser. */
async function challenge(path: string, form: Record<string, string>, cookie?: string) {
  const response = await server.post(path, form, cookie);
  expect(response.status, path).toBe(200);
  const ceremony = ceremonyIn(await response.text());
  expect(ceremony, `a passkey challenge on ${path}`).not.toBeNull();
  return ceremony!.options;
}

async function answer(path: string, form: Record<string, string>, cookie?: string) {
  const response = await server.post(path, form, cookie);
  return { status: response.status, location: response.headers.get("location"), cookie: cookieOf(response), html: response.status === 302 ? "" : await response.text() };
}

/** Adds a passkey made by `authenticator` to the signed-in person's account, as the page and browser would. */
async function addPasskey(cookie: string, authenticator: SoftwareAuthenticator, name: string, origin = server.origin) {
  const options = await challenge("/account/passkeys", { intent: "begin-add", name }, cookie);
  return answer("/account/passkeys", { intent: "add", name, credential: JSON.stringify(authenticator.create(options, origin)) }, cookie);
}

/** Signs in with a passkey alone, from the sign-in page. */
async function passwordless(authenticator: SoftwareAuthenticator, opts: { origin?: string; signCount?: number } = {}) {
  const options = await challenge("/sign-in", { intent: "passkey-begin" });
  return answer("/sign-in", { intent: "passkey", credential: JSON.stringify(authenticator.get(options, opts.origin ?? server.origin, opts)) });
}

async function idOf(email: string): Promise<number> {
  const [row] = await server.db.sql<{ id: string }[]>`select id from users where email = ${email}`;
  return Number(row.id);
}

async function passkeysOf(email: string) {
  return server.db.sql<{ name: string; counter: string; lastUsedAt: Date | null }[]>`
    select name, counter, last_used_at as "lastUsedAt" from passkeys where user_id = ${await idOf(email)} order by id`;
}

/** The first step with a password: where the person is sent, and the half-signed-in cookie. */
async function password(key: string) {
  const response = await server.post("/sign-in", { email: demoUser(key).email, password: DEMO_PASSWORD });
  expect(response.status).toBe(302);
  return { location: response.headers.get("location")!, cookie: cookieOf(response)! };
}

describe("adding and removing passkeys", () => {
  test("adding one needs a recent proof that it is you; it is listed, emailed and on the activity page", async () => {
    const email = demoUser("gp").email;
    const cookie = await server.signIn("gp");
    expect(mainText(await (await server.get("/account/sessions", cookie)).text())).toContain("your passkeys");
    const empty = mainText(await (await server.get("/account/passkeys", cookie)).text());
    expect(empty).toContain("You have not added a passkey");

    // A name is needed, and at most 100 characters; nothing is asked of the browser meanwhile.
    for (const [name, message] of [
      ["", "Enter a name for the passkey"],
      ["x".repeat(101), "The name must be 100 characters or fewer"],
      ["Work\nlaptop", "Name must be on one line"],
    ]) {
      const refused = await server.post("/account/passkeys", { intent: "begin-add", name }, cookie);
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain("govuk-error-summary");
      expect(mainText(html)).toContain(message);
      expect(ceremonyIn(html)).toBeNull();
    }

    // Sixteen minutes on: proving it is you first, then back here.
    server.clock.advanceMinutes(16);
    const stale = await server.post("/account/passkeys", { intent: "begin-add", name: "Work laptop" }, cookie);
    expect(stale.status).toBe(302);
    expect(stale.headers.get("location")).toBe("/account/confirm?next=%2Faccount%2Fpasskeys");
    const code = await demoCode(server.origin, email, claimInProcess, stepClock(server));
    const confirmed = await server.post("/account/confirm?next=%2Faccount%2Fpasskeys", { code }, cookie);
    expect(confirmed.headers.get("location")).toBe("/account/passkeys");

    const authenticator = new SoftwareAuthenticator();
    const added = await addPasskey(cookie, authenticator, "Work laptop");
    expect(added.status).toBe(200);
    expect(mainText(added.html)).toContain('The passkey "Work laptop" was added');
    const page = mainText(await (await server.get("/account/passkeys", cookie)).text());
    expect(page).toContain("Work laptop");
    expect(page).toContain("Not used yet");
    const message = await mail.waitFor(email, (each) => each.subject === "A passkey was added to your Partnership Portal account");
    expect(message.text).toContain('A passkey named "Work laptop" was added');
    expect(mainText(await (await server.get("/account/activity", cookie)).text())).toContain("Added a passkey");
    const [audited] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where action = 'add:passkey' and outcome = 'success' and target = ${`user:${await idOf(email)}`}`;
    expect(audited.count).toBe(1);
  });
});

describe("signing in with a passkey", () => {
  test("alone, it signs the person in fully: a page opens, the session says Passkey, a new browser is emailed", async () => {
    const email = demoUser("health").email;
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("health"), authenticator, "Phone")).status).toBe(200);
    const signedIn = await passwordless(authenticator);
    expect(signedIn.status).toBe(302);
    expect(signedIn.location).toBe("/");
    expect((await server.get("/", signedIn.cookie!)).status).toBe(200);
    expect((await server.get("/cases/1", signedIn.cookie!)).status).not.toBe(302);
    expect(mainText(await (await server.get("/account/sessions", signedIn.cookie!)).text())).toContain("Passkey");
    // No device cookie was sent, so this is a browser the person has not used: told by email, as a password's is.
    await mail.waitFor(email, (each) => each.subject === "New sign-in to your Partnership Portal account");
    const activity = mainText(await (await server.get("/account/activity", signedIn.cookie!)).text());
    expect(activity).toContain("Signed in");
    const [stored] = await passkeysOf(email);
    expect(Number(stored.counter)).toBe(1);
    expect(stored.lastUsedAt).not.toBeNull();
    expect(mainText(await (await server.get("/account/passkeys", signedIn.cookie!)).text())).not.toContain("Not used yet");
  });

  test("after a password, it is the second step: Password and passkey", async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("police"), authenticator, "Desk key")).status).toBe(200);
    const half = await password("police");
    expect(half.location).toBe("/sign-in/code");
    expect(mainText(await (await server.get(half.location, half.cookie)).text())).toContain("Use a passkey");
    const options = await challenge("/sign-in/code", { intent: "passkey-begin" }, half.cookie);
    expect(options.allowCredentials?.map((each) => each.id)).toEqual(authenticator.credentialIds);
    const full = await answer("/sign-in/code", { intent: "passkey", credential: JSON.stringify(authenticator.get(options, server.origin)) }, half.cookie);
    expect(full.status).toBe(302);
    expect(full.location).toBe("/");
    expect(full.cookie).not.toBe(half.cookie);
    expect((await server.get("/", full.cookie!)).status).toBe(200);
    expect((await server.get("/", half.cookie)).headers.get("location")).toBe("/sign-in");
    expect(mainText(await (await server.get("/account/sessions", full.cookie!)).text())).toContain("Password and passkey");

    // Someone else's passkey is not this person's second step.
    const stranger = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("policeAdmin"), stranger, "Admin key")).status).toBe(200);
    const again = await password("police");
    const theirs = await challenge("/sign-in/code", { intent: "passkey-begin" }, again.cookie);
    const refused = await answer("/sign-in/code", { intent: "passkey", credential: JSON.stringify(stranger.get({ ...theirs, allowCredentials: [] }, server.origin)) }, again.cookie);
    expect(refused.status).toBe(400);
    expect(mainText(refused.html)).toContain("That passkey cannot be used here");
    expect((await server.get("/", again.cookie)).headers.get("location")).toBe("/sign-in/code");
  });

  test("it proves it is you again on Confirm it is you", async () => {
    const authenticator = new SoftwareAuthenticator();
    const cookie = await server.signIn("chair");
    expect((await addPasskey(cookie, authenticator, "Laptop")).status).toBe(200);
    server.clock.advanceMinutes(16);
    expect((await server.post("/account/passkeys", { intent: "begin-add", name: "Second" }, cookie)).status).toBe(302);
    const options = await challenge("/account/confirm?next=%2Faccount%2Fpasskeys", { intent: "passkey-begin" }, cookie);
    const confirmed = await answer("/account/confirm?next=%2Faccount%2Fpasskeys", { intent: "passkey", credential: JSON.stringify(authenticator.get(options, server.origin)) }, cookie);
    expect(confirmed.location).toBe("/account/passkeys");
    expect((await server.post("/account/passkeys", { intent: "begin-add", name: "Second" }, cookie)).status).toBe(200);
  });
});

describe("refused, with words on the page, and nothing changed", () => {
  test("a passkey made on, or used from, another origin", async () => {
    const email = demoUser("screener").email;
    const cookie = await server.signIn("screener");
    const phished = new SoftwareAuthenticator();
    const made = await addPasskey(cookie, phished, "Phished", "https://portal.example.net");
    expect(made.status).toBe(400);
    expect(made.html).toContain("govuk-error-summary");
    expect(mainText(made.html)).toContain("Your passkey's answer could not be checked");
    expect(await passkeysOf(email)).toEqual([]);

    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(cookie, authenticator, "Real")).status).toBe(200);
    const elsewhere = await passwordless(authenticator, { origin: "https://portal.example.net" });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.cookie).toBeNull();
    expect(mainText(elsewhere.html)).toContain("Your passkey's answer could not be checked");
    const [stored] = await passkeysOf(email);
    expect(Number(stored.counter)).toBe(0);
    expect(stored.lastUsedAt).toBeNull();
  });

  test("a challenge used twice, or answered after five minutes", async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("socialWorker"), authenticator, "Phone")).status).toBe(200);
    const options = await challenge("/sign-in", { intent: "passkey-begin" });
    const first = await answer("/sign-in", { intent: "passkey", credential: JSON.stringify(authenticator.get(options, server.origin)) });
    expect(first.status).toBe(302);
    const replayed = await answer("/sign-in", { intent: "passkey", credential: JSON.stringify(authenticator.get(options, server.origin)) });
    expect(replayed.status).toBe(400);
    expect(replayed.cookie).toBeNull();
    expect(mainText(replayed.html)).toContain("The request to use your passkey has ended or was already used");

    const late = await challenge("/sign-in", { intent: "passkey-begin" });
    server.clock.advanceMinutes(6);
    const expired = await answer("/sign-in", { intent: "passkey", credential: JSON.stringify(authenticator.get(late, server.origin)) });
    expect(expired.status).toBe(400);
    expect(mainText(expired.html)).toContain("The request to use your passkey has ended or was already used");

    // The same answer sent again (a copied request) is refused too, however fresh its count looks.
    const fresh = await challenge("/sign-in", { intent: "passkey-begin" });
    const signed = JSON.stringify(authenticator.get(fresh, server.origin));
    expect((await answer("/sign-in", { intent: "passkey", credential: signed })).status).toBe(302);
    expect((await answer("/sign-in", { intent: "passkey", credential: signed })).status).toBe(400);
  });

  test("asking again in one session replaces the challenge: the first one's answer is refused", async () => {
    const email = demoUser("education").email;
    const cookie = await server.signIn("education");
    const authenticator = new SoftwareAuthenticator();
    const first = await challenge("/account/passkeys", { intent: "begin-add", name: "Tablet" }, cookie);
    const second = await challenge("/account/passkeys", { intent: "begin-add", name: "Tablet" }, cookie);
    expect(second.challenge).not.toBe(first.challenge);
    const stale = await answer("/account/passkeys", { intent: "add", name: "Tablet", credential: JSON.stringify(authenticator.create(first, server.origin)) }, cookie);
    expect(stale.status).toBe(400);
    expect(mainText(stale.html)).toContain("The request to use your passkey has ended or was already used");
    expect(await passkeysOf(email)).toEqual([]);
    const added = await answer("/account/passkeys", { intent: "add", name: "Tablet", credential: JSON.stringify(authenticator.create(second, server.origin)) }, cookie);
    expect(added.status).toBe(200);
    expect((await passkeysOf(email)).map((passkey) => passkey.name)).toEqual(["Tablet"]);
  });

  test("a signature count gone backwards (a cloned authenticator)", async () => {
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("educationAdmin"), authenticator, "Key")).status).toBe(200);
    expect((await passwordless(authenticator)).status).toBe(302);
    expect((await passwordless(authenticator)).status).toBe(302);
    const cloned = await passwordless(authenticator, { signCount: 1 });
    expect(cloned.status).toBe(400);
    expect(cloned.cookie).toBeNull();
  });

  test("a passkey the portal does not know", async () => {
    const unknown = new SoftwareAuthenticator();
    unknown.create({ challenge: "AAAAAAAAAAAAAAAAAAAAAA", rp: {}, user: { id: "AAAA" } }, server.origin);
    const refused = await passwordless(unknown);
    expect(refused.status).toBe(400);
    expect(refused.cookie).toBeNull();
    expect(mainText(refused.html)).toContain("That passkey cannot be used here");
  });

  test("a deactivated person's passkey signs nobody in", async () => {
    const email = demoUser("earlyHelpWorker").email;
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("earlyHelpWorker"), authenticator, "Phone")).status).toBe(200);
    await server.db.sql`update users set active = false where email = ${email}`;
    try {
      const refused = await passwordless(authenticator);
      expect(refused.status).toBe(400);
      expect(refused.cookie).toBeNull();
      expect(mainText(refused.html)).toContain("That passkey cannot be used here");
      const [stored] = await passkeysOf(email);
      expect(stored.lastUsedAt).toBeNull();
    } finally {
      await server.db.sql`update users set active = true where email = ${email}`;
    }
  });

  test("a removed passkey stops working; someone else's cannot be removed", async () => {
    const email = demoUser("teamManager").email;
    const cookie = await server.signIn("teamManager");
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(cookie, authenticator, "Old phone")).status).toBe(200);
    expect((await passwordless(authenticator)).status).toBe(302);
    const [row] = await server.db.sql<{ id: string }[]>`select id from passkeys where user_id = ${await idOf(email)}`;
    const notTheirs = await server.post("/account/passkeys", { intent: "remove", passkeyId: row.id }, await server.signIn("earlyHelpManager"));
    expect(notTheirs.status).toBe(400);
    expect(mainText(await notTheirs.text())).toContain("That passkey is not one of yours");
    const removed = await server.post("/account/passkeys", { intent: "remove", passkeyId: row.id }, cookie);
    expect(removed.status).toBe(200);
    expect(mainText(await removed.text())).toContain('The passkey "Old phone" was removed');
    expect(await passkeysOf(email)).toEqual([]);
    const refused = await passwordless(authenticator);
    expect(refused.status).toBe(400);
    expect(mainText(refused.html)).toContain("That passkey cannot be used here");
    expect(mainText(await (await server.get("/account/activity", cookie)).text())).toContain("Removed a passkey");
    await mail.waitFor(demoUser("teamManager").email, (each) => each.subject === "A passkey was removed from your Partnership Portal account");
    // With no passkey and an app, the password's second step is the app's code again.
    expect((await password("teamManager")).location).toBe("/sign-in/code");
  });

  test("an administrator's reset of a person's second factor removes their passkeys: the passkey signs nobody in", async () => {
    const email = demoUser("policeScreener").email;
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("policeScreener"), authenticator, "Phone")).status).toBe(200);
    const reset = await server.post("/people", { intent: "reset-second-factor", userId: String(await idOf(email)) }, await server.signIn("policeAdmin"));
    expect(reset.status).toBe(200);
    expect(await passkeysOf(email)).toEqual([]);
    const refused = await passwordless(authenticator);
    expect(refused.status).toBe(400);
    expect(refused.cookie).toBeNull();
    const told = await mail.waitFor(email, (each) => each.subject === "Your Partnership Portal authenticator app has been reset");
    expect(told.text.replace(/\s+/g, " ")).toContain("any passkeys no longer sign you in");
  });

  test("a person with a passkey and no authenticator app is offered the passkey, not set-up", async () => {
    const email = demoUser("educationScreener").email;
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("educationScreener"), authenticator, "Phone")).status).toBe(200);
    await server.db.sql`delete from recovery_codes where user_id = ${await idOf(email)}`;
    await server.db.sql`delete from authenticator_apps where user_id = ${await idOf(email)}`;
    const half = await password("educationScreener");
    expect(half.location).toBe("/sign-in/code");
    const page = mainText(await (await server.get(half.location, half.cookie)).text());
    expect(page).toContain("Use your passkey");
    expect(page).not.toContain("Enter the code");
    expect((await server.get("/sign-in/set-up", half.cookie)).headers.get("location")).toBe("/sign-in/code");
    const codeTried = await answer("/sign-in/code", { code: "123456" }, half.cookie);
    expect(codeTried.status).toBe(400);
    const options = await challenge("/sign-in/code", { intent: "passkey-begin" }, half.cookie);
    const full = await answer("/sign-in/code", { intent: "passkey", credential: JSON.stringify(authenticator.get(options, server.origin)) }, half.cookie);
    expect(full.status).toBe(302);
    expect((await server.get("/", full.cookie!)).status).toBe(200);
    expect(mainText(await (await server.get("/account/recovery-codes", full.cookie!)).text())).toContain("You use a passkey as your second factor");

    // Their administrator sees it, and can reset it when it is lost: it then signs nobody in.
    const admin = await server.signIn("educationAdmin");
    expect(mainText(await (await server.get("/people", admin)).text())).toContain("Passkey added");
    const reset = await server.post("/people", { intent: "reset-second-factor", userId: String(await idOf(email)) }, admin);
    expect(reset.status).toBe(200);
    expect(await passkeysOf(email)).toEqual([]);
    expect((await passwordless(authenticator)).cookie).toBeNull();
  });

  test("five refused answers with one passkey make it wait, even when right; a password typed as its key does not", async () => {
    server.clock.advanceMinutes(16); // earlier tests' failures fall out of the window
    const authenticator = new SoftwareAuthenticator();
    expect((await addPasskey(await server.signIn("healthAdmin"), authenticator, "Phone")).status).toBe(200);
    const [credentialId] = authenticator.credentialIds;
    for (let attempt = 0; attempt < 6; attempt++) await server.post("/sign-in", { email: `passkey:${credentialId}`, password: "guess" });
    expect((await passwordless(authenticator)).status).toBe(302);
    for (let attempt = 0; attempt < 5; attempt++) expect((await passwordless(authenticator, { origin: "https://portal.example.net" })).status).toBe(400);
    const waiting = await passwordless(authenticator);
    expect(waiting.status).toBe(429);
    expect(waiting.cookie).toBeNull();
    expect(mainText(waiting.html)).toContain("Too many failed attempts to sign in. Wait");
    server.clock.advanceMinutes(16);
    expect((await passwordless(authenticator)).status).toBe(302);
  });

  const clientData = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const malformed: [string, string][] = [
    ["nothing", ""],
    ["not JSON", "{not json"],
    ["JSON of the wrong shape", JSON.stringify({ id: 1, response: "no" })],
    ["a prototype key", '{"__proto__":{"polluted":true},"id":"abc","rawId":"abc","type":"public-key"}'],
    ["10 KB of text", "x".repeat(10_000)],
    [
      "unreadable client data",
      JSON.stringify({ id: "abc", rawId: "abc", type: "public-key", clientExtensionResults: {}, response: { clientDataJSON: "bm90IGpzb24", authenticatorData: "AAAA", signature: "AAAA" } }),
    ],
    [
      "a made-up challenge",
      JSON.stringify({
        id: "abc",
        rawId: "abc",
        type: "public-key",
        clientExtensionResults: {},
        response: { clientDataJSON: clientData({ type: "webauthn.get", challenge: "A".repeat(43), origin: "x" }), authenticatorData: "AAAA", signature: "AAAA" },
      }),
    ],
  ];

  test.each(malformed)("%s as a passkey's answer gets 400 and words, on every page that takes one", async (_name, credential) => {
    const cookie = await server.signIn("gpAdmin");
    // With a passkey, so each page reads the answer as a passkey's.
    if (!(await passkeysOf(demoUser("gpAdmin").email)).length) expect((await addPasskey(cookie, new SoftwareAuthenticator(), "Key")).status).toBe(200);
    const half = await password("gpAdmin");
    for (const [path, form, who] of [
      ["/sign-in", { intent: "passkey", credential }, undefined],
      ["/sign-in/code", { intent: "passkey", credential }, half.cookie],
      ["/account/passkeys", { intent: "add", name: "Key", credential }, cookie],
      ["/account/confirm", { intent: "passkey", credential }, cookie],
    ] as const) {
      const response = await server.post(path, form, who);
      expect(response.status, path).toBe(400);
      const html = await response.text();
      expect(html, path).toContain("govuk-error-summary");
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("an answer whose attestation is garbage is refused when adding, after the challenge is used", async () => {
    const cookie = await server.signIn("partnershipAdmin");
    const options = await challenge("/account/passkeys", { intent: "begin-add", name: "Key" }, cookie);
    const real = new SoftwareAuthenticator().create(options, server.origin) as { response: Record<string, string> };
    const broken = { ...real, response: { ...real.response, attestationObject: "AAAA" } };
    const refused = await answer("/account/passkeys", { intent: "add", name: "Key", credential: JSON.stringify(broken) }, cookie);
    expect(refused.status).toBe(400);
    expect(mainText(refused.html)).toContain("Your passkey's answer could not be checked");
    expect(await passkeysOf(demoUser("partnershipAdmin").email)).toEqual([]);
  });
});
