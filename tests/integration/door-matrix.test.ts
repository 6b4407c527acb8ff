// The door matrix: every way into the portal — each route module in app/routes, each kind of collaboration document,
// each kind of socket.io room — and who must be turned away there: someone signed out, someone signed in who is not
// on the case, someone on the case but outside a restricted record. Each row asserts the refusal itself (the status
// and where it sends them, the upgrade's status, the room refused) beside one insider who gets in, so a mistyped
// door cannot pass by refusing everyone. A route module, document kind or room kind without its rows fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { documentKinds as registeredKinds, parseDocumentName } from "../../server/documents/registry";
import { upgradeStatus } from "../support/collab-probe";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

const REPOSITORY = join(__dirname, "../..");

// ---------------------------------------------------------------------------------------------------------------
// Collaboration document kinds: one row set per kind in the registry (server/documents/registry.ts); a meeting's part
// for the chair is a kind of its own here, as its readers differ. `example` is a name of that kind that exists in
// this file's setup; `{meeting}` is the meeting made there. Outsiders get the upgrade's status: 401 signed out, 404
// for a record they may not know exists.
// ---------------------------------------------------------------------------------------------------------------
type DocumentDoors = { kind: string; example: string; insider: string; outsiders: [who: Outsider, status: number][] };

const documentDoors: DocumentDoors[] = [
  { kind: "case-notes", example: "case:1:notes", insider: "education", outsiders: [["signed out", 401], ["gp", 404], ["partnershipAdmin", 404]] },
  { kind: "map", example: "case:1:map:1", insider: "health", outsiders: [["signed out", 401], ["gp", 404], ["partnershipAdmin", 404]] },
  {
    kind: "agency-notes",
    example: "case:1:agency:kestrel-vale-police:notes",
    insider: "socialWorker",
    outsiders: [["signed out", 401], ["gp", 404], ["education", 404], ["health", 404], ["policeAdmin", 404]],
  },
  {
    kind: "meeting-section",
    example: "case:1:meeting:{meeting}:agency:kestrel-vale-police",
    insider: "health",
    // Education is on the case but not invited to this meeting.
    outsiders: [["signed out", 401], ["gp", 404], ["education", 404]],
  },
  {
    kind: "meeting-section:chair",
    example: "case:1:meeting:{meeting}:agency:kestrel-vale-police:chair",
    insider: "chair",
    // Health is invited, but the police's part for the chair is the police's and this meeting's chair's alone.
    outsiders: [["signed out", 401], ["gp", 404], ["education", 404], ["health", 404], ["socialWorker", 404]],
  },
];

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

// ---------------------------------------------------------------------------------------------------------------
// socket.io room kinds (server/realtime/socket-server.ts): its own rooms, and every document kind above as a room
// (who has that document open), judged as the document is. Signed out, no socket.io connection is made at all.
// ---------------------------------------------------------------------------------------------------------------
type RoomKind = { kind: string; example: string; insider: string; outsiders: Outsider[] };

const roomKinds: RoomKind[] = [
  { kind: "caseRoom", example: "case:1", insider: "education", outsiders: ["signed out", "gp", "partnershipAdmin"] },
  { kind: "meetingRoom", example: "case:1:meeting:{meeting}", insider: "education", outsiders: ["signed out", "gp"] },
  { kind: "userRoom", example: "user:{user:health}", insider: "health", outsiders: ["signed out", "police", "healthAdmin"] },
  ...documentDoors.map((document) => ({
    kind: `document:${document.kind}`,
    example: document.example,
    insider: document.insider,
    outsiders: document.outsiders.map(([who]) => who),
  })),
];

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

// ---------------------------------------------------------------------------------------------------------------
// Route modules. Each page is GET; each action POST. `as`: a demo person's key (db/seed.ts), or "signed out".
// Lily's case is 1, her first map 1; the GP works on Jayden's case (2) only; education is on Lily's case, outside the
// police's restricted notes and not invited to the meeting made in setup. 404 where the person may not know the
// thing exists; 403 where the route tells someone who may read it that they may not change it.
// ---------------------------------------------------------------------------------------------------------------
type Outsider = "signed out" | string;
type Door = {
  as: Outsider;
  method: "GET" | "POST";
  path: string;
  form?: Record<string, string>;
  status: number;
  /** Where a redirect sends them; `toSignIn`: to sign in, coming back to this path afterwards. */
  location?: string;
  toSignIn?: boolean;
};
type RouteEntry = {
  /** Set for pages anyone may reach: why. Their doors are checked all the same. */
  public?: string;
  /** A route without a loader or an action: why it has no door of its own. */
  noDoor?: string;
  /** Set when every signed-in person may use the route (their own things): why no signed-in outsider row. */
  everyoneSignedIn?: string;
  /** Someone who gets in by GET, and with what status (proves the path is a real door). */
  insider?: { as: string; path: string; status: number };
  doors: Door[];
};

const signedOut = (path: string, method: "GET" | "POST" = "GET", form: Record<string, string> = {}): Door => ({
  as: "signed out",
  method,
  path,
  form,
  status: 302,
  toSignIn: true,
});
const refused = (as: string, path: string, status: 403 | 404, method: "GET" | "POST" = "GET", form: Record<string, string> = {}): Door => ({
  as,
  method,
  path,
  form,
  status,
});

const MAP = "/cases/1/maps/1";
const MEETING = "/cases/1/meetings/{meeting}";
const POLICE_NOTES = "/cases/1/restricted/kestrel-vale-police";
const words = { seenOnDay: "18", seenOnMonth: "11", seenOnYear: "2026", seenAlone: "yes", worries: "x", goodThings: "", dreams: "" };

const routeDoors: Record<string, RouteEntry> = {
  "$": {
    public: "the not-found page: every address that is no page is 404, signed in or not",
    doors: [
      { as: "signed out", method: "GET", path: "/no-such-page", status: 404 },
      { as: "police", method: "GET", path: "/cases/1/no-such-page", status: 404 },
    ],
  },
  "_index": {
    everyoneSignedIn: "Your work: each person's own",
    insider: { as: "gp", path: "/", status: 200 },
    doors: [signedOut("/")],
  },
  "account.password": {
    everyoneSignedIn: "each person changes their own password",
    insider: { as: "gp", path: "/account/password", status: 200 },
    doors: [signedOut("/account/password"), signedOut("/account/password", "POST")],
  },
  "account.sessions": {
    everyoneSignedIn: "each person's own sessions; someone else's session is the POST row below",
    insider: { as: "gp", path: "/account/sessions", status: 200 },
    doors: [
      signedOut("/account/sessions"),
      signedOut("/account/sessions", "POST", { intent: "sign-out-one", sessionId: "{session:health}" }),
      // Someone else's session id is refused as one that does not exist.
      { ...refused("police", "/account/sessions", 404, "POST", { intent: "sign-out-one", sessionId: "{session:health}" }), status: 400 },
    ],
  },
  "cases.$caseId._index": {
    insider: { as: "education", path: "/cases/1", status: 200 },
    doors: [signedOut("/cases/1"), refused("gp", "/cases/1", 404), refused("partnershipAdmin", "/cases/1", 404), refused("education", "/cases/2", 404)],
  },
  "cases.$caseId": {
    noDoor: "the case's layout: no loader or action; each page inside it is a door of its own",
    doors: [],
  },
  "cases.$caseId.child-voice": {
    insider: { as: "education", path: "/cases/1/child-voice", status: 200 },
    doors: [
      signedOut("/cases/1/child-voice"),
      signedOut("/cases/1/child-voice", "POST", words),
      refused("gp", "/cases/1/child-voice", 404),
      refused("gp", "/cases/1/child-voice", 404, "POST", words),
      refused("partnershipManager", "/cases/1/child-voice", 403, "POST", words),
    ],
  },
  "cases.$caseId.map": {
    insider: { as: "health", path: "/cases/1/map", status: 302 },
    doors: [signedOut("/cases/1/map"), refused("gp", "/cases/1/map", 404), refused("partnershipAdmin", "/cases/1/map", 404)],
  },
  "cases.$caseId.maps._index": {
    insider: { as: "health", path: "/cases/1/maps", status: 200 },
    doors: [
      signedOut("/cases/1/maps"),
      signedOut("/cases/1/maps", "POST", { heldOnDay: "1", heldOnMonth: "12", heldOnYear: "2026" }),
      refused("gp", "/cases/1/maps", 404),
      refused("gp", "/cases/1/maps", 404, "POST", { heldOnDay: "1", heldOnMonth: "12", heldOnYear: "2026" }),
      refused("partnershipManager", "/cases/1/maps", 403, "POST", { heldOnDay: "1", heldOnMonth: "12", heldOnYear: "2026" }),
    ],
  },
  "cases.$caseId.maps.$mapId._index": {
    insider: { as: "health", path: MAP, status: 200 },
    doors: [
      signedOut(MAP),
      signedOut(MAP, "POST", { score: "4", reasons: "x" }),
      refused("gp", MAP, 404),
      refused("gp", "/cases/2/maps/1", 404),
      refused("gp", MAP, 404, "POST", { score: "4", reasons: "x" }),
      refused("partnershipManager", MAP, 403, "POST", { score: "4", reasons: "x" }),
    ],
  },
  "cases.$caseId.maps.$mapId.history": {
    insider: { as: "health", path: `${MAP}/history`, status: 200 },
    doors: [signedOut(`${MAP}/history`), refused("gp", `${MAP}/history`, 404), refused("gp", `${MAP}/history?at=1`, 404)],
  },
  "cases.$caseId.maps.$mapId.print._index": {
    insider: { as: "health", path: `${MAP}/print`, status: 200 },
    doors: [signedOut(`${MAP}/print`), refused("gp", `${MAP}/print`, 404), refused("partnershipAdmin", `${MAP}/print`, 404)],
  },
  "cases.$caseId.maps.$mapId.print.family": {
    insider: { as: "health", path: `${MAP}/print/family`, status: 200 },
    doors: [signedOut(`${MAP}/print/family`), refused("gp", `${MAP}/print/family`, 404), refused("partnershipAdmin", `${MAP}/print/family`, 404)],
  },
  "cases.$caseId.meetings.$meetingId._index": {
    insider: { as: "health", path: MEETING, status: 200 },
    doors: [
      signedOut(MEETING),
      signedOut(MEETING, "POST", { intent: "attendance" }),
      refused("gp", MEETING, 404),
      refused("gp", MEETING, 404, "POST", { intent: "attendance" }),
      // The chair's decisions are the chair's.
      refused("police", MEETING, 403, "POST", { intent: "sign-off" }),
    ],
  },
  "cases.$caseId.meetings.$meetingId.minutes._index": {
    insider: { as: "health", path: `${MEETING}/minutes`, status: 200 },
    doors: [signedOut(`${MEETING}/minutes`), refused("gp", `${MEETING}/minutes`, 404), refused("partnershipAdmin", `${MEETING}/minutes`, 404)],
  },
  "cases.$caseId.meetings.$meetingId.minutes.family": {
    insider: { as: "health", path: `${MEETING}/minutes/family`, status: 200 },
    doors: [signedOut(`${MEETING}/minutes/family`), refused("gp", `${MEETING}/minutes/family`, 404)],
  },
  "cases.$caseId.meetings.new": {
    insider: { as: "chair", path: "/cases/1/meetings/new", status: 200 },
    doors: [
      signedOut("/cases/1/meetings/new"),
      signedOut("/cases/1/meetings/new", "POST", { kind: "meeting" }),
      refused("gp", "/cases/1/meetings/new", 404),
      refused("gp", "/cases/1/meetings/new", 404, "POST", { kind: "meeting" }),
      refused("socialWorker", "/cases/1/meetings/new", 403),
      refused("police", "/cases/1/meetings/new", 403, "POST", { kind: "meeting" }),
    ],
  },
  "cases.$caseId.notes.history": {
    insider: { as: "education", path: "/cases/1/notes/history", status: 200 },
    doors: [signedOut("/cases/1/notes/history"), refused("gp", "/cases/1/notes/history", 404), refused("partnershipAdmin", "/cases/1/notes/history", 404)],
  },
  "cases.$caseId.people.new": {
    insider: { as: "socialWorker", path: "/cases/1/people/new", status: 200 },
    doors: [
      signedOut("/cases/1/people/new"),
      signedOut("/cases/1/people/new", "POST", { fullName: "x" }),
      refused("gp", "/cases/1/people/new", 404),
      refused("gp", "/cases/1/people/new", 404, "POST", { fullName: "x" }),
      refused("partnershipManager", "/cases/1/people/new", 403),
      refused("partnershipManager", "/cases/1/people/new", 403, "POST", { fullName: "x" }),
    ],
  },
  "cases.$caseId.restricted.$agencyId._index": {
    insider: { as: "socialWorker", path: POLICE_NOTES, status: 200 },
    doors: [
      signedOut(POLICE_NOTES),
      signedOut(POLICE_NOTES, "POST", { intent: "share", agencyId: "larkfield-primary", reason: "x" }),
      refused("gp", POLICE_NOTES, 404),
      refused("education", POLICE_NOTES, 404),
      refused("health", POLICE_NOTES, 404),
      refused("policeAdmin", POLICE_NOTES, 404),
      refused("education", POLICE_NOTES, 404, "POST", { intent: "share", agencyId: "larkfield-primary", reason: "x" }),
      // Social care reads the police's notes, but they are not social care's to share.
      refused("socialWorker", POLICE_NOTES, 403, "POST", { intent: "share", agencyId: "larkfield-primary", reason: "x" }),
    ],
  },
  "cases.$caseId.restricted.$agencyId.history": {
    insider: { as: "socialWorker", path: `${POLICE_NOTES}/history`, status: 200 },
    doors: [
      signedOut(`${POLICE_NOTES}/history`),
      refused("gp", `${POLICE_NOTES}/history`, 404),
      refused("education", `${POLICE_NOTES}/history`, 404),
      refused("education", `${POLICE_NOTES}/history?at=1`, 404),
    ],
  },
  "cases.$caseId.search": {
    insider: { as: "education", path: "/cases/1/search?q=Lily", status: 200 },
    doors: [signedOut("/cases/1/search?q=Lily"), refused("gp", "/cases/1/search?q=Lily", 404), refused("partnershipAdmin", "/cases/1/search?q=Lily", 404)],
  },
  "cases.$caseId.team": {
    insider: { as: "education", path: "/cases/1/team", status: 200 },
    doors: [
      signedOut("/cases/1/team"),
      signedOut("/cases/1/team", "POST", { intent: "remove-member", userId: "{user:education}" }),
      refused("gp", "/cases/1/team", 404),
      refused("gp", "/cases/1/team", 404, "POST", { intent: "remove-member", userId: "{user:education}" }),
      // On the case, but the team is the lead social worker's and the managers' to change.
      refused("police", "/cases/1/team", 403, "POST", { intent: "remove-member", userId: "{user:education}" }),
    ],
  },
  "forgotten-password": {
    public: "asking for a reset link: for people who cannot sign in",
    doors: [
      { as: "signed out", method: "GET", path: "/forgotten-password", status: 200 },
      // An address with no account gets the answer a known one gets: nothing tells a stranger who has an account.
      { as: "signed out", method: "POST", path: "/forgotten-password", form: { email: "nobody@nowhere.example" }, status: 200 },
    ],
  },
  "people.$userId.deactivate": {
    insider: { as: "policeAdmin", path: "/people/{user:police}/deactivate", status: 200 },
    doors: [
      signedOut("/people/{user:police}/deactivate"),
      signedOut("/people/{user:police}/deactivate", "POST", { reason: "x" }),
      refused("police", "/people/{user:police}/deactivate", 403),
      refused("health", "/people/{user:police}/deactivate", 403, "POST", { reason: "x" }),
      // Another agency's administrator: not one of their people.
      refused("gpAdmin", "/people/{user:police}/deactivate", 404),
      refused("gpAdmin", "/people/{user:police}/deactivate", 404, "POST", { reason: "x" }),
    ],
  },
  "people._index": {
    insider: { as: "policeAdmin", path: "/people", status: 200 },
    doors: [
      signedOut("/people"),
      signedOut("/people", "POST", { intent: "reset-password", userId: "{user:police}" }),
      refused("police", "/people", 403),
      refused("police", "/people", 403, "POST", { intent: "reset-password", userId: "{user:police}" }),
    ],
  },
  "people.new": {
    insider: { as: "policeAdmin", path: "/people/new", status: 200 },
    doors: [signedOut("/people/new"), signedOut("/people/new", "POST", { fullName: "x" }), refused("police", "/people/new", 403), refused("police", "/people/new", 403, "POST", { fullName: "x" })],
  },
  "set-password.$token": {
    public: "a link from an email: the token is the key, so an unknown one is as if there were no page",
    doors: [
      { as: "signed out", method: "GET", path: "/set-password/not-a-real-token", status: 404 },
      { as: "signed out", method: "POST", path: "/set-password/not-a-real-token", form: { newPassword: "a long enough password 1", confirmPassword: "a long enough password 1" }, status: 404 },
    ],
  },
  "sign-in": {
    public: "the way in",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-in", status: 200 },
      { as: "signed out", method: "POST", path: "/sign-in", form: { email: "nadia.hussain@sandmere-health.example", password: "not her password" }, status: 400 },
    ],
  },
  "sign-out": {
    public: "signing out: harmless for anyone, and nothing to see",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-out", status: 302, location: "/" },
      { as: "signed out", method: "POST", path: "/sign-out", status: 302, location: "/sign-in?signed-out=1" },
    ],
  },
};

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
const people = ["chair", "socialWorker", "police", "health", "education", "gp", "partnershipManager", "partnershipAdmin", "policeAdmin", "healthAdmin", "gpAdmin"];
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
    expect(missing, missing.map((id) => `app/routes/${fileOf(id)} has no entry: add it to the door matrix (tests/integration/door-matrix.test.ts)`).join("\n")).toEqual([]);
    const gone = Object.keys(routeDoors).filter((file) => !routeFiles.includes(file));
    expect(gone, `entries for route modules that no longer exist: ${gone.join(", ")}`).toEqual([]);
  });

  test.each(routeFiles)("%s: a page has its doors for someone signed out and for a signed-in outsider; an action has its POST doors", (file) => {
    const entry = routeDoors[file];
    if (!entry) throw new Error(`app/routes/${fileOf(file)} has no entry: add it to the door matrix (tests/integration/door-matrix.test.ts)`);
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
    for (const document of documentDoors) expect(kindOf(document.example.replace("{meeting}", "1")), document.example).toBe(document.kind);
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
