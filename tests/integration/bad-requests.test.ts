// Bad input at every door answers 4xx with a clear message, never a 500, changes nothing, and logs nothing (the setup
// fails a test on console.error). A table of malformed requests across every route with a form: a NUL or another
// control character in each text field, JSON and broken multipart bodies, oversized bodies (declared and chunked),
// too many fields, a field too long, `?_data=` and `.data` addresses, and a post addressed to another host.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fieldLabel } from "../../common/forms/form-errors";
import { requestLimits } from "../../server/request-limits";
import { demoUser } from "../../db/seed";
import { mainText, visibleText } from "../support/html";
import { meetingForm } from "../support/meeting-form";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let meetingPath = "";

beforeAll(async () => {
  server = await startTestServer();
  for (const key of ["socialWorker", "chair", "police", "education", "screener", "policeAdmin"]) cookies[key] = await server.signIn(key);
  for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email] = Number(row.id);
  const form = meetingForm({
    concern: "Lily disclosed that Dean pushed her mother.",
    chairUserId: String(ids[demoUser("chair").email]),
  });
  for (const key of ["socialWorker", "police", "health", "education"]) form.append("invitee", String(ids[demoUser(key).email]));
  const convened = await fetch(`${server.url}/cases/1/meetings/new`, {
    method: "POST",
    redirect: "manual",
    body: form,
    headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: cookies.chair },
  });
  expect(convened.status).toBe(302);
  meetingPath = new URL(convened.headers.get("location")!, server.url).pathname;
});
afterAll(async () => {
  await server?.close();
});

/** Every table a form can change, as one digest each. Sessions, sign-in attempts and the audit trail move on their own. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await server.db.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not in ('audit_events', 'sessions', 'sign_in_attempts')
    order by table_name`;
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await server.db.sql<{ digest: string }[]>`
      select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${server.db.sql(name)} t`;
    digests[name] = row.digest;
  }
  return digests;
}

/** Sends a request and checks it was refused with a 4xx, a clear message, and nothing changed. */
async function expectRefused(send: () => Promise<Response>, status: number | number[], message: string | RegExp) {
  const before = await snapshot();
  const response = await send();
  const body = await response.text();
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `status ${response.status}: ${visibleText(body).slice(0, 300)}`).toContain(response.status);
  const text = response.headers.get("content-type")?.includes("html") ? mainText(body) : body;
  if (typeof message === "string") expect(text).toContain(message);
  else expect(text).toMatch(message);
  expect(await snapshot()).toEqual(before);
  return response;
}

type FormCase = { name: string; path: () => string; user: string | null; form: Record<string, string>; fields: string[]; schema?: boolean };

// Every action in app/routes (grep `request.formData()`), as a person allowed to post it, with every text field.
const forms: FormCase[] = [
  { name: "sign in", path: () => "/sign-in", user: null, form: { email: demoUser("teamManager").email, password: "sandmere-demo-2026" }, fields: ["email", "password"] },
  {
    name: "change password",
    path: () => "/account/password",
    user: "screener",
    form: { currentPassword: "sandmere-demo-2026", newPassword: "a-new-long-password-2026", confirmPassword: "a-new-long-password-2026" },
    fields: ["currentPassword", "newPassword", "confirmPassword"],
  },
  { name: "sign out another session", path: () => "/account/sessions", user: "screener", form: { intent: "sign-out-one", sessionId: "x" }, fields: ["sessionId"], schema: false },
  { name: "add a person", path: () => "/people/new", user: "policeAdmin", form: { fullName: "Pat Lane", email: "pat.lane@kestrelvale-police.example", jobTitle: "Detective", role: "practitioner" }, fields: ["fullName", "email", "jobTitle"] },
  {
    name: "add someone to the case",
    path: () => "/cases/1/people/new",
    user: "socialWorker",
    form: { kind: "family", fullName: "Ann Marsh", relationship: "Grandmother", dobDay: "1", dobMonth: "2", dobYear: "1960", nhsNumber: "", address: "1 High Street", school: "" },
    fields: ["fullName", "relationship", "dobDay", "dobMonth", "dobYear", "nhsNumber", "address", "school"],
  },
  { name: "add a professional", path: () => "/cases/1/team", user: "socialWorker", form: { intent: "add-member", userId: "1", roleOnCase: "Advocate" }, fields: ["userId", "roleOnCase"] },
  { name: "start a map", path: () => "/cases/1/maps", user: "socialWorker", form: { heldOnDay: "20", heldOnMonth: "11", heldOnYear: "2026", title: "Review" }, fields: ["heldOnDay", "heldOnMonth", "heldOnYear", "title"] },
  { name: "scale on the map", path: () => "/cases/1/maps/1", user: "police", form: { score: "4", reasons: "Bail conditions." }, fields: ["score", "reasons"] },
  {
    name: "the child's voice",
    path: () => "/cases/1/child-voice",
    user: "education",
    form: { seenOnDay: "1", seenOnMonth: "11", seenOnYear: "2025", seenAlone: "no", whoElsePresent: "Her teacher", worries: "Shouting", goodThings: "Nan", dreams: "A dog" },
    fields: ["seenOnDay", "whoElsePresent", "worries", "goodThings", "dreams"],
  },
  {
    name: "share restricted notes",
    path: () => "/cases/1/restricted/kestrel-vale-police",
    user: "police",
    form: { intent: "share", agencyId: "sandmere-community-health", reason: "The health visitor needs to know" },
    fields: ["agencyId", "reason"],
  },
  {
    name: "convene a meeting",
    path: () => "/cases/1/meetings/new",
    user: "chair",
    form: { kind: "meeting", heldOnDay: "11", heldOnMonth: "12", heldOnYear: "2026", heldTime: "10:00", how: "video", concern: "A second concern.", chairUserId: "1" },
    fields: ["heldOnDay", "heldTime", "concern", "chairUserId"],
  },
  { name: "scale at the meeting", path: () => meetingPath, user: "police", form: { intent: "scale", score: "3", reasons: "Call-outs." }, fields: ["score", "reasons"] },
  { name: "record an exemption", path: () => meetingPath, user: "chair", form: { intent: "exempt", agencyId: "larkfield-primary", reason: "Not present" }, fields: ["agencyId", "reason"] },
  {
    name: "record the decisions",
    path: () => meetingPath,
    user: "chair",
    form: {
      intent: "decisions",
      section47: "yes",
      section47Why: "Disclosure",
      policeInvestigation: "joint",
      immediateProtection: "yes",
      immediateProtectionDetail: "Dean leaves",
      icpc: "yes",
      familyTold: "yes",
      familyToldBy: "Sam",
      familyToldOnDay: "11",
      familyToldOnMonth: "12",
      familyToldOnYear: "2026",
      familyNotToldWhy: "",
    },
    fields: ["section47Why", "immediateProtectionDetail", "familyToldBy", "familyToldOnDay", "familyToldOnMonth"],
  },
  { name: "record dissent", path: () => meetingPath, user: "chair", form: { intent: "dissent", agencyId: "kestrel-vale-police", dissent: "Police disagree" }, fields: ["agencyId", "dissent"] },
  { name: "add an action", path: () => meetingPath, user: "chair", form: { intent: "add-action", what: "Visit", ownerUserId: "1", due: "4 12 2030" }, fields: ["what", "ownerUserId", "due"] },
  { name: "an action's status", path: () => meetingPath, user: "chair", form: { intent: "action-status", actionId: "1", status: "done" }, fields: ["actionId"] },
  // Refused before its schema (addenda come after sign-off), so only the edge's NUL check applies.
  { name: "add an addendum", path: () => meetingPath, user: "chair", form: { intent: "addendum", addendum: "Later note" }, fields: ["addendum"], schema: false },
];

const post = (path: string, form: Record<string, string>, user: string | null, headers: Record<string, string> = {}) =>
  server.post(path, form, user ? cookies[user] : undefined, { headers: { accept: "text/html", ...headers } });

describe("a NUL in any field is refused at the edge, before anything reads it", () => {
  const cases = forms.flatMap((form) => form.fields.map((field) => ({ ...form, field })));
  test.each(cases)("$name: $field", async ({ path, user, form, field }) => {
    await expectRefused(() => post(path(), { ...form, [field]: `before\u0000after` }, user), 400, "a character the portal cannot store");
  });

  test("in a field's name, and in an address", async () => {
    await expectRefused(() => post("/sign-in", { "email\u0000": "x", password: "y" }, null), 400, "a character the portal cannot store");
    await expectRefused(() => server.get("/cases/1/search?q=%00", cookies.socialWorker), 400, "not valid");
    await expectRefused(() => server.get("/cases/%00", cookies.socialWorker), 400, "not valid");
  });
});

describe("another control character is refused by the form's own check, in the error summary", () => {
  const cases = forms.filter((form) => form.schema !== false).flatMap((form) => form.fields.map((field) => ({ ...form, field })));
  test.each(cases)("$name: $field", async ({ path, user, form, field }) => {
    const label = fieldLabel(field.replace(/(Month|Year)$/, "Day"));
    const response = await expectRefused(() => post(path(), { ...form, [field]: `before\u001bafter` }, user), 400, `${label} must not contain control characters`);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  test("a form without a schema refuses it too", async () => {
    await expectRefused(() => post("/account/sessions", { intent: "sign-out-one", sessionId: "\u001b" }, "screener"), 400, "could not be found");
  });

  test("tabs and new lines are what people write, and are kept", async () => {
    const response = await post("/cases/1/maps/1", { score: "5", reasons: "Line one\r\n\tLine two" }, "police");
    expect(response.status).toBe(200);
    const [row] = await server.db.sql<{ reasons: string }[]>`select reasons from map_scalings order by id desc limit 1`;
    expect(row.reasons).toBe("Line one\r\n\tLine two");
  });
});

describe("bodies that are not the portal's forms", () => {
  const routes = [...new Set(forms.map((form) => JSON.stringify([form.path(), form.user])))].map((entry) => JSON.parse(entry) as [string, string | null]);
  routes.push(["/sign-out", "socialWorker"]);
  const bodies = [
    { kind: "JSON", type: "application/json", body: JSON.stringify({ email: "x", password: "y" }), status: 415, message: "only forms sent by its own pages" },
    { kind: "broken multipart", type: "multipart/form-data; boundary=xyz", body: "--xyz\r\nContent-Disposition: form-da", status: 415, message: "does not accept files" },
    { kind: "multipart without a boundary", type: "multipart/form-data", body: "--xyz--", status: 415, message: "does not accept files" },
    { kind: "plain text", type: "text/plain", body: "email=x", status: 415, message: "only forms sent by its own pages" },
    { kind: "no type", type: "", body: "email=x", status: 415, message: "only forms sent by its own pages" },
  ];
  const cases = routes.flatMap(([path, user]) => bodies.map((body) => ({ path, user, ...body })));
  test.each(cases)("$kind to $path", async ({ path, user, type, body, status, message }) => {
    const resolved = path || meetingPath;
    await expectRefused(
      () =>
        fetch(`${server.url}${resolved}`, {
          method: "POST",
          redirect: "manual",
          body,
          headers: { origin: server.origin, accept: "text/html", ...(type ? { "content-type": type } : {}), ...(user ? { cookie: cookies[user] } : {}) },
        }),
      status,
      message,
    );
  });

  test("a compressed body", async () => {
    await expectRefused(() => post("/sign-in", { email: "x", password: "y" }, null, { "content-encoding": "gzip" }), 415, "compressed");
  });

  test("an empty post reaches the route as an empty form, which says what is missing", async () => {
    const response = await fetch(`${server.url}/sign-in`, { method: "POST", redirect: "manual", headers: { origin: server.origin } });
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain("Enter your email address");
  });

  test("a post to a page without a form is 405, and not logged as a fault", async () => {
    expect((await post("/cases/1/search", { q: "x" }, "socialWorker")).status).toBe(405);
  });

  test("the refusal is plain text for a request that is not a browser's page load", async () => {
    const response = await fetch(`${server.url}/sign-in`, { method: "POST", body: "{}", headers: { origin: server.origin, "content-type": "application/json" } });
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect((await response.text()).length).toBeLessThan(300);
  });
});

describe("body limits at the edge", () => {
  const { maxBodyBytes, maxFields, maxFieldCharacters } = requestLimits;

  test("the largest real form fits: the child's voice with every house full, in a script of three bytes a character", async () => {
    const full = "日".repeat(5000);
    const response = await post("/cases/1/child-voice", { seenOnDay: "1", seenOnMonth: "11", seenOnYear: "2025", seenAlone: "no", whoElsePresent: "日".repeat(500), worries: full, goodThings: full, dreams: full }, "education");
    expect(response.status).toBe(302);
  });

  test("a box pasted too full gets its own message back, not the edge's", async () => {
    const response = await post("/cases/1/maps/1", { score: "4", reasons: "x".repeat(6000) }, "police");
    expect(response.status).toBe(400);
    expect(mainText(await response.text())).toContain("Reasons must be 5,000 characters or fewer");
  });

  test("a field longer than any box accepts", async () => {
    await expectRefused(() => post("/cases/1/maps/1", { score: "4", reasons: "x".repeat(maxFieldCharacters + 1) }, "police"), 400, "longer than 20,000 characters");
    await expectRefused(() => post("/sign-in", { ["n".repeat(maxFieldCharacters + 1)]: "x" }, null), 400, "longer than 20,000 characters");
  });

  test("too many fields", async () => {
    const form = Object.fromEntries(Array.from({ length: maxFields + 1 }, (_, i) => [`f${i}`, "x"]));
    await expectRefused(() => post("/sign-in", form, null), 400, `more than ${maxFields} fields`);
  });

  test("a body a little over the limit, with its length declared, gets the page", async () => {
    await expectRefused(() => post("/sign-in", { email: "x", password: "y", padding: "x".repeat(maxBodyBytes) }, null), 413, "larger than the portal accepts");
  });

  test("a declared length far over the limit is refused before any of the body is sent", async () => {
    const before = await snapshot();
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/sign-in`, {
        method: "POST",
        headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", "content-length": String(100 * 1024 * 1024) },
      });
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.flushHeaders(); // headers only: the server answers without waiting for a byte of the body
    });
    expect(status).toBe(413);
    expect(text).toContain("larger than the portal accepts");
    expect(await snapshot()).toEqual(before);
  });

  test("a chunked body is cut off as it passes the limit, long before the sender has finished", async () => {
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const outcome = await new Promise<{ status: number | null; error: string | null; sent: number }>((resolve) => {
      let sent = 0;
      let settled = false;
      const settle = (status: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        req.destroy();
        resolve({ status, error, sent });
      };
      const req = httpRequest(`${server.url}/sign-in`, {
        method: "POST",
        headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => settle(res.statusCode!, null));
      req.on("error", (error: NodeJS.ErrnoException) => settle(null, error.code ?? error.message));
      const pump = () => {
        while (!settled && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!settled) req.end();
      };
      req.write("email=");
      pump();
    });
    // Either the 413 came back while the client was still sending, or the server closed the connection on it.
    if (outcome.status !== null) expect(outcome.status).toBe(413);
    else expect(outcome.error).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    expect(outcome.sent).toBeLessThan(total);
  });
});

describe("addresses", () => {
  const dataQueries = ["/?_data=root", "/?_data=routes/bogus", "/?_data=", "/?_data=%00", "/cases/1?_data=routes/cases.$caseId", "/cases/1?_data=routes/cases.$caseId._index", "/cases/1/meetings/1/minutes?_data=routes/cases.$caseId.meetings.$meetingId.minutes._index", "/sign-in?_data=routes/sign-in", "/sign-out?_data=routes/sign-out"];
  test.each(dataQueries)("?_data= is refused: %s", async (path) => {
    await expectRefused(() => server.get(path, cookies.socialWorker), 400, "?_data=");
    await expectRefused(() => post(path, {}, "socialWorker"), 400, "?_data=");
  });

  const dataUrls = ["/cases/1.data", "/cases/1.data?_routes=bogus", "/cases/1.data?_routes=routes/cases.$caseId,routes/sign-out", "/cases/abc.data", "/nonexistent.data", "/_root.data", "/.data", "/cases/1/map.data", "/cases/999.data", "/cases/1/meetings/999999999999999999999.data", "/cases/1/maps/1/print.data"];
  test.each(dataUrls)("a .data address answers without a fault: %s", async (path) => {
    const response = await server.get(path, cookies.socialWorker);
    expect(response.status).toBeLessThan(500);
    await response.arrayBuffer();
  });

  test.each(["/%", "/cases/%ZZ", "/cases/1/maps/%E0%A4%A"])("an address that cannot be decoded: %s", async (path) => {
    await expectRefused(() => server.get(path, cookies.socialWorker), 400, "not valid");
  });
});

describe("a post addressed to a host other than PUBLIC_ORIGIN", () => {
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ PUBLIC_ORIGIN: "https://portal.sandmere.example" });
  });
  afterAll(async () => {
    await proxied?.close();
  });
  // node:http rather than fetch, which sends its own Host.
  const signIn = (headers: Record<string, string>) =>
    new Promise<Response>((resolve, reject) => {
      const body = new URLSearchParams({ email: demoUser("socialWorker").email, password: "sandmere-demo-2026" }).toString();
      const req = httpRequest(`${proxied.url}/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", ...headers },
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: { "content-type": String(res.headers["content-type"] ?? "") } })));
      });
      req.on("error", reject);
      req.end(body);
    });

  test("is refused with 403, with the portal's own Origin or with the browser's same-origin word", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: "https://portal.sandmere.example" },
      { origin: "null", "sec-fetch-site": "same-origin" },
      { origin: "https://portal.sandmere.example", "x-forwarded-host": "portal.sandmere.example" }, // not trusted
    ]) {
      const response = await signIn(headers);
      expect(response.status).toBe(403);
      expect(mainText(await response.text())).toContain("not addressed to the portal's own web address");
    }
  });

  test("addressed to it, the post is judged as usual", async () => {
    const response = await signIn({ origin: "https://portal.sandmere.example", host: "portal.sandmere.example", "x-forwarded-host": "elsewhere.example" });
    expect(response.status).toBe(302);
  });

  test("from another origin, it is refused as cross-site", async () => {
    const response = await signIn({ origin: "https://evil.example", host: "evil.example" });
    expect(response.status).toBe(403);
    expect(mainText(await response.text())).toContain("did not come from the portal's own pages");
  });
});
