// Agency administrators add and deactivate their own agency's people; deactivation ends sessions at once.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mainText } from "../support/html";
import { connectSocket } from "../support/socket-client";
import { sessionTokenFrom, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let policeAdmin: string;
beforeAll(async () => {
  server = await startTestServer();
  policeAdmin = await server.signIn("policeAdmin");
});
afterAll(async () => {
  await server?.close();
});

const userCount = async () => (await server.db.sql<{ count: number }[]>`select count(*)::int as count from users`)[0].count;
const userId = async (email: string) =>
  Number((await server.db.sql<{ id: number }[]>`select id from users where lower(email) = lower(${email})`)[0].id);

describe("adding a person", () => {
  test("lists only the administrator's own agency", async () => {
    const text = mainText(await (await server.get("/people", policeAdmin)).text());
    expect(text).toContain("Alex Morgan");
    expect(text).not.toContain("Emma Clarke");
  });

  test("a new person gets a one-time password and must choose their own at first sign-in", async () => {
    const response = await server.post(
      "/people/new",
      { fullName: "Sergeant Rowan Hale", email: "rowan.hale@kestrelvale-police.example", jobTitle: "MASH detective sergeant", role: "screener" },
      policeAdmin,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    const temporary = html.match(/data-testid="temporary-password">([^<]+)</)?.[1];
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    const signIn = await server.post("/sign-in", { email: "rowan.hale@kestrelvale-police.example", password: temporary! });
    const cookie = `pp_session=${sessionTokenFrom(signIn)}`;
    const home = await server.get("/", cookie);
    expect(home.headers.get("location")).toBe("/account/password");
    const mismatch = await server.post("/account/password", { currentPassword: temporary!, newPassword: "kestrel vale harbour lights", confirmPassword: "different" }, cookie);
    expect(mismatch.status).toBe(400);
    expect(mainText(await mismatch.text())).toContain("The passwords do not match");
    const changed = await server.post(
      "/account/password",
      { currentPassword: temporary!, newPassword: "kestrel vale harbour lights", confirmPassword: "kestrel vale harbour lights" },
      cookie,
    );
    expect(changed.status).toBe(302);
    expect((await server.get("/", cookie)).status).toBe(200);
    const [audit] = await server.db.sql`select count(*)::int as count from audit_events where action = 'add:person'`;
    expect(audit.count).toBe(1);
  });

  const badInput: [string, Record<string, string>, string][] = [
    ["no name", { fullName: "", email: "a@kestrelvale-police.example", jobTitle: "", role: "practitioner" }, "Enter the person's full name"],
    ["an invalid email", { fullName: "A Person", email: "not-an-email", jobTitle: "", role: "practitioner" }, "Enter an email address in the correct format"],
    ["a duplicate email, in other case", { fullName: "A Person", email: "ALEX.MORGAN@kestrelvale-police.example", jobTitle: "", role: "practitioner" }, "Someone already uses this email address"],
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

describe("deactivating a person", () => {
  test("ends their sessions at once: the next page request and the next socket event are refused", async () => {
    const alex = await server.signIn("police");
    const socket = await connectSocket(server.url, { cookie: alex });
    const before = await socket.emitWithAck("whoami");
    expect(before.fullName).toBe("Alex Morgan");
    // Listening from now: the server may end the socket by its own re-check before the next event is sent.
    const ended = new Promise<string>((resolve) => socket.once("session:ended", resolve));
    const disconnected = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));

    const response = await server.post("/people", { intent: "deactivate", userId: String(await userId("alex.morgan@kestrelvale-police.example")) }, policeAdmin);
    expect(response.status).toBe(200);
    expect(mainText(await response.text())).toContain("Alex Morgan has been deactivated and signed out everywhere");

    const page = await server.get("/cases/1", alex);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/sign-in/);

    socket.emit("whoami", () => {
      throw new Error("a deactivated person's event was answered");
    });
    expect(await ended).toMatch(/session has ended/);
    await disconnected;

    const again = await server.post("/sign-in", { email: "alex.morgan@kestrelvale-police.example", password: "sandmere-demo-2026" });
    expect(again.status).toBe(400);
  });

  test("reactivating lets them sign in again", async () => {
    await server.post("/people", { intent: "reactivate", userId: String(await userId("alex.morgan@kestrelvale-police.example")) }, policeAdmin);
    expect((await server.post("/sign-in", { email: "alex.morgan@kestrelvale-police.example", password: "sandmere-demo-2026" })).status).toBe(302);
  });

  test("an administrator cannot deactivate someone in another agency, or themselves", async () => {
    const emma = await userId("emma.clarke@larkfield-school.example");
    const other = await server.post("/people", { intent: "deactivate", userId: String(emma) }, policeAdmin);
    expect(other.status).toBe(400);
    const self = await server.post("/people", { intent: "deactivate", userId: String(await userId("jo.price@kestrelvale-police.example")) }, policeAdmin);
    expect(self.status).toBe(400);
    const [row] = await server.db.sql`select count(*)::int as count from users where active = false`;
    expect(row.count).toBe(0);
  });
});

describe("resetting a password", () => {
  test("gives a new one-time password, ends the person's sessions, and makes them choose their own", async () => {
    const gp = await server.signIn("gp");
    const gpAdmin = await server.signIn("gpAdmin");
    const response = await server.post("/people", { intent: "reset-password", userId: String(await userId("olu.adeyemi@harbourlane-surgery.example")) }, gpAdmin);
    expect(response.status).toBe(200);
    const temporary = (await response.text()).match(/data-testid="temporary-password">([^<]+)</)?.[1];
    expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await server.get("/", gp)).status).toBe(302);
    expect((await server.post("/sign-in", { email: "olu.adeyemi@harbourlane-surgery.example", password: "sandmere-demo-2026" })).status).toBe(400);
    const signIn = await server.post("/sign-in", { email: "olu.adeyemi@harbourlane-surgery.example", password: temporary! });
    const cookie = `pp_session=${sessionTokenFrom(signIn)}`;
    expect((await server.get("/cases/2", cookie)).headers.get("location")).toBe("/account/password");
  });

  test("only for the administrator's own agency", async () => {
    const response = await server.post("/people", { intent: "reset-password", userId: String(await userId("emma.clarke@larkfield-school.example")) }, policeAdmin);
    expect(response.status).toBe(400);
    expect((await server.post("/sign-in", { email: "emma.clarke@larkfield-school.example", password: "sandmere-demo-2026" })).status).toBe(302);
  });
});
