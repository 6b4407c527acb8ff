// Signing in and out, throttling, and session expiry, through the real server.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_AUTHENTICATOR_KEY, DEMO_PASSWORD, demoUser, demoUsers } from "../../db/seed";
import { totpCode, totpStep } from "../../server/auth/authenticator";
import { mainText } from "../support/html";
import { sessionTokenFrom, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const auditRows = (action: string) =>
  server.db.sql<{ outcome: string; userId: number | null; target: string; ip: string; details: Record<string, string> }[]>`
    select outcome, user_id as "userId", target, ip, details from audit_events where action = ${action} order by id`;

describe("signing in", () => {
  test("the right email and password, then the code, lands on Your work with a fresh session cookie", async () => {
    const response = await server.post("/sign-in", { email: demoUser("health").email, password: DEMO_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in/code");
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const code = totpCode(DEMO_AUTHENTICATOR_KEY, totpStep(server.clock.now()));
    const second = await server.post("/sign-in/code", { code }, `pp_session=${sessionTokenFrom(response)}`);
    expect(second.headers.get("location")).toBe("/");
    expect(second.headers.getSetCookie().join("\n")).toMatch(/HttpOnly/i);
    const cookie = `pp_session=${sessionTokenFrom(second)}`;
    const page = mainText(await (await server.get("/", cookie)).text());
    expect(page).toContain("Your work");
    expect(page).toContain("Lily Marsh");
  });

  test("email is matched ignoring case and surrounding spaces", async () => {
    const email = `  ${demoUser("socialWorker").email.toUpperCase()} `;
    const response = await server.post("/sign-in", { email, password: DEMO_PASSWORD });
    expect(response.status).toBe(302);
  });

  test("a session token sent before signing in is never reused (no fixation)", async () => {
    const planted = "pp_session=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const response = await server.post("/sign-in", { email: demoUser("chair").email, password: DEMO_PASSWORD }, planted);
    const token = sessionTokenFrom(response);
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(token).not.toBe("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const [stored] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from sessions where id = ${token!}`;
    expect(stored.count).toBe(0); // only the token's hash is stored
  });

  test("after signing in, the page asked for is shown (after the code), but never another site", async () => {
    const email = demoUser("police").email;
    const toCase = await server.post("/sign-in?next=%2Fcases%2F1", { email, password: DEMO_PASSWORD });
    expect(toCase.headers.get("location")).toBe("/sign-in/code?next=%2Fcases%2F1");
    const offsite = await server.post("/sign-in?next=%2F%2Fevil.example%2F", { email, password: DEMO_PASSWORD });
    expect(offsite.headers.get("location")).toBe("/sign-in/code");
    const half = `pp_session=${sessionTokenFrom(offsite)}`;
    const sneaky = await server.post("/sign-in/code?next=%2F%2Fevil.example%2F", { code: totpCode(DEMO_AUTHENTICATOR_KEY, totpStep(server.clock.now())) }, half);
    expect(sneaky.headers.get("location")).toBe("/");
  });
});

describe("bad input at sign-in gets a clear message and signs nobody in", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["wrong password", { email: "alex.morgan@kestrelvale-police.example", password: "not-the-password" }, "Enter a correct email address and password"],
    ["unknown email", { email: "nobody@kestrelvale-police.example", password: DEMO_PASSWORD }, "Enter a correct email address and password"],
    ["empty fields", { email: "", password: "" }, "Enter your email address"],
    ["10 KB email", { email: "a".repeat(10_240), password: "x" }, "Email address must be 320 characters or fewer"],
    ["10 KB password", { email: "priya.shah@sandmere-council.example", password: "p".repeat(10_240) }, "Password must be 200 characters or fewer"],
    ["SQL metacharacters", { email: "' or 1=1; drop table users; --", password: "' or '1'='1" }, "Enter a correct email address and password"],
    ["script tags", { email: "<script>alert(1)</script>@x.example", password: "<script>alert(1)</script>" }, "Enter a correct email address and password"],
  ];
  test.each(cases)("%s", async (_name, form, message) => {
    const response = await server.post("/sign-in", form);
    expect(response.status).toBe(400);
    expect(sessionTokenFrom(response)).toBeNull();
    const html = await response.text();
    expect(html).toContain("There is a problem");
    expect(mainText(html)).toContain(message);
    expect(html).not.toContain("<script>alert(1)</script>");
    const [users] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from users`;
    expect(users.count).toBe(demoUsers.length);
  });

  test("an unknown email and a wrong password get the same answer", async () => {
    const unknown = await server.post("/sign-in", { email: "someone@nowhere.example", password: "whatever" });
    const wrong = await server.post("/sign-in", { email: demoUser("gp").email, password: "whatever" });
    expect(unknown.status).toBe(wrong.status);
    expect(mainText(await unknown.text())).toBe(mainText(await wrong.text()).replace(demoUser("gp").email, "someone@nowhere.example"));
  });

  test("failures and successes are in the audit trail, with the address", async () => {
    const failures = await auditRows("sign-in");
    expect(failures.some((row) => row.outcome === "failure" && row.details.reason === "unknown email")).toBe(true);
    expect(failures.some((row) => row.outcome === "failure" && row.details.reason === "wrong password")).toBe(true);
    expect(failures.some((row) => row.outcome === "success" && row.userId !== null && row.ip === "127.0.0.1")).toBe(true);
  });
});

describe("throttling", () => {
  test("after 5 failures in 15 minutes an account waits, even with the right password; then it may try again", async () => {
    const email = demoUser("gpAdmin").email;
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await server.post("/sign-in", { email, password: `wrong-${attempt}` });
      expect(response.status).toBe(400);
    }
    const blocked = await server.post("/sign-in", { email, password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(mainText(await blocked.text())).toMatch(/Too many failed attempts to sign in\. Wait 15 minutes/);
    expect(sessionTokenFrom(blocked)).toBeNull();
    // Another account from the same address is not held up by this one.
    expect((await server.post("/sign-in", { email: demoUser("healthAdmin").email, password: DEMO_PASSWORD })).status).toBe(302);

    server.clock.advanceMinutes(16);
    expect((await server.post("/sign-in", { email, password: DEMO_PASSWORD })).status).toBe(302);
    const throttled = (await auditRows("sign-in")).filter((row) => row.outcome === "denied");
    expect(throttled.some((row) => row.details.reason === "throttled")).toBe(true);
  });
});

describe("sessions expire", () => {
  test("after 60 idle minutes", async () => {
    const cookie = await server.signIn("education");
    server.clock.advanceMinutes(59);
    expect((await server.get("/", cookie)).status).toBe(200);
    server.clock.advanceMinutes(61);
    const response = await server.get("/", cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in");
  });

  test("after 12 hours however active, and the way back in returns to the page asked for", async () => {
    const cookie = await server.signIn("partnershipManager");
    // A request every 50 minutes keeps it well inside the 60-minute idle limit: 14 of them reach 11 h 40 m.
    for (let request = 1; request <= 14; request++) {
      server.clock.advanceMinutes(50);
      expect((await server.get("/", cookie)).status, `after ${request * 50} minutes`).toBe(200);
    }
    server.clock.advanceMinutes(19); // 11 h 59 m after signing in, 19 minutes after the last request: still signed in
    expect((await server.get("/", cookie)).status).toBe(200);
    server.clock.advanceMinutes(2); // 12 h 01 m after signing in, 2 minutes after the last request: only the 12 hours end it
    const response = await server.get("/cases/1", cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?next=%2Fcases%2F1");
  });
});

describe("signing out", () => {
  test("ends the session on the server, not only in the browser", async () => {
    const cookie = await server.signIn("teamManager");
    const response = await server.post("/sign-out", {}, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?signed-out=1");
    expect(response.headers.getSetCookie().join("")).toMatch(/pp_session=;/);
    expect((await server.get("/", cookie)).status).toBe(302);
    const signOuts = await auditRows("sign-out");
    expect(signOuts.length).toBe(1);
  });
});
