// Single sign-on through an agency's own OpenID Connect provider (issue 16, decision 057), against a real provider
// started in the test: the people who must be let in are, through both steps where their agency does not trust the
// provider's second factor; every bad answer is refused with a clear message and no session.
import { describe, expect, test } from "vitest";
import { demoUser } from "../../db/seed";
import { finishSignIn, httpTo } from "../support/demo-codes";
import { mainText } from "../support/html";
import { bringBack, provider, server, sessionFrom, throughProvider, useSingleSignOnPortal, type Trip } from "../support/single-sign-on-portal";
import { stepClock } from "../support/test-server";

useSingleSignOnPortal();

const police = demoUser("police");
const health = demoUser("health");

async function lastAudit(action = "sign-in") {
  const [row] = await server.db.sql<{ outcome: string; details: Record<string, unknown>; userId: string | null }[]>`
    select outcome, details, user_id as "userId" from audit_events where action = ${action} order by id desc limit 1`;
  return row;
}

/** A refused answer: the page says why in an error summary, and no session was made. */
async function expectRefused(response: Response, message: string) {
  expect(response.status).toBe(400);
  expect(sessionFrom(response)).toBeNull();
  const text = mainText(await response.text());
  expect(text).toContain("There is a problem");
  expect(text).toContain(message);
}

describe("signing in through an agency's own provider", () => {
  test("the sign-in page offers each configured agency", async () => {
    const page = mainText(await (await server.get("/sign-in")).text());
    expect(page).toContain("Sign in through Kestrel Vale Police");
    expect(page).toContain("Sign in through Sandmere Community Health NHS Trust");
    expect(page).not.toContain("Sign in through Harbour Lane Surgery");
  });

  test("a police officer whose provider asked for a second factor is signed in in full, and comes back where they asked to go", async () => {
    const trip = await throughProvider(`/sign-in/sso/kestrel-vale-police?next=${encodeURIComponent("/account/sessions")}`, {
      email: police.email.toUpperCase(),
      secondFactor: true,
    });
    const answer = await bringBack(trip);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/account/sessions");
    const cookie = sessionFrom(answer)!;
    const sessions = await server.get("/account/sessions", cookie);
    expect(sessions.status).toBe(200);
    expect(mainText(await sessions.text())).toContain("Single sign-on with its own second factor");
    expect(mainText(await (await server.get("/account/activity", cookie)).text())).toContain("through their agency's sign-in");
    const audit = await lastAudit();
    expect(audit).toMatchObject({ outcome: "success", details: { method: "single sign-on", providerSecondFactor: true } });
  });

  test("without the provider's second factor, the police officer gives the portal's, and the session says both", async () => {
    const answer = await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email: police.email }));
    expect(answer.headers.get("location")).toBe("/sign-in/code");
    const half = sessionFrom(answer)!;
    expect((await server.get("/", half)).headers.get("location")).toBe("/sign-in/code");
    const full = await finishSignIn(httpTo(server.origin), { portal: server.origin, email: police.email, cookie: half, next: "/sign-in/code", clock: stepClock(server) });
    expect(mainText(await (await server.get("/account/sessions", full)).text())).toContain("Single sign-on and authenticator app");
  });

  test("an agency that does not trust its provider's second factor asks for the portal's even when the provider used one", async () => {
    const answer = await bringBack(await throughProvider("/sign-in/sso/sandmere-community-health", { email: health.email, secondFactor: true }));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/sign-in/code");
    expect(await lastAudit()).toMatchObject({ outcome: "success", details: { providerSecondFactor: false } });
  });
});

describe("a bad answer is refused, says why, and changes nothing", () => {
  const police = () => throughProvider("/sign-in/sso/kestrel-vale-police", { email: demoUser("policeScreener").email, secondFactor: true });

  test("a wrong state is refused, and the browser's own trip still works after it", async () => {
    const trip = await police();
    const forged = new URL(trip.callback);
    forged.searchParams.set("state", "not-the-state-this-browser-was-given");
    await expectRefused(await bringBack(trip, forged), "started in another browser or window");
    expect(await lastAudit()).toMatchObject({ outcome: "failure", details: { reason: "wrong state" } });
    expect((await bringBack(trip)).status).toBe(302);
  });

  test("an answer brought by another browser (without the trip's cookie) is refused", async () => {
    const trip = await police();
    await expectRefused(await bringBack({ ...trip, portalCookie: "" }), "started in another browser or window");
  });

  test("an answer used twice is refused the second time", async () => {
    const trip = await police();
    expect((await bringBack(trip)).status).toBe(302);
    await expectRefused(await bringBack(trip), "has already been used");
  });

  test("an answer after more than 10 minutes is refused", async () => {
    const trip = await police();
    server.clock.advanceMinutes(11);
    await expectRefused(await bringBack(trip), "more than 10 minutes");
    expect(await lastAudit()).toMatchObject({ details: { reason: "took too long" } });
  });

  test("the provider refusing (the person cancelled) is said plainly", async () => {
    const trip = await police();
    const refused = new URL(trip.callback);
    refused.search = new URLSearchParams({ error: "access_denied", state: trip.callback.searchParams.get("state")!, iss: provider.issuer }).toString();
    await expectRefused(await bringBack(trip, refused), "did not sign you in");
  });

  const tampered: [string, string, (claims: Record<string, unknown>) => Record<string, unknown>][] = [
    ["a wrong nonce", "wrong nonce", (claims) => ({ ...claims, nonce: "another-nonce" })],
    ["a wrong issuer", "wrong issuer", (claims) => ({ ...claims, iss: "https://login.elsewhere.example" })],
    ["a wrong audience", "wrong audience", (claims) => ({ ...claims, aud: "another-client" })],
    ["an expired token", "expired token", (claims) => ({ ...claims, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
  ];
  test.each(tampered)("an ID token with %s is refused", async (_name, reason, change) => {
    const trip = await police();
    provider.tamperWith(change);
    try {
      await expectRefused(await bringBack(trip), "could not be trusted");
    } finally {
      provider.tamperWith(null);
    }
    expect(await lastAudit()).toMatchObject({ outcome: "failure", details: { method: "single sign-on", reason } });
  });

  test("an email outside the agency's domains is refused, even a portal person's of another agency", async () => {
    for (const email of ["alex.morgan@elsewhere.example", demoUser("socialWorker").email]) {
      const answer = await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email, secondFactor: true }));
      await expectRefused(answer, "not one of your agency's");
    }
  });

  test("an email the provider has not verified is refused", async () => {
    const email = demoUser("policeAdmin").email;
    provider.unverified.add(email);
    try {
      await expectRefused(await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email, secondFactor: true })), "has not confirmed your email address");
    } finally {
      provider.unverified.delete(email);
    }
  });

  test("an email the provider says nothing about is refused, unless the agency says its provider never does", async () => {
    const officer = demoUser("policeAdmin").email;
    const nurse = demoUser("healthScreener").email;
    provider.silentOnVerified.add(officer).add(nurse);
    try {
      await expectRefused(await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email: officer, secondFactor: true })), "has not confirmed your email address");
      const taken = await bringBack(await throughProvider("/sign-in/sso/sandmere-community-health", { email: nurse }));
      expect(taken.headers.get("location")).toBe("/sign-in/code");
    } finally {
      provider.silentOnVerified.clear();
    }
  });

  test("an email that only matches once Unicode is folded, or holds a control character, is refused", async () => {
    // "\u212A" (KELVIN SIGN) lower-cases to "k".
    for (const email of ["\u212Aate@\u212Aestrelvale-police.example", "alex.morgan@kestrelvale-police.example\u0000"]) {
      const answer = await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email, secondFactor: true }));
      await expectRefused(answer, "did not give an email address the portal can use");
    }
  });

  test("someone at the agency's domain with no account is not given one", async () => {
    const email = "new.starter@kestrelvale-police.example";
    await expectRefused(await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email, secondFactor: true })), "do not have an account");
    const [row] = await server.db.sql`select count(*)::int as n from users where lower(email) = ${email}`;
    expect(row.n).toBe(0);
  });

  test("a deactivated person is refused", async () => {
    const person = demoUser("policeAdmin2");
    await server.db.sql`update users set active = false where email = ${person.email}`;
    try {
      await expectRefused(await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email: person.email, secondFactor: true })), "has been deactivated");
      expect(await lastAudit()).toMatchObject({ outcome: "failure", details: { reason: "deactivated" } });
    } finally {
      await server.db.sql`update users set active = true where email = ${person.email}`;
    }
  });

  test("an agency with no single sign-on, a provider not answering, and a mangled answer each get a page that says so", async () => {
    const unknown = await server.get("/sign-in/sso/harbour-lane-surgery");
    expect(unknown.status).toBe(404);
    expect(mainText(await unknown.text())).toContain("does not sign its people in to the portal through its own service");
    const down = await server.get("/sign-in/sso/larkfield-primary");
    expect(down.status).toBe(503);
    expect(mainText(await down.text())).toContain("is not answering");
    await expectRefused(await server.get(`/sign-in/sso/callback?state=${"x".repeat(600)}`), "started in another browser or window");
    await expectRefused(await server.get("/sign-in/sso/callback?state=a&state=b&code=%E2%80%AE"), "started in another browser or window");
  });
});

describe("proving it is you again through the agency's provider", () => {
  async function signedInOfficer(): Promise<string> {
    const answer = await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email: police.email, secondFactor: true }));
    return sessionFrom(answer)!;
  }
  const confirmStart = (next: string) => `/sign-in/sso/kestrel-vale-police?${new URLSearchParams({ purpose: "confirm", next })}`;
  const confirmedAt = async (cookie: string) => {
    const [row] = await server.db.sql<{ at: Date }[]>`
      select confirmed_at as at from sessions where user_id = (select id from users where email = ${police.email}) order by confirmed_at desc limit 1`;
    return row.at.getTime() + cookie.length * 0;
  };

  test("the confirm page offers it, and the provider's second factor confirms it is them", async () => {
    const cookie = await signedInOfficer();
    server.clock.advanceMinutes(16);
    const page = mainText(await (await server.get("/account/confirm?next=/account/sessions", cookie)).text());
    expect(page).toContain("Confirm through Kestrel Vale Police's sign-in instead");
    const before = await confirmedAt(cookie);
    const trip: Trip = await throughProvider(confirmStart("/account/sessions"), { email: police.email, secondFactor: true, portalCookie: cookie });
    expect(trip.callback.pathname).toBe("/sign-in/sso/callback");
    const answer = await bringBack(trip);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/account/sessions");
    expect(await confirmedAt(cookie)).toBeGreaterThan(before);
    expect(await lastAudit("confirm:identity")).toMatchObject({ outcome: "success", details: { method: "single sign-on" } });
  });

  test("an answer from a provider that did not sign the person in again just now confirms nothing", async () => {
    const cookie = await signedInOfficer();
    const before = await confirmedAt(cookie);
    server.clock.advanceMinutes(16);
    const trip = await throughProvider(confirmStart("/"), { email: police.email, secondFactor: true, portalCookie: cookie });
    provider.tamperWith((claims) => ({ ...claims, auth_time: Math.floor(Date.now() / 1000) - 900 }));
    try {
      await expectRefused(await bringBack(trip), "did not ask you to sign in again just now");
    } finally {
      provider.tamperWith(null);
    }
    expect(await confirmedAt(cookie)).toBe(before);
  });

  test("someone whose agency vouches for their second factor and who has no app confirms only through the agency, never by password", async () => {
    const person = demoUser("policeScreener");
    await server.db.sql`delete from authenticator_apps where user_id = (select id from users where email = ${person.email})`;
    const cookie = sessionFrom(await bringBack(await throughProvider("/sign-in/sso/kestrel-vale-police", { email: person.email, secondFactor: true })))!;
    server.clock.advanceMinutes(16);
    const page = mainText(await (await server.get("/account/confirm?next=/", cookie)).text());
    expect(page).toContain("Confirm through Kestrel Vale Police's sign-in");
    expect(page).not.toContain("Password");
    const byPassword = await server.post("/account/confirm?next=/", { password: "sandmere-demo-2026" }, cookie);
    expect(byPassword.status).toBe(400);
    const [row] = await server.db.sql<{ at: Date }[]>`
      select confirmed_at as at from sessions where user_id = (select id from users where email = ${person.email})`;
    expect(row.at.getTime()).toBeLessThan(server.clock.now().getTime() - 15 * 60_000);
  });

  test("signing in there as someone else, or without a second factor, confirms nothing", async () => {
    const cookie = await signedInOfficer();
    const before = await confirmedAt(cookie);
    server.clock.advanceMinutes(16);
    const other = await throughProvider(confirmStart("/"), { email: demoUser("policeAdmin").email, secondFactor: true, portalCookie: cookie });
    await expectRefused(await bringBack(other), "as someone else");
    const single = await throughProvider(confirmStart("/"), { email: police.email, portalCookie: cookie });
    await expectRefused(await bringBack(single), "did not ask for a second factor");
    expect(await confirmedAt(cookie)).toBe(before);
  });
});
