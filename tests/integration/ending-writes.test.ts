// A change that ends writing — sign-off, removal from a case, sign-out — closes writing on every open connection before
// it is reported done, and the minutes are built from exactly the record that was frozen. Real collaboration clients
// keep typing through the change; nothing they send after the response is stored, and nothing stored is missing.
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, providerFor, paragraphOf, synced, type TestProvider } from "../support/collab-client";
import { visibleText } from "../support/html";
import { connectSocket, type PortalSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
const clients: TestProvider[] = [];
const sockets: PortalSocket[] = [];

beforeAll(async () => {
  // The periodic re-check is as slow as it may be set: what is tested here must not wait for it.
  server = await startTestServer({ ACCESS_RECHECK_MS: "5000" });
  for (const key of ["chair", "socialWorker", "police", "health", "education"]) cookies[key] = await server.signIn(key);
  for (const row of await server.db.sql<{ id: string; email: string }[]>`select id, email from users`) ids[row.email.split("@")[0]] = Number(row.id);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  for (const socket of sockets) socket.close();
  await server?.close();
});

const open = async (cookie: string, name: string) => {
  const client = providerFor(server.url, name, { cookie });
  clients.push(client);
  await synced(client);
  return client;
};

/** Types numbered lines into a fragment every few milliseconds until stopped; says how many were typed by a moment. */
function keepTyping(client: TestProvider, fragment: string, label: string) {
  let typed = 0;
  const timer = setInterval(() => {
    typed += 1;
    if (fragment === "notes") client.doc.getText("notes").insert(client.doc.getText("notes").length, ` ${label}-${typed}-end`);
    else client.doc.getXmlFragment(fragment).push([paragraphOf(`${label}-${typed}-end`)]);
  }, 2);
  return {
    typed: () => typed,
    stop: () => clearInterval(timer),
  };
}

/** What is stored for a document (every accepted update, merged). */
async function storedText(document: string, fragment: string): Promise<string> {
  await server.portal.collab.flush();
  const rows = await server.db.sql<{ update: Uint8Array }[]>`select update from collab_updates where document = ${document}`;
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row.update);
  return fragment === "notes" ? doc.getText("notes").toString() : doc.getXmlFragment(fragment).toString();
}

/** The numbered lines stored for a document. */
async function storedLines(document: string, fragment: string, label: string): Promise<number[]> {
  const text = await storedText(document, fragment);
  return [...text.matchAll(new RegExp(`${label}-(\\d+)-end`, "g"))].map((match) => Number(match[1]));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * A client that connects `afterMs` after it is made, while a change may be under way, then sends a numbered edit every
 * 4 ms. `sentAfter` lists the labels it sent once `done()` was called (the change was reported done).
 */
function connectingWriter(document: string, cookie: string, label: string, afterMs: number, fragment = "default") {
  const doc = new Y.Doc();
  let reported = false;
  const sentAfter: string[] = [];
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/collab/${document}`, { headers: { origin: server.origin, cookie } });
    socket.on("error", () => {});
    socket.on("open", () => {
      let typed = 0;
      timer = setInterval(() => {
        const line = `${label}-${++typed}-end`;
        const before = Y.encodeStateVector(doc);
        if (fragment === "notes") doc.getText("notes").insert(0, ` ${line}`);
        else doc.getXmlFragment(fragment).push([paragraphOf(line)]);
        const message = encoding.createEncoder();
        encoding.writeVarUint(message, 0); // sync
        encoding.writeVarUint(message, 2); // update
        encoding.writeVarUint8Array(message, Y.encodeStateAsUpdate(doc, before));
        if (reported) sentAfter.push(line);
        if (socket?.readyState === WebSocket.OPEN) socket.send(encoding.toUint8Array(message));
      }, 4);
    });
  }, afterMs);
  return {
    done: () => (reported = true),
    sentAfter,
    stop() {
      clearTimeout(start);
      clearInterval(timer);
      socket?.terminate();
    },
  };
}

/** A strategy meeting on Lily's case with everything sign-off needs except the sign-off. */
async function readyMeeting(): Promise<{ path: string; id: number; mapId: number }> {
  const form = new URLSearchParams({
    kind: "meeting", heldOnDay: "10", heldOnMonth: "12", heldOnYear: "2026", heldTime: "10:00", how: "video",
    concern: "Lily was hungry with a bruise.", chairUserId: String(ids["helen.ward"]),
  });
  for (const person of ["sam.okafor", "alex.morgan", "nadia.hussain"]) form.append("invitee", String(ids[person]));
  const convened = await fetch(`${server.url}/cases/1/meetings/new`, {
    method: "POST", redirect: "manual", body: form,
    headers: { origin: server.origin, "content-type": "application/x-www-form-urlencoded", cookie: cookies.chair },
  });
  expect(convened.status).toBe(302);
  const path = convened.headers.get("location")!;
  const id = Number(path.split("/").pop());
  const attendance: Record<string, string> = { intent: "attendance" };
  for (const person of ["helen.ward", "sam.okafor", "alex.morgan", "nadia.hussain"]) attendance[`attendance-${ids[person]}`] = "present";
  // Attendance is the chair's to record (each person may record only their own).
  expect((await server.post(path, attendance, cookies.chair)).status).toBe(302);
  for (const key of ["police", "health", "socialWorker"])
    expect((await server.post(path, { intent: "scale", score: "4", reasons: `${key} reasons` }, cookies[key])).status).toBe(302);
  const decisions = {
    intent: "decisions", section47: "yes", section47Why: "Reasonable cause to suspect significant harm.", policeInvestigation: "joint",
    immediateProtection: "no", icpc: "yes", familyTold: "yes", familyToldBy: "Sam Okafor", familyToldOnDay: "11", familyToldOnMonth: "12",
    familyToldOnYear: "2026",
  };
  expect((await server.post(path, decisions, cookies.chair)).status).toBe(302);
  const [row] = await server.db.sql<{ mapId: string }[]>`select map_id as "mapId" from meetings where id = ${id}`;
  return { path, id, mapId: Number(row.mapId) };
}

describe("sign-off while people are still typing", () => {
  test.each([1, 2, 3])("round %i: nothing sent after sign-off is stored, and the minutes at once hold everything stored", async (round) => {
    const meeting = await readyMeeting();
    const section = `case:1:meeting:${meeting.id}:agency:kestrel-vale-police`;
    const map = `case:1:map:${meeting.mapId}`;
    const police = await open(cookies.police, section);
    const chairPart = await open(cookies.police, `${section}:chair`);
    const mapWriter = await open(cookies.health, map);
    const typists = [
      { typist: keepTyping(police, "default", `police${round}`), document: section, fragment: "default", label: `police${round}` },
      { typist: keepTyping(chairPart, "default", `chair${round}`), document: `${section}:chair`, fragment: "default", label: `chair${round}` },
      { typist: keepTyping(mapWriter, "harm", `map${round}`), document: map, fragment: "harm", label: `map${round}` },
    ];
    await new Promise((resolve) => setTimeout(resolve, 150));

    const signedOff = await server.post(meeting.path, { intent: "sign-off" }, cookies.chair);
    const typedBeforeDone = typists.map(({ typist }) => typist.typed());
    expect(signedOff.status).toBe(302);
    const minutes = visibleText(await (await server.get(`${meeting.path}/minutes`, cookies.chair)).text());
    await new Promise((resolve) => setTimeout(resolve, 200)); // they go on typing after sign-off
    for (const { typist } of typists) typist.stop();
    await settle();

    for (const [index, { document, fragment, label }] of typists.entries()) {
      const lines = await storedLines(document, fragment, label);
      expect(lines.length).toBeGreaterThan(0);
      // Nothing typed after sign-off was reported done is in the record.
      expect(Math.max(...lines)).toBeLessThanOrEqual(typedBeforeDone[index]);
      // The minutes fetched at once already hold every line of the agency's sections that was stored.
      if (document !== map) for (const line of lines) expect(minutes).toContain(`${label}-${line}-end`);
    }
    // Every stored change to the record is from before the moment it was signed off.
    const [late] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from collab_updates u, meetings m
      where m.id = ${meeting.id} and (u.document like ${`case:1:meeting:${meeting.id}:%`} or u.document = ${map})
        and u.last_at > m.signed_off_at`;
    expect(late.count).toBe(0);
    expect(police.notices.join(" ")).toContain("read-only");
  });
});

describe("a form sent as the chair signs off", () => {
  test("is either recorded before sign-off or refused with a clear message, never a 500", async () => {
    const meeting = await readyMeeting();
    const statuses: number[] = [];
    let signing = true;
    // From the meeting's page and from the map's own page.
    const scaling = (async () => {
      while (signing) {
        const response = await server.post(meeting.path, { intent: "scale", score: "5", reasons: "Scaled again as sign-off happened" }, cookies.police);
        statuses.push(response.status);
        if (response.status === 409) expect(visibleText(await response.text())).toContain("This meeting has just been signed off");
      }
    })();
    const onTheMap = (async () => {
      while (signing) {
        const response = await server.post(`/cases/1/maps/${meeting.mapId}`, { score: "6", reasons: "Scaled on the map" }, cookies.health);
        statuses.push(response.status);
        if (response.status === 409) expect(visibleText(await response.text())).toContain("meeting has just been signed off");
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await server.post(meeting.path, { intent: "sign-off" }, cookies.chair)).status).toBe(302);
    signing = false;
    await Promise.all([scaling, onTheMap]);
    expect(statuses.length).toBeGreaterThan(0);
    // Recorded (a redirect from the meeting, the map page again from the map), refused by the policy, or too late.
    expect(statuses.filter((status) => ![200, 302, 403, 409].includes(status))).toEqual([]);
    const [late] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from map_scalings s, meetings m
      where m.id = ${meeting.id} and s.map_id = m.map_id and s.recorded_at > m.signed_off_at`;
    expect(late.count).toBe(0);
  });
});

describe("a connection opened while writing is being closed", () => {
  const rounds = [0, 1, 2, 3, 4, 5];

  test.each(rounds)("sign-off, round %i: a section opened as the chair signs off stores nothing sent after", async (round) => {
    const meeting = await readyMeeting();
    const section = `case:1:meeting:${meeting.id}:agency:kestrel-vale-police`;
    const writers = [0, 1, 2, 3, 4, 5].map((offset) =>
      connectingWriter(offset % 2 ? `${section}:chair` : section, cookies.police, `late${round}x${offset}`, round + offset * 1.5),
    );
    const signedOff = await server.post(meeting.path, { intent: "sign-off" }, cookies.chair);
    for (const writer of writers) writer.done();
    expect(signedOff.status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (const writer of writers) writer.stop();
    const stored = (await storedText(section, "default")) + (await storedText(`${section}:chair`, "default"));
    // The race was run: something was sent after the change was reported.
    expect(writers.some((writer) => writer.sentAfter.length > 0)).toBe(true);
    for (const writer of writers) for (const line of writer.sentAfter) expect(stored).not.toContain(line);
    const [late] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from collab_updates u, meetings m
      where m.id = ${meeting.id} and u.document like ${`case:1:meeting:${meeting.id}:%`} and u.last_at > m.signed_off_at`;
    expect(late.count).toBe(0);
  });

  test.each(rounds)("sign-out, round %i: case notes opened as the person signs out store nothing sent after", async (round) => {
    const cookie = await server.signIn("health");
    // One page already open and typing, so the race is always run; the others connect as the sign-out is under way.
    const open = connectingWriter("case:1:notes", cookie, `open${round}`, 0, "notes");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const writers = [open, ...[0, 1, 2, 3].map((offset) => connectingWriter("case:1:notes", cookie, `out${round}x${offset}`, round + offset * 1.5, "notes"))];
    const signedOut = await server.post("/sign-out", {}, cookie);
    for (const writer of writers) writer.done();
    expect(signedOut.status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (const writer of writers) writer.stop();
    const stored = await storedText("case:1:notes", "notes");
    // The race was run: something was sent after the change was reported.
    expect(writers.some((writer) => writer.sentAfter.length > 0)).toBe(true);
    for (const writer of writers) for (const line of writer.sentAfter) expect(stored).not.toContain(line);
  });
});

describe("removal from a case", () => {
  test("a professional typing in the case notes when removed: nothing sent after the removal is stored", async () => {
    const emma = await open(cookies.education, "case:1:notes");
    const socket = await connectSocket(server.url, { cookie: cookies.education });
    sockets.push(socket);
    expect((await new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", "case:1", resolve))).ok).toBe(true);
    const removedFromRoom = new Promise((resolve) => socket.once("room:removed", resolve));
    const typist = keepTyping(emma, "notes", "emma");
    await new Promise((resolve) => setTimeout(resolve, 150));

    const removed = await server.post("/cases/1/team", { intent: "remove-member", userId: String(ids["emma.clarke"]), confirm: "yes" }, cookies.socialWorker);
    const typedBeforeDone = typist.typed();
    expect(removed.status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 200));
    typist.stop();
    await settle();

    const lines = await storedLines("case:1:notes", "notes", "emma");
    expect(lines.length).toBeGreaterThan(0);
    expect(Math.max(...lines)).toBeLessThanOrEqual(typedBeforeDone);
    expect(emma.closeCodes).toContain(4403);
    await removedFromRoom;
  });
});

describe("sign-out", () => {
  test("ends writing on that session's open pages before it is reported, and leaves the person's other sessions be", async () => {
    const signedIn = await server.signIn("police");
    const other = await server.signIn("police");
    const writer = await open(signedIn, "case:1:notes");
    const elsewhere = await open(other, "case:1:notes");
    const socket = await connectSocket(server.url, { cookie: signedIn });
    const otherSocket = await connectSocket(server.url, { cookie: other });
    sockets.push(socket, otherSocket);
    const ended = new Promise<string>((resolve) => socket.once("session:ended", resolve));
    const typist = keepTyping(writer, "notes", "alex");
    await new Promise((resolve) => setTimeout(resolve, 150));

    const signedOut = await server.post("/sign-out", {}, signedIn);
    const typedBeforeDone = typist.typed();
    expect(signedOut.status).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 200));
    typist.stop();
    await settle();

    expect(Math.max(...(await storedLines("case:1:notes", "notes", "alex")))).toBeLessThanOrEqual(typedBeforeDone);
    expect(writer.closeCodes).toContain(4401);
    // Told at once, not at the next re-check five seconds on.
    expect(await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve("not told"), 2_000))])).toMatch(/session has ended/);
    expect(otherSocket.connected).toBe(true);
    elsewhere.doc.getText("notes").insert(0, "Still here. ");
    await eventually(async () => expect(await storedText("case:1:notes", "notes")).toContain("Still here."));
    expect(elsewhere.closeCodes).toEqual([]);
  });
});
