// "Your sessions": a person sees where they are signed in and can sign the other sessions out.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

describe("your sessions", () => {
  test("lists each session with its device, address and times, marking this one", async () => {
    const laptop = await server.signIn("chair");
    await fetch(`${server.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", "user-agent": firefox },
      body: new URLSearchParams({ email: "helen.ward@sandmere-council.example", password: "sandmere-demo-2026" }),
    });
    const text = mainText(await (await server.get("/account/sessions", laptop)).text());
    expect(text).toContain("This session");
    expect(text).toContain("Firefox on Windows");
    expect(text).toContain("127.0.0.1");
    expect(text).toContain("Sign out of all other sessions");
  });

  test("signing out the others leaves this one, and ends theirs on the server", async () => {
    const first = await server.signIn("screener");
    const second = await server.signIn("screener");
    const third = await server.signIn("screener");
    const response = await server.post("/account/sessions", { intent: "sign-out-others" }, first);
    expect(mainText(await response.text())).toContain("2 other sessions were signed out");
    expect((await server.get("/", first)).status).toBe(200);
    expect((await server.get("/", second)).status).toBe(302);
    expect((await server.get("/", third)).status).toBe(302);
  });

  test("one session can be signed out by its id, but never another person's", async () => {
    const mine = await server.signIn("gp");
    const other = await server.signIn("gp");
    const someoneElse = await server.signIn("health");
    const sessions = await server.db.sql<{ id: string; email: string }[]>`
      select s.id, u.email from sessions s join users u on u.id = s.user_id
      where u.email in ('olu.adeyemi@harbourlane-surgery.example', 'nadia.hussain@sandmere-health.example') order by s.created_at`;
    const nadiaSession = sessions.find((s) => s.email.startsWith("nadia"))!.id;
    const refused = await server.post("/account/sessions", { intent: "sign-out-one", sessionId: nadiaSession }, mine);
    expect(refused.status).toBe(400);
    expect((await server.get("/", someoneElse)).status).toBe(200);

    const otherGpSession = sessions.filter((s) => s.email.startsWith("olu"))[1].id;
    const done = await server.post("/account/sessions", { intent: "sign-out-one", sessionId: otherGpSession }, mine);
    expect(done.status).toBe(200);
    expect((await server.get("/", other)).status).toBe(302);
    expect((await server.get("/", mine)).status).toBe(200);
  });

  test("idle and expired sessions are not listed", async () => {
    const old = await server.signIn("educationAdmin");
    server.clock.advanceMinutes(45);
    const fresh = await server.signIn("educationAdmin");
    server.clock.advanceMinutes(20); // the first is now 65 minutes idle
    const text = mainText(await (await server.get("/account/sessions", fresh)).text());
    expect(text).not.toContain("Sign out of all other sessions");
    expect((await server.get("/", old)).status).toBe(302);
  });
});
