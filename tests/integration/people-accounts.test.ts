// What an administrator does to an account once it exists, and what a person does for themselves: a password reset
// by single-use link (and "Forgotten your password?"), deactivation with a reason that ends sessions at once,
// reactivation, and links that expire. The portal and its mail receiver: tests/support/people-portal.ts.
import { describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { signInLinkIn } from "../support/mail-receiver";
import { connectSocket } from "../support/socket-client";
import { usePeoplePortal, server, mail, policeAdmin, DEMO, userId, signInStatus, tokenOf, expectNoCredential, choosePassword } from "../support/people-portal";
import { finishSignIn } from "../support/demo-codes";
import { sessionTokenFrom, stepClock } from "../support/test-server";

usePeoplePortal();

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
    // The new password is the first step; their authenticator app, kept through a password reset, the second.
    const half = `pp_session=${sessionTokenFrom(chosen)}`;
    expect((await server.get("/cases/2", half)).headers.get("location")).toBe("/sign-in/code?next=%2Fcases%2F2");
    const cookie = await finishSignIn(server, { portal: server.origin, email, cookie: half, next: "/sign-in/code", clock: stepClock(server) });
    expect((await server.get("/cases/2", cookie)).status).toBe(200);
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
