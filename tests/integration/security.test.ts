// The doors other than the pages: the same-origin rule, security headers, the upgrade router and socket.io.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("a cross-origin POST is refused with 403 and changes nothing", () => {
  const actions: [string, Record<string, string>][] = [
    ["/sign-in", { email: "alex.morgan@kestrelvale-police.example", password: "sandmere-demo-2026" }],
    ["/sign-out", {}],
    ["/people/new", { fullName: "Mallory", email: "mallory@kestrelvale-police.example", jobTitle: "", role: "administrator" }],
    ["/people/6/deactivate", { reason: "Forged" }],
    ["/people", { intent: "reset-password", userId: "6" }],
    ["/cases/1/people/new", { kind: "family", fullName: "Mallory", relationship: "Aunt", parentalResponsibility: "no" }],
    ["/account/sessions", { intent: "sign-out-others" }],
    ["/no-such-page", {}],
  ];
  test.each(actions)("%s", async (path, form) => {
    const admin = await server.signIn("policeAdmin");
    const socialWorker = await server.signIn("socialWorker");
    for (const origin of ["https://evil.example", "null", undefined]) {
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", cookie: path.startsWith("/cases") ? socialWorker : admin };
      if (origin) headers.origin = origin;
      const response = await fetch(`${server.url}${path}`, { method: "POST", body: new URLSearchParams(form), headers, redirect: "manual" });
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const crossSite = await fetch(`${server.url}${path}`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: admin, origin: "null", "sec-fetch-site": "cross-site" },
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
    const [mallory] = await server.db.sql`select
      (select count(*)::int from users where full_name = 'Mallory') + (select count(*)::int from case_people where full_name = 'Mallory')
      + (select count(*)::int from role_requests where full_name = 'Mallory') + (select count(*)::int from account_links) as count`;
    expect(mallory.count).toBe(0);
    const [inactive] = await server.db.sql`select count(*)::int as count from users where not active`;
    expect(inactive.count).toBe(0);
  });
});

test("a full-page form post from the portal's own page is let through though the browser says Origin: null", async () => {
  // With Referrer-Policy: no-referrer, Chromium sends Origin: null on a page's own form posts, and Sec-Fetch-Site.
  const cookie = await server.signIn("chair");
  const response = await fetch(`${server.url}/sign-out`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: "null", "sec-fetch-site": "same-origin" },
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/sign-in?signed-out=1");
});

describe("security headers", () => {
  test("a page carries a CSP whose nonce is the one on its scripts, and refuses framing and referrers", async () => {
    const response = await server.get("/sign-in");
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-powered-by")).toBeNull();
    const html = await response.text();
    const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);
    const second = (await server.get("/sign-in")).headers.get("content-security-policy");
    expect(second).not.toBe(csp); // a new nonce for every response
  });

  test("pages with a child's details are never cached", async () => {
    const cookie = await server.signIn("police");
    const response = await server.get("/cases/1", cookie);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

function rawUpgrade(path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${server.port}`,
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
        ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`),
      ];
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
    });
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, 3000);
  });
}

describe("the upgrade router", () => {
  test("refuses a WebSocket on a path nobody owns", async () => {
    expect(await rawUpgrade("/not-a-socket")).toMatch(/^HTTP\/1\.1 404/);
    expect(await rawUpgrade("/collabz")).toMatch(/^HTTP\/1\.1 404/);
  });
});

describe("socket.io", () => {
  test("lets a signed-in person in from the portal's own origin", async () => {
    const cookie = await server.signIn("health");
    const socket = await connectSocket(server.url, { cookie });
    expect(await socket.emitWithAck("whoami")).toEqual({ userId: expect.any(Number), fullName: "Nadia Hussain", agencyName: "Sandmere Community Health NHS Trust" });
    socket.close();
  });

  test("also over long-polling, for networks that block WebSockets", async () => {
    const cookie = await server.signIn("health");
    const socket = await connectSocket(server.url, { cookie, transports: ["polling"] });
    expect((await socket.emitWithAck("whoami")).fullName).toBe("Nadia Hussain");
    socket.close();
  });

  test("refuses someone not signed in", async () => {
    await expect(connectSocket(server.url, {})).rejects.toThrow(/unauthorised/);
    await expect(connectSocket(server.url, { cookie: "pp_session=abcdefghijklmnopqrstuvwxyz234567" })).rejects.toThrow(/unauthorised/);
  });

  test("refuses another site's page even with a valid session (cross-site WebSocket hijacking)", async () => {
    const cookie = await server.signIn("health");
    await expect(connectSocket(server.url, { cookie, origin: "https://evil.example" })).rejects.toThrow();
    const upgrade = await rawUpgrade("/socket.io/?EIO=4&transport=websocket", { Origin: "https://evil.example", Cookie: cookie });
    expect(upgrade).not.toMatch(/^HTTP\/1\.1 101/);
    const [refusal] = await server.db.sql`select count(*)::int as count from audit_events where action = 'connect:socket' and details->>'reason' = 'origin not allowed'`;
    expect(refusal.count).toBeGreaterThan(0);
  });

  test("a signed-out session's socket is refused at its next event", async () => {
    const cookie = await server.signIn("gp");
    const socket = await connectSocket(server.url, { cookie });
    const ended = new Promise<string>((resolve) => socket.once("session:ended", resolve));
    await server.post("/sign-out", {}, cookie);
    socket.emit("whoami", () => {
      throw new Error("answered after sign-out");
    });
    expect(await ended).toMatch(/Sign in again/);
  });
});
