// The door matrix: every way into the portal — each route module in app/routes, each kind of collaboration document,
// each kind of socket.io room — and who must be turned away there: someone signed out, someone signed in who is not
// on the case, someone on the case but outside a restricted record. Each row asserts the refusal itself (the status
// and where it sends them, the upgrade's status, the room refused) beside one insider who gets in, so a mistyped
// door cannot pass by refusing everyone. A route module, document kind or room kind without its rows fails here.
// The rows: door-matrix-routes.ts (route modules, their rows by area in the door-matrix-routes-*.ts files beside it)
// and door-matrix-sockets.ts (documents and rooms).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { documentKinds as registeredKinds, parseDocumentName } from "../../server/documents/registry";
import { upgradeStatus } from "../support/collab-probe";
import { makeReferral } from "../support/referral-portal";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";
import { routeDoors } from "./door-matrix-routes";
import { documentDoors, roomKinds } from "./door-matrix-sockets";

const REPOSITORY = join(__dirname, "../..");

// ---------------------------------------------------------------------------------------------------------------
// What the code knows: the document kinds in the registry (server/documents/registry.ts), the room kinds
// server/realtime declares, and the route modules in app/routes. Each must have its rows in the matrix.
// ---------------------------------------------------------------------------------------------------------------
/** The kinds the registry knows, the chair's part of a meeting section counted as a kind of its own. */
function documentKindsInCode(): string[] {
  const kinds = registeredKinds.map((kind) => kind.kind as string);
  const chairPart = registeredKinds.some((kind) => (kind.parse("case:1:meeting:1:agency:any:chair") as { chairOnly?: boolean } | null)?.chairOnly);
  return chairPart ? [...kinds, "meeting-section:chair"] : kinds;
}

const kindOf = (name: string) => {
  const parsed = parseDocumentName(name);
  if (!parsed) return null;
  return parsed.kind === "meeting-section" && parsed.chairOnly ? "meeting-section:chair" : parsed.kind;
};

/** The room patterns server/realtime declares (`const <name>Room = /…/`), and whether document names are rooms. */
function roomKindsInCode(): string[] {
  const folder = join(REPOSITORY, "server/realtime");
  const source = readdirSync(folder)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => readFileSync(join(folder, file), "utf8"))
    .join("\n");
  const kinds = [...source.matchAll(/const (\w+Room) = \//g)].map((match) => match[1]);
  if (/parseDocumentName\(room\)/.test(source)) kinds.push(...documentKindsInCode().map((kind) => `document:${kind}`));
  return kinds;
}

const ROUTES = join(REPOSITORY, "app/routes");
/**
 * Every route module, as Remix finds them: a file in app/routes, or a folder there with a `route` file (the folder's
 * other files are its parts, not routes). `id` is the name without the extension, the key of the matrix, so a route
 * that becomes a folder keeps its entry.
 */
function routeModules(): { id: string; file: string }[] {
  const modules: { id: string; file: string }[] = [];
  for (const entry of readdirSync(ROUTES, { withFileTypes: true })) {
    if (entry.isFile() && /\.(tsx?|jsx?)$/.test(entry.name)) modules.push({ id: entry.name.replace(/\.(tsx?|jsx?)$/, ""), file: entry.name });
    if (entry.isDirectory()) {
      const route = readdirSync(join(ROUTES, entry.name)).find((name) => /^route\.(tsx?|jsx?)$/.test(name));
      if (route) modules.push({ id: entry.name, file: `${entry.name}/${route}` });
    }
  }
  return modules.sort((a, b) => a.id.localeCompare(b.id));
}
const routes = routeModules();
const routeFiles = routes.map((route) => route.id);
const fileOf = (id: string) => routes.find((route) => route.id === id)!.file;
const routeSource = (id: string) => readFileSync(join(ROUTES, fileOf(id)), "utf8");
const hasLoader = (source: string) => /export\s+(async\s+)?function\s+loader\b|export\s+const\s+loader\b/.test(source);
const hasAction = (source: string) => /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(source);

// ---------------------------------------------------------------------------------------------------------------

let server: TestServer;
const people = ["chair", "socialWorker", "police", "health", "education", "gp", "partnershipManager", "partnershipAdmin", "policeAdmin", "healthAdmin", "gpAdmin", "screener", "policeScreener", "healthScreener", "educationScreener", "teamManager", "earlyHelpManager", "earlyHelpWorker"];
const cookies: Record<string, string> = {};
const values: Record<string, string> = {};
const sockets: Record<string, PortalSocket> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const key of people) cookies[key] = await server.signIn(key);
  const ids: Record<string, number> = {};
  for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email] = Number(row.id);
  const { demoUser } = await import("../../db/seed");
  for (const key of people) values[`user:${key}`] = String(ids[demoUser(key).email]);
  const [session] = await server.db.sql<{ id: string }[]>`
    select id from sessions where user_id = ${values["user:health"]} order by created_at desc limit 1`;
  values["session:health"] = session.id;
  // A strategy meeting on Lily's case: social care, police and health invited; the school is not.
  const form = new URLSearchParams({
    kind: "meeting", heldOnDay: "10", heldOnMonth: "12", heldOnYear: "2026", heldTime: "10:00", how: "video",
    concern: "Lily was hungry with a bruise.", chairUserId: values["user:chair"],
  });
  for (const key of ["socialWorker", "police", "health"]) form.append("invitee", values[`user:${key}`]);
  const convened = await fetch(`${server.url}/cases/1/meetings/new`, {
    method: "POST",
    redirect: "manual",
    body: form,
    headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: cookies.chair },
  });
  if (convened.status !== 302) throw new Error(`convening the meeting failed with ${convened.status}`);
  values.meeting = convened.headers.get("location")!.split("/").pop()!;
  // The next core group of Lily's plan (the demo's first is signed off), scheduled today by her lead social worker:
  // police, health and the school.
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date()).split("-");
  const coreGroup = new URLSearchParams({ intent: "schedule", heldOnDay: day, heldOnMonth: month, heldOnYear: year, heldTime: "10:00", how: "in_person" });
  for (const key of ["police", "health", "education"]) coreGroup.append("member", values[`user:${key}`]);
  const scheduled = await server.post("/cases/1/core-groups/new", Object.fromEntries(coreGroup), cookies.socialWorker, { body: coreGroup });
  const scheduledAt = scheduled.headers.get("location")?.match(/\/cases\/1\/core-groups\/(\d+)$/);
  if (scheduled.status !== 302 || !scheduledAt) throw new Error(`scheduling the core group failed with ${scheduled.status}`);
  values.coregroup = scheduledAt[1];
  // The school's referrals: one draft, one sent.
  values.referral = String(await makeReferral(server, cookies.education));
  values.sentreferral = String(await makeReferral(server, cookies.education, { send: true }));
  // On the sent referral, the police's check (restricted) and the front door's map, asked for and started by the MASH
  // social worker.
  const asked = await server.post(`/front-door/${values.sentreferral}/checks/new`, { agencyId: "kestrel-vale-police", asked: "Incidents at the address" }, cookies.screener);
  if (asked.status !== 302) throw new Error(`asking for the police's check failed with ${asked.status}`);
  const started = await server.post(`/front-door/${values.sentreferral}/map`, {}, cookies.screener);
  if (started.status !== 302) throw new Error(`starting the front door map failed with ${started.status}`);
  // Another of the school's referrals, decided as a strategy discussion: the case it opened ({decidedcase}).
  values.decidedreferral = String(await makeReferral(server, cookies.education, { send: true }));
  const decidedId = values.decidedreferral;
  const ready = [
    await server.post(`/front-door/${decidedId}/consent`, { consent: "given", reason: "Asked by phone." }, cookies.screener),
    ...(await Promise.all(
      (await server.db.sql<{ id: string }[]>`select id from contact_children where contact_id = ${decidedId}`).map((child) =>
        server.post(`/front-door/${decidedId}/match`, { child: child.id, match: "none" }, cookies.screener),
      ),
    )),
    await server.post(`/front-door/${decidedId}/decision`, { outcome: "strategy_discussion", rationale: "Harm suspected.", feedback: "A discussion will be held." }, cookies.screener),
  ];
  if (ready.some((response) => response.status !== 302)) throw new Error(`readying the decision failed with ${ready.map((r) => r.status).join(", ")}`);
  const [proposal] = await server.db.sql<{ id: string }[]>`select id from contact_decisions where contact_id = ${decidedId} and step = 'proposed'`;
  const authorised = await server.post(`/front-door/${decidedId}/decision/authorise`, { proposalId: proposal.id, answer: "authorise", feedback: "A discussion will be held." }, cookies.teamManager);
  if (authorised.status !== 302) throw new Error(`authorising the decision failed with ${authorised.status}`);
  const [decision] = await server.db.sql<{ caseId: string }[]>`select case_id as "caseId" from contact_decisions where contact_id = ${decidedId} and step = 'authorised'`;
  values.decidedcase = decision.caseId;
  // A step down of Jayden's case (2) to early help, proposed by his lead social worker, waiting for early help's answer.
  const proposed = await server.post("/cases/2/transitions/new", { direction: "step_down", toAgencyId: "sandmere-early-help", rationale: "Support at home is enough now." }, cookies.socialWorker);
  if (proposed.status !== 302) throw new Error(`proposing the step down failed with ${proposed.status}`);
  const [transition] = await server.db.sql<{ id: string }[]>`select id from transitions where case_id = 2 order by id desc limit 1`;
  values.transition = String(transition.id);
});
afterAll(async () => {
  for (const socket of Object.values(sockets)) socket.close();
  await server?.close();
});

/** `{meeting}`, `{user:<key>}`, `{session:<key>}` filled in from the setup. */
const fill = (text: string) =>
  text.replace(/\{([a-z]+(?::[A-Za-z]+)?)\}/g, (_all, key: string) => {
    if (!(key in values)) throw new Error(`nothing to fill {${key}} with`);
    return values[key];
  });

const socketOf = async (key: string) => (sockets[key] ??= await connectSocket(server.url, { cookie: cookies[key] }));

describe("the matrix covers every door", () => {
  test("every route module in app/routes has an entry", () => {
    const missing = routeFiles.filter((id) => !(id in routeDoors));
    expect(missing, missing.map((id) => `app/routes/${fileOf(id)} has no entry: add its row to the door matrix (its area's tests/integration/door-matrix-routes-*.ts, listed in door-matrix-routes.ts)`).join("\n")).toEqual([]);
    const gone = Object.keys(routeDoors).filter((file) => !routeFiles.includes(file));
    expect(gone, `entries for route modules that no longer exist: ${gone.join(", ")}`).toEqual([]);
  });

  test.each(routeFiles)("%s: a page has its doors for someone signed out and for a signed-in outsider; an action has its POST doors", (file) => {
    const entry = routeDoors[file];
    if (!entry) throw new Error(`app/routes/${fileOf(file)} has no entry: add its row to the door matrix (its area's tests/integration/door-matrix-routes-*.ts, listed in door-matrix-routes.ts)`);
    const source = routeSource(file);
    if (entry.noDoor) {
      expect(hasLoader(source) || hasAction(source), `${file} now has a loader or an action: give it its doors in the door matrix`).toBe(false);
      return;
    }
    const doors = entry.doors;
    for (const [method, present] of [["GET", hasLoader(source)], ["POST", hasAction(source)]] as const) {
      if (!present) continue;
      expect(doors.some((door) => door.method === method && door.as === "signed out"), `${file}: add a ${method} door for someone signed out`).toBe(true);
      if (!entry.public && !entry.everyoneSignedIn)
        expect(doors.some((door) => door.method === method && door.as !== "signed out"), `${file}: add a ${method} door for a signed-in outsider`).toBe(true);
    }
    if (!entry.public) expect(entry.insider, `${file}: name an insider who gets in, so the door is known to be real`).toBeDefined();
  });

  test("every kind of collaboration document the code knows has its rows, and each example is of its kind", () => {
    const inCode = documentKindsInCode();
    expect(inCode.length).toBeGreaterThan(0);
    const listed = documentDoors.map((document) => document.kind);
    const missing = inCode.filter((kind) => !listed.includes(kind));
    expect(missing, `document kinds without rows: ${missing.join(", ")} — add them to the door matrix`).toEqual([]);
    for (const document of documentDoors) expect(kindOf(document.example.replace(/\{(meeting|coregroup|sentreferral)\}/, "1")), document.example).toBe(document.kind);
  });

  test("every kind of socket.io room the code knows has its rows", () => {
    const inCode = roomKindsInCode();
    expect(inCode).toEqual(expect.arrayContaining(["caseRoom", "userRoom"]));
    const listed = roomKinds.map((room) => room.kind);
    const missing = inCode.filter((kind) => !listed.includes(kind));
    expect(missing, `room kinds without rows: ${missing.join(", ")} — add them to the door matrix`).toEqual([]);
  });
});

const routeRows = Object.entries(routeDoors).flatMap(([file, entry]) =>
  entry.doors.map((door) => [`${file}: ${door.method} ${door.path} as ${door.as} → ${door.status}${door.location ? ` ${door.location}` : ""}`, door] as const),
);
const insiderRows = Object.entries(routeDoors).flatMap(([file, entry]) =>
  entry.insider ? [[`${file}: GET ${entry.insider.path} as ${entry.insider.as} → ${entry.insider.status}`, entry.insider] as const] : [],
);

describe("route doors", () => {
  test.each(insiderRows)("insider gets in — %s", async (_name, insider) => {
    const response = await server.get(fill(insider.path), cookies[insider.as]);
    expect(response.status).toBe(insider.status);
  });

  test.each(routeRows)("refused — %s", async (_name, door) => {
    const cookie = door.as === "signed out" ? undefined : cookies[door.as];
    if (door.as !== "signed out" && !cookie) throw new Error(`no one signed in as ${door.as}`);
    const path = fill(door.path);
    const form = Object.fromEntries(Object.entries(door.form ?? {}).map(([key, value]) => [key, fill(value)]));
    const response = door.method === "GET" ? await server.get(path, cookie) : await server.post(path, form, cookie);
    expect(response.status).toBe(door.status);
    if (door.toSignIn) expect(response.headers.get("location")).toBe(path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`);
    else if (door.location) expect(response.headers.get("location")).toBe(fill(door.location));
    else if (door.status === 404 || door.status === 403) expect(response.headers.get("location")).toBeNull();
    await response.arrayBuffer();
  });
});

const documentRows = documentDoors.flatMap((document) =>
  document.outsiders.map(([who, status]) => [`${document.kind}: ${document.example} as ${who} → ${status}`, document.example, who, status] as const),
);

describe("collaboration document doors", () => {
  test.each(documentDoors.map((document) => [`${document.kind}: ${document.example} as ${document.insider}`, document] as const))(
    "insider gets in — %s",
    async (_name, document) => {
      expect(await upgradeStatus(server.url, fill(document.example), { cookie: cookies[document.insider] })).toBe("opened");
    },
  );

  test.each(documentRows)("refused — %s", async (_name, example, who, status) => {
    const cookie = who === "signed out" ? undefined : cookies[who];
    expect(await upgradeStatus(server.url, fill(example), { cookie })).toBe(status);
  });
});

const roomRows = roomKinds.flatMap((room) => room.outsiders.map((who) => [`${room.kind}: ${room.example} as ${who}`, room.example, who] as const));

describe("socket.io room doors", () => {
  test.each(roomKinds.map((room) => [`${room.kind}: ${room.example} as ${room.insider}`, room] as const))("insider joins — %s", async (_name, room) => {
    const socket = await socketOf(room.insider);
    expect((await socket.emitWithAck("room:join", fill(room.example))).ok).toBe(true);
    socket.emit("room:leave", fill(room.example));
  });

  test.each(roomRows)("refused — %s", async (_name, example, who) => {
    if (who === "signed out") {
      await expect(connectSocket(server.url, {})).rejects.toThrow(/unauthorised/);
      return;
    }
    const socket = await socketOf(who);
    expect(await socket.emitWithAck("room:join", fill(example))).toEqual({ ok: false, error: "Not found" });
  });
});
