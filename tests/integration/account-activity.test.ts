// Sessions people can trust (issue 16): a sign-in from a browser the person has not used before is emailed to them
// (not their first sign-in ever, not the same browser again, and a browser known for someone else is new for them);
// each session says how it was signed in; a person reads their own sign-in activity, an agency's administrators their
// agency's, and nobody reads anyone else's; open activity pages are told, content-free, when something happens. A real
// SMTP receiver reads the mail; real socket.io clients hear the notices.
import { mail, server, useMailPortal } from "../support/mail-portal";
import { describe, expect, test } from "vitest";
import { demoUser, DEMO_PASSWORD } from "../../db/seed";
import { mainText, tableOf } from "../support/html";
import { finishSignIn } from "../support/demo-codes";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { sessionTokenFrom, stepClock } from "../support/test-server";

useMailPortal();

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const NEW_SIGN_IN = "New sign-in to your Partnership Portal account";
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
const newSignIns = (key: string) => mail.to(demoUser(key).email).filter((message) => message.subject === NEW_SIGN_IN);

/** Signs in from a browser that sends this device cookie (or none); returns the session cookie and the device cookie it is given. */
async function signInFrom(key: string, opts: { device?: string; password?: string; userAgent?: string } = {}) {
  const response = await server.post(
    "/sign-in",
    { email: demoUser(key).email, password: opts.password ?? DEMO_PASSWORD },
    opts.device ? `pp_device=${opts.device}` : undefined,
    { headers: { "user-agent": opts.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36" } },
  );
  const deviceHeader = response.headers.getSetCookie().find((header) => header.startsWith("pp_device="));
  const half = sessionTokenFrom(response);
  // The second step, with the demo people's authenticator app (decision 056).
  const cookie = half
    ? await finishSignIn(server, { portal: server.origin, email: demoUser(key).email, cookie: `pp_session=${half}`, next: "/sign-in/code", clock: stepClock(server) })
    : null;
  return { status: response.status, cookie, deviceHeader, device: deviceHeader?.match(/^pp_device=([^;]*)/)?.[1] };
}

describe("a sign-in from a new browser is told to the person", () => {
  test("not the first sign-in ever, not the same browser again; a new browser is, with what it was and where from", async () => {
    const first = await signInFrom("education");
    expect(first.status).toBe(302);
    expect(first.device).toMatch(/^[a-z2-7]{32}$/);
    expect(first.deviceHeader).toMatch(/HttpOnly/i);
    expect(first.deviceHeader).toMatch(/SameSite=Lax/i);
    const again = await signInFrom("education", { device: first.device });
    expect(again.device).toMatch(/^[a-z2-7]{32}$/);
    expect(again.device).not.toBe(first.device); // a new token at every sign-in
    await settle();
    expect(newSignIns("education")).toHaveLength(0);

    await signInFrom("education", { userAgent: FIREFOX_ON_WINDOWS });
    const told = await mail.waitFor(demoUser("education").email, (message) => message.subject === NEW_SIGN_IN);
    expect(told.text).toContain("Firefox on Windows");
    expect(told.text).toContain("127.0.0.1");
    expect(told.text).not.toContain(DEMO_PASSWORD);
    expect(told.text.replace(/\s+/g, " ")).toContain("If it was not you, choose a new password now");
    const [row] = await server.db.sql<{ details: { newDevice?: boolean; told?: boolean } }[]>`
      select details from audit_events where action = 'sign-in' and outcome = 'success' and target = ${`email:${demoUser("education").email}`}
      order by id desc limit 1`;
    expect(row.details).toMatchObject({ newDevice: true, told: true });
  });

  test("a browser known for one person is new for another, and a cookie the portal did not make is no browser at all", async () => {
    const mine = await signInFrom("education");
    await signInFrom("police"); // the officer's first sign-in ever
    await signInFrom("police", { device: mine.device });
    await mail.waitFor(demoUser("police").email, (message) => message.subject === NEW_SIGN_IN);

    const forged = await signInFrom("police", { device: "<script>alert(1)</script>" });
    expect(forged.status).toBe(302);
    expect(forged.device).toMatch(/^[a-z2-7]{32}$/);
    await settle();
    expect(newSignIns("police")).toHaveLength(2);
  });

  test("a failed sign-in is never told as a new browser, and gives no browser cookie", async () => {
    const before = newSignIns("health").length;
    await signInFrom("health");
    const wrong = await signInFrom("health", { password: "not-the-password" });
    expect(wrong.status).toBe(400);
    expect(wrong.deviceHeader).toBeUndefined();
    await settle();
    expect(newSignIns("health")).toHaveLength(before);
  });
});

describe("what counts as a browser the person has used", () => {
  test("a token copied before the owner signed in again is not known any more", async () => {
    const first = await signInFrom("earlyHelpManager");
    await signInFrom("earlyHelpManager", { device: first.device }); // the owner, again: the token moves on
    await signInFrom("earlyHelpManager", { device: first.device }); // someone with the old token
    await mail.waitFor(demoUser("earlyHelpManager").email, (message) => message.subject === NEW_SIGN_IN);
    await settle();
    expect(newSignIns("earlyHelpManager")).toHaveLength(1);
  });

  test("signing out everywhere else forgets the other browsers: their next sign-in is told", async () => {
    const mine = await signInFrom("partnershipAdmin2");
    const other = await signInFrom("partnershipAdmin2");
    await mail.waitFor(demoUser("partnershipAdmin2").email, (message) => message.subject === NEW_SIGN_IN);
    const ended = await server.post("/account/sessions", { intent: "sign-out-others" }, mine.cookie!);
    expect(ended.status).toBe(200);
    await signInFrom("partnershipAdmin2", { device: other.device });
    await mail.waitFor(demoUser("partnershipAdmin2").email, (message) => message.subject === NEW_SIGN_IN && newSignIns("partnershipAdmin2").length === 2);
    await signInFrom("partnershipAdmin2", { device: mine.device }); // the browser that stayed signed in is still known
    await settle();
    expect(newSignIns("partnershipAdmin2")).toHaveLength(2);
  });

  test("someone who signed in before browsers were remembered is told of the first browser after", async () => {
    const { email } = demoUser("policeAdmin2");
    await server.db.sql`
      insert into audit_events (at, user_id, agency_id, action, outcome, target)
      select now() - interval '30 days', id, agency_id, 'sign-in', 'success', ${`email:${email}`} from users where email = ${email}`;
    await signInFrom("policeAdmin2");
    await mail.waitFor(email, (message) => message.subject === NEW_SIGN_IN);
  });
});

describe("sessions say how they were signed in", () => {
  test("your sessions lists the method beside each browser", async () => {
    const { cookie } = await signInFrom("gp");
    const page = await server.get("/account/sessions", cookie!);
    const html = await page.text();
    expect(mainText(html)).toContain("Signed in with");
    expect(mainText(html)).toContain("Password");
  });
});

describe("sign-in activity", () => {
  test("a person reads their own: sign-ins, failed attempts on their address and its reason, administrators' actions on them", async () => {
    const { cookie } = await signInFrom("earlyHelpWorker");
    await signInFrom("earlyHelpWorker", { password: "wrong-guess", userAgent: FIREFOX_ON_WINDOWS });
    await signInFrom("earlyHelpManager"); // someone else's sign-in: not on this person's page
    const page = await server.get("/account/activity", cookie!);
    expect(page.status).toBe(200);
    const rows = tableOf(await page.text(), "account-activity");
    expect(rows[0]).toEqual(["When", "What happened", "Result", "By", "Device", "Internet address"]);
    const body = rows.slice(1);
    expect(body[0].slice(1, 6)).toEqual(["Signed in", "Failed: wrong password", "You", "Firefox on Windows", "127.0.0.1"]);
    expect(body[1].slice(1, 4)).toEqual(["Gave their second factor to sign in", "Done: with their authenticator app", "You"]);
    expect(body[2].slice(1, 4)).toEqual(["Signed in", "Done", "You"]); // a first sign-in ever is not news
    expect(body).toHaveLength(3);
  });

  test("an administrator reads their agency's people's activity, with who did what; not another agency's", async () => {
    await signInFrom("educationScreener");
    await signInFrom("socialWorker");
    const admin = await signInFrom("educationAdmin");
    const page = await server.get("/people/activity", admin.cookie!);
    expect(page.status).toBe(200);
    const rows = tableOf(await page.text(), "account-activity").slice(1);
    const people = new Set(rows.map((row) => row[0]));
    expect(people).toContain(demoUser("educationScreener").fullName);
    expect(people).toContain(demoUser("education").fullName);
    expect(people).not.toContain(demoUser("socialWorker").fullName);
    const [viewed] = await server.db.sql<{ count: number }[]>`select count(*)::int as count from audit_events where action = 'view:sign-in-activity'`;
    expect(viewed.count).toBe(1);
  });

  test("a flood of attempts on one address cannot push everyone else's events off the agency's page", async () => {
    const flooded = demoUser("gp").email;
    await server.db.sql`
      insert into audit_events (at, action, outcome, target, details)
      select ${server.clock.now()}::timestamptz + make_interval(secs => g), 'sign-in', 'failure', ${`email:${flooded}`},
             '{"reason": "wrong password"}'
      from generate_series(1, 300) g`;
    const admin = await signInFrom("gpAdmin");
    const rows = tableOf(await (await server.get("/people/activity", admin.cookie!)).text(), "account-activity").slice(1);
    expect(rows.filter((row) => row[0] === demoUser("gp").fullName).length).toBeLessThanOrEqual(100);
    expect(rows.some((row) => row[0] === demoUser("gpAdmin").fullName && row[2] === "Signed in")).toBe(true);
  });

  test("someone who is not an administrator cannot read their agency's activity, and signed out nobody reads any", async () => {
    const practitioner = await signInFrom("gp");
    expect((await server.get("/people/activity", practitioner.cookie!)).status).toBe(403);
    const signedOut = await server.get("/account/activity");
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toBe("/sign-in?next=%2Faccount%2Factivity");
    expect((await server.get("/people/activity")).status).toBe(302);
  });
});

describe("open activity pages hear of new activity", () => {
  const noticeIn = (socket: PortalSocket, room: string) =>
    new Promise<{ room: string; what: string }>((resolve) => {
      const heard = (notice: { room: string; what: string }) => {
        if (notice.room !== room) return;
        socket.off("record:changed", heard);
        resolve(notice);
      };
      socket.on("record:changed", heard);
    });

  test("a failed attempt on a person's address tells their own room and their administrators' room", async () => {
    const person = await signInFrom("educationScreener");
    const admin = await signInFrom("educationAdmin");
    const [{ id }] = await server.db.sql<{ id: string }[]>`select id from users where email = ${demoUser("educationScreener").email}`;
    const own = await connectSocket(server.url, { cookie: person.cookie! });
    const administrator = await connectSocket(server.url, { cookie: admin.cookie! });
    try {
      expect((await own.emitWithAck("room:join", `user:${id}`)).ok).toBe(true);
      expect((await administrator.emitWithAck("room:join", "people:larkfield-primary")).ok).toBe(true);
      const heardOwn = noticeIn(own, `user:${id}`);
      const heardAdmin = noticeIn(administrator, "people:larkfield-primary");
      await signInFrom("educationScreener", { password: "a wrong guess" });
      expect(await heardOwn).toEqual({ room: `user:${id}`, what: "account" });
      expect(await heardAdmin).toEqual({ room: "people:larkfield-primary", what: "account" });

      // An administrator's change to the person's account is heard too.
      const heardAgain = noticeIn(administrator, "people:larkfield-primary");
      const reset = await server.post("/people", { intent: "reset-password", userId: id }, admin.cookie!);
      expect(reset.status).toBe(200);
      expect(await heardAgain).toEqual({ room: "people:larkfield-primary", what: "account" });
    } finally {
      own.close();
      administrator.close();
    }
  });

  test("only an agency's administrators may be in its people room", async () => {
    const outsiders = [await signInFrom("policeAdmin"), await signInFrom("education")];
    for (const { cookie } of outsiders) {
      const socket = await connectSocket(server.url, { cookie: cookie! });
      try {
        expect(await socket.emitWithAck("room:join", "people:larkfield-primary")).toEqual({ ok: false, error: "Not found" });
      } finally {
        socket.close();
      }
    }
  });
});
