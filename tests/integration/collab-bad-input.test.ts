// Hostile input to the collaboration server (/collab/<document name>): refused upgrades, garbage, truncated varints,
// unknown message types, text frames, an update aimed at another document, read-only sockets that try to write,
// awareness that lies, oversized frames, a flood, a full document, 1,000 sockets dropped before the decision and
// 10,000 fuzzed updates. Throughout: the server stays up, nothing is applied or broadcast, memory returns to its
// baseline, and honest clients on the same document keep syncing (checked after every test of the main server).
import v8 from "node:v8";
import vm from "node:vm";
import * as prng from "lib0/prng";
import * as encoding from "lib0/encoding";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import * as Y from "yjs";
import { demoUser } from "../../db/seed";
import type { CollabOptions } from "../../server/collab/collab-server";
import { eventually, providerFor, synced, text, type TestProvider } from "../support/collab-client";
import {
  awarenessMessage,
  awarenessUpdate as awarenessUpdateBytes,
  build,
  clientIdsIn,
  isAuth,
  isAwareness,
  isSyncStep2,
  isUpdate,
  openAndDrop,
  openRawCollab,
  queryAwareness,
  rawUpgrade,
  syncStep1,
  syncStep2,
  syncUpdate,
  textUpdate,
  upgradeRequest,
  type AwarenessEntryIn,
  type DropKind,
  type RawCollabSocket,
  type RawHttpResponse,
} from "../support/raw-collab";
import { startTestServer, type TestServer } from "../support/test-server";

const CASE_1 = "case:1:notes"; // Lily Marsh: police, health and education write; the partnership manager only reads
const CASE_2 = "case:2:notes"; // Jayden Marsh: police, health and the GP write

const closeCode = { badMessage: 4400, tooManyRefusedEdits: 4409, rateLimited: 4529, messageTooBig: 1009 } as const;

type UserKey = "police" | "health" | "education" | "partnershipManager" | "gp";
const userKeys: UserKey[] = ["police", "health", "education", "partnershipManager", "gp"];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const KiB = 1024;
const MiB = 1024 * 1024;
/** An update that changes nothing: no structs, no deletions (what a stock client answers when it has nothing new). */
const emptyUpdate = () => Y.encodeStateAsUpdate(new Y.Doc());

// ---------------------------------------------------------------------------------------------------------------
// One portal with its people signed in, and the sockets and providers a describe opened (closed in afterAll).

type Harness = {
  server: TestServer;
  cookies: Record<UserKey, string>;
  userIds: Record<UserKey, number>;
  raw(document: string, user: UserKey, opts?: { origin?: string | null }): RawCollabSocket;
  provider(document: string, user: UserKey): TestProvider;
  /** The whole document as the server holds it (including anything it keeps pending): a fresh sync step 2. */
  serverState(document: string, user?: UserKey): Promise<Uint8Array>;
  auditCount(where: { user?: UserKey; action: string; outcome: string; caseId?: number }): Promise<number>;
  /** Closes every raw socket opened so far and waits until each has closed. */
  closeSockets(): Promise<void>;
  close(): Promise<void>;
};

async function startHarness(collab: Partial<CollabOptions>, users: UserKey[]): Promise<Harness> {
  const server = await startTestServer({}, { collab });
  // Signing in runs the password hash: only the people this server's tests use.
  const cookies = {} as Record<UserKey, string>;
  for (const key of users) cookies[key] = await server.signIn(key);
  const rows = await server.db.sql<{ id: string; email: string }[]>`select id, email from users`;
  const userIds = {} as Record<UserKey, number>;
  for (const key of userKeys) userIds[key] = Number(rows.find((row) => row.email === demoUser(key).email)!.id);
  const sockets: RawCollabSocket[] = [];
  const providers: TestProvider[] = [];
  const harness: Harness = {
    server,
    cookies,
    userIds,
    raw(document, user, opts = {}) {
      const socket = openRawCollab(server.url, document, { cookie: cookies[user], origin: opts.origin });
      sockets.push(socket);
      return socket;
    },
    provider(document, user) {
      const provider = providerFor(server.url, document, { cookie: cookies[user] });
      providers.push(provider);
      return provider;
    },
    async serverState(document, user = "police") {
      const socket = openRawCollab(server.url, document, { cookie: cookies[user] });
      await socket.opened;
      socket.send(syncStep1());
      const reply = await socket.waitFor(isSyncStep2);
      socket.close();
      await socket.closed;
      return reply.update;
    },
    async auditCount({ user, action, outcome, caseId }) {
      const userId = user ? userIds[user] : null;
      const [row] = await server.db.sql<{ count: number }[]>`
        select count(*)::int as count from audit_events
        where action = ${action} and outcome = ${outcome}
          and (${userId}::bigint is null or user_id = ${userId})
          and (${caseId ?? null}::bigint is null or case_id = ${caseId ?? null})`;
      return row.count;
    },
    async closeSockets() {
      const open = sockets.splice(0);
      for (const socket of open) socket.close();
      await Promise.all(open.map((socket) => socket.closed));
    },
    async close() {
      for (const socket of sockets) socket.close();
      for (const provider of providers) provider.destroy();
      await server.close();
    },
  };
  return harness;
}

/** Every document change an observer was sent since `fromIndex` that did not come from an honest writer. */
function foreignChanges(observer: RawCollabSocket, honestIds: Set<number>, fromIndex: number): string[] {
  const problems: string[] = [];
  for (const message of observer.received.slice(fromIndex)) {
    if (message.type !== "sync-update" && message.type !== "sync-step2") continue;
    const { structs, deletes } = clientIdsIn(message.update);
    for (const id of structs) if (!honestIds.has(id)) problems.push(`${message.type} carrying structs of client ${id}`);
    for (const id of deletes) problems.push(`${message.type} deleting items of client ${id}`);
  }
  return problems;
}

function awarenessEntriesFor(socket: RawCollabSocket, clientId: number, fromIndex = 0): AwarenessEntryIn[] {
  return socket.received
    .slice(fromIndex)
    .filter(isAwareness)
    .flatMap((message) => message.entries.filter((entry) => entry.clientId === clientId));
}

function expectRefusal(response: RawHttpResponse, status: number, what: string): void {
  expect(response.status, `${what}: status`).toBe(status);
  expect(response.bytes.toString("latin1"), `${what}: no 101`).not.toMatch(/HTTP\/1\.1 101/);
  expect(response.after.length, `${what}: bytes after the refusal (document bytes?)`).toBe(0);
}

/** A real collection: global.gc under --expose-gc, else V8's own exposed at run time; false if neither works. */
function collectGarbage(): boolean {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    try {
      v8.setFlagsFromString("--expose-gc");
      gc = vm.runInNewContext("gc") as () => void;
    } catch {
      return false;
    }
  }
  gc();
  return true;
}

async function settledHeapUsed(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await pause(100);
    collectGarbage();
  }
  return process.memoryUsage().heapUsed;
}

// ---------------------------------------------------------------------------------------------------------------
// The fuzzer: 10,000 update messages from a seeded generator, some well formed (a read-only socket may have none of
// them), some cut, flipped, spliced and mangled.

const FUZZ_SEED = 0x5eed_2026;

function randomEdits(gen: prng.PRNG, doc: Y.Doc): void {
  const ops = prng.int31(gen, 1, 4);
  for (let i = 0; i < ops; i++) {
    switch (prng.int31(gen, 0, 6)) {
      case 0:
        doc.getText("notes").insert(0, prng.utf16String(gen, 40));
        break;
      case 1:
        doc.getText("notes").insert(0, prng.word(gen, 1, 12), { bold: true, href: prng.word(gen) });
        break;
      case 2:
        doc
          .getMap(prng.oneOf(gen, ["meta", "settings"]))
          .set(
            prng.word(gen, 1, 8),
            prng.oneOf<unknown>(gen, [prng.real53(gen), prng.word(gen), null, [1, "two", { three: 3 }], true])
          );
        break;
      case 3:
        doc.getArray("items").insert(0, [prng.int31(gen, -1000, 1000), prng.utf16String(gen, 10)]);
        break;
      case 4: {
        const fragment = doc.getXmlFragment("prosemirror");
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(prng.word(gen, 1, 30))]);
        fragment.insert(0, [paragraph]);
        break;
      }
      case 5: {
        const nested = new Y.Map();
        doc.getMap("meta").set("nested", nested);
        nested.set("deep", new Y.Text(prng.word(gen)));
        break;
      }
      default: {
        const notes = doc.getText("notes");
        notes.insert(0, prng.word(gen, 5, 20));
        notes.delete(0, prng.int31(gen, 1, 4));
      }
    }
  }
}

function freshUpdate(gen: prng.PRNG, honestIds: Set<number>): Uint8Array {
  const doc = new Y.Doc();
  let clientId = prng.uint32(gen, 1, 0xffff_ffff);
  while (honestIds.has(clientId)) clientId += 1;
  doc.clientID = clientId;
  randomEdits(gen, doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * Edits against the honest document as it stands: deleting honest text, or inserting between honest items. One
 * attacker document is reused for 50 edits (its own earlier edits pile up, as a real attacker's would), then renewed.
 */
function honestEditor(gen: prng.PRNG, honestState: Uint8Array): (kind: "delete" | "insert") => Uint8Array {
  let doc: Y.Doc | null = null;
  let uses = 0;
  return (kind) => {
    if (!doc || uses++ % 50 === 0) {
      doc?.destroy();
      doc = new Y.Doc();
      doc.clientID = prng.uint32(gen, 1_000_000, 2_000_000_000);
      Y.applyUpdate(doc, honestState);
    }
    const before = Y.encodeStateVector(doc);
    const notes = doc.getText("notes");
    if (kind === "delete" && notes.length > 0) {
      const start = prng.int31(gen, 0, notes.length - 1);
      notes.delete(start, prng.int31(gen, 1, Math.min(40, notes.length - start)));
    } else {
      notes.insert(prng.int31(gen, 0, notes.length), prng.word(gen, 1, 20));
    }
    return Y.encodeStateAsUpdate(doc, before);
  };
}

/** An update whose structs depend on one the server never saw, which Yjs would keep pending. */
function pendingUpdate(gen: prng.PRNG, size = prng.int31(gen, 1, 200)): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = prng.uint32(gen, 1_000_000, 2_000_000_000);
  doc.getText("notes").insert(0, "x");
  const before = Y.encodeStateVector(doc);
  doc.getText("notes").insert(1, "p".repeat(size));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

function mutate(gen: prng.PRNG, input: Uint8Array): Uint8Array {
  let bytes: Uint8Array = input.slice();
  const count = prng.int31(gen, 1, 4);
  for (let i = 0; i < count && bytes.length > 0; i++) {
    const at = prng.int31(gen, 0, bytes.length - 1);
    switch (prng.int31(gen, 0, 6)) {
      case 0:
        bytes[at] ^= 1 << prng.int31(gen, 0, 7);
        break;
      case 1:
        bytes[at] = prng.oneOf(gen, [0x00, 0x7f, 0x80, 0xff, prng.int31(gen, 0, 255)]);
        break;
      case 2:
        bytes = bytes.slice(0, at);
        break;
      case 3:
        bytes = concat(bytes.slice(0, at), prng.uint8Array(gen, prng.int31(gen, 1, 16)), bytes.slice(at));
        break;
      case 4: {
        const end = prng.int31(gen, at, bytes.length);
        bytes = concat(bytes.slice(0, end), bytes.slice(at, end), bytes.slice(end));
        break;
      }
      case 5:
        // A varint far too big: a count, a clock or a length of about 2^50.
        bytes = concat(
          bytes.slice(0, at),
          new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]),
          bytes.slice(at + 1)
        );
        break;
      default:
        bytes = bytes.slice(prng.int31(gen, 1, Math.min(8, bytes.length)));
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function fuzzedMessage(
  gen: prng.PRNG,
  editOfHonest: (kind: "delete" | "insert") => Uint8Array,
  honestIds: Set<number>
): Uint8Array {
  const roll = prng.real53(gen);
  let update: Uint8Array;
  if (roll < 0.1) update = prng.uint8Array(gen, prng.int31(gen, 0, 64));
  else if (roll < 0.3) update = freshUpdate(gen, honestIds);
  else if (roll < 0.42) update = editOfHonest("delete");
  else if (roll < 0.52) update = editOfHonest("insert");
  else if (roll < 0.57) update = pendingUpdate(gen);
  else if (roll < 0.9) {
    const source = prng.oneOf(gen, [
      () => freshUpdate(gen, honestIds),
      () => editOfHonest("delete"),
      () => editOfHonest("insert"),
      () => pendingUpdate(gen),
    ]);
    update = mutate(gen, source());
  } else if (roll < 0.95) update = prng.bool(gen) ? emptyUpdate() : Y.mergeUpdates([]);
  else {
    // Framing that lies: the declared update length is wrong, or the message stops short.
    const inner = freshUpdate(gen, honestIds);
    const declared = Math.max(0, inner.length + prng.oneOf(gen, [-3, -1, 1, 5, 1 << 20]));
    const message = build((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, prng.bool(gen) ? 1 : 2);
      encoding.writeVarUint(e, declared);
      encoding.writeUint8Array(e, inner);
    });
    return prng.bool(gen) ? message : message.slice(0, prng.int31(gen, 1, message.length - 1));
  }
  return prng.real53(gen) < 0.7 ? syncUpdate(update) : syncStep2(update);
}

// ---------------------------------------------------------------------------------------------------------------

describe("the collaboration server under bad input", () => {
  let h: Harness;
  let police: TestProvider;
  let health: TestProvider;
  /** Education, a writer on case 1 that never writes: records every frame the server broadcasts. */
  let observer: RawCollabSocket;
  let honestIds: Set<number>;
  let expectedNotes = "";
  let roundTrips = 0;
  let observedFrom = 0;
  let baselineHeap = 0;
  let baselineConnections = 0;

  const stats = () => h.server.portal.collab.stats();
  const tcpConnections = () =>
    new Promise<number>((resolve, reject) =>
      h.server.portal.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count)))
    );

  /** Police types a marker at the end of the notes; health must see exactly the expected notes. Returns the ms taken. */
  async function honestRoundTrip(timeoutMs = 15_000): Promise<number> {
    const started = Date.now();
    const marker = `<${++roundTrips}>`;
    const notes = police.doc.getText("notes");
    notes.insert(notes.length, marker);
    expectedNotes += marker;
    await eventually(() => expect(text(health)).toBe(expectedNotes), timeoutMs);
    expect(text(police)).toBe(expectedNotes);
    return Date.now() - started;
  }

  /** Runs `work` while honest round trips go on; each must finish, and at least one must happen meanwhile. */
  async function withHonestTraffic<T>(
    work: () => Promise<T>
  ): Promise<{ result: T; roundTrips: number; slowestMs: number }> {
    let done = false;
    let count = 0;
    let slowestMs = 0;
    const traffic = (async () => {
      while (!done) {
        slowestMs = Math.max(slowestMs, await honestRoundTrip(30_000));
        count += 1;
        await pause(25);
      }
    })();
    try {
      const result = await work();
      return { result, roundTrips: count, slowestMs };
    } finally {
      done = true;
      await traffic;
    }
  }

  async function untilOnlyCaseOneLoaded(): Promise<void> {
    await eventually(() => expect(stats().documents).toBe(1), 10_000);
  }

  beforeAll(async () => {
    h = await startHarness({ unloadGraceMs: 200 }, userKeys);
    police = h.provider(CASE_1, "police");
    health = h.provider(CASE_1, "health");
    await Promise.all([synced(police), synced(health)]);
    observer = openRawCollab(h.server.url, CASE_1, { cookie: h.cookies.education });
    await observer.opened;
    honestIds = new Set([police.doc.clientID, health.doc.clientID]);
    // Carets, as the editor sets them: from clock 1 on, the server relays them.
    police.provider.awareness.setLocalStateField("cursor", null);
    health.provider.awareness.setLocalStateField("cursor", null);
    await eventually(() => expect(health.provider.awareness.getStates().has(police.doc.clientID)).toBe(true));
    expectedNotes = text(police);
    await honestRoundTrip();
    baselineConnections = stats().connections;
    baselineHeap = await settledHeapUsed();
  });
  afterAll(async () => {
    observer?.close();
    await h?.close();
  });

  beforeEach(() => {
    observedFrom = observer.received.length;
  });
  afterEach(async () => {
    await h.closeSockets();
    // The honest clients kept syncing, and nothing but their own changes reached the document or the observer.
    await honestRoundTrip();
    expect(foreignChanges(observer, honestIds, observedFrom)).toEqual([]);
    expect(observer.closeEvent).toBeNull();
    expect(police.closeCodes).toEqual([]);
    expect(health.closeCodes).toEqual([]);
  });

  describe("the upgrade is decided before anything of the document is sent", () => {
    test("no cookie, a made-up session or a signed-out session: 401, no 101, no document bytes", async () => {
      const origin = h.server.origin;
      const path = `/collab/${CASE_1}`;
      expectRefusal(await rawUpgrade(h.server.port, path, { Origin: origin }), 401, "no cookie");
      expectRefusal(
        await rawUpgrade(h.server.port, path, { Origin: origin, Cookie: "pp_session=made-up" }),
        401,
        "made-up token"
      );
      expectRefusal(
        await rawUpgrade(h.server.port, path, { Origin: origin, Cookie: `pp_session=${"A".repeat(43)}` }),
        401,
        "well-formed but unknown token"
      );
      const revoked = await h.server.signIn("police");
      const signOut = await h.server.post("/sign-out", {}, revoked);
      expect(signOut.status).toBe(302);
      expectRefusal(
        await rawUpgrade(h.server.port, path, { Origin: origin, Cookie: revoked }),
        401,
        "signed-out session"
      );
    });

    test("another site's Origin, or none: 403, even with a valid session", async () => {
      const path = `/collab/${CASE_1}`;
      const cookie = h.cookies.police;
      const port = h.server.port;
      expectRefusal(await rawUpgrade(port, path, { Cookie: cookie }), 403, "no Origin");
      for (const origin of [
        "https://evil.example",
        "null",
        `${h.server.origin}/`,
        `http://127.0.0.1:${port + 1}`,
        `http://localhost:${port}`,
      ])
        expectRefusal(await rawUpgrade(port, path, { Origin: origin, Cookie: cookie }), 403, `Origin ${origin}`);
    });

    test("a name of no known type: 404", async () => {
      const names = [
        "/collab/case:1:secrets",
        "/collab/../../etc",
        "/collab/../../etc/passwd",
        "/collab/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/collab/%E0%A4%A",
        "/collab/%ff%fe%00%",
        "/collab/case:1:notes/../../case:2:notes",
        "/collab/case:01:notes",
        "/collab/case:-1:notes",
        "/collab/CASE:1:NOTES",
        "/collab/",
        `/collab/${"x".repeat(5 * KiB)}`,
        `/collab/case:1:notes${"%41".repeat(1700)}`,
      ];
      for (const path of names)
        expectRefusal(
          await rawUpgrade(h.server.port, path, { Origin: h.server.origin, Cookie: h.cookies.police }),
          404,
          path.slice(0, 60)
        );
    });

    test("a name with a NUL byte in it: 404 (and the refusal audited without an error)", async () => {
      const before = await h.auditCount({ user: "police", action: "read:record", outcome: "denied" });
      expectRefusal(
        await rawUpgrade(h.server.port, "/collab/case%3A1%3Anotes%00", {
          Origin: h.server.origin,
          Cookie: h.cookies.police,
        }),
        404,
        "case:1:notes + NUL"
      );
      await eventually(
        async () =>
          expect(await h.auditCount({ user: "police", action: "read:record", outcome: "denied" })).toBe(before + 1),
        1500
      );
    });

    test("a case that does not exist: 404", async () => {
      for (const name of ["case:999999:notes", "case:999999999999999:notes"])
        expectRefusal(
          await rawUpgrade(h.server.port, `/collab/${name}`, { Origin: h.server.origin, Cookie: h.cookies.police }),
          404,
          name
        );
    });

    test("a person not on the case (the GP on case 1): 404, and the refusal is audited", async () => {
      const before = await h.auditCount({ user: "gp", action: "read:record", outcome: "denied", caseId: 1 });
      expectRefusal(
        await rawUpgrade(h.server.port, `/collab/${CASE_1}`, { Origin: h.server.origin, Cookie: h.cookies.gp }),
        404,
        "gp on case 1"
      );
      await eventually(async () =>
        expect(await h.auditCount({ user: "gp", action: "read:record", outcome: "denied", caseId: 1 })).toBe(before + 1)
      );
      // The same person, same session, on the case they are on: let in.
      const own = h.raw(CASE_2, "gp");
      await own.opened;
      own.close();
      await own.closed;
    });
  });

  describe("frames that are not the protocol close the socket (4400) and change nothing", () => {
    const malformed: [string, number[] | Uint8Array][] = [
      ["an empty frame", []],
      ["a truncated message-type varint", [0x80]],
      ["a message-type varint beyond 2^53", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
      ["a truncated sync-kind varint", [0x00, 0x80]],
      ["a truncated update-length varint", [0x00, 0x02, 0xff, 0xff]],
      ["an update shorter than its declared length", [0x00, 0x02, 0x0a, 0x01, 0x02]],
      ["a sync step 2 with no update at all", [0x00, 0x01]],
      ["a truncated state vector", [0x00, 0x00, 0x05, 0x01]],
      ["a state vector that does not decode", [0x00, 0x00, 0x03, 0x05, 0xff, 0xff]],
      ["an update that does not decode", syncUpdate(new Uint8Array([0x05, 0xff, 0xff, 0xff]))],
      ["a truncated awareness payload", [0x01, 0x90, 0x01, 0x01]],
      ["awareness JSON that does not parse", awarenessMessage([{ clientId: 70_001, clock: 1, json: "{not json" }])],
      ["unknown message type 2 (auth) from a client", [0x02, 0x00, 0x03, 0x61, 0x62, 0x63]],
      ["unknown message type 4", [0x04]],
      ["unknown message type 127", [0x7f, 0x01, 0x02, 0x03]],
      ["unknown message type 128 (a two-byte varint)", [0x80, 0x01]],
      ["unknown message type 2^32-1", [0xff, 0xff, 0xff, 0xff, 0x0f]],
      ["unknown sync kind 3", [0x00, 0x03, 0x00]],
      ["unknown sync kind 99", [0x00, 0x63, 0x02, 0x00, 0x00]],
    ];

    test.each(malformed)("%s", async (_what, bytes) => {
      const socket = h.raw(CASE_1, "police");
      await socket.opened;
      socket.send(Uint8Array.from(bytes));
      expect((await socket.waitClosed()).code).toBe(closeCode.badMessage);
    });

    test("a writer's update whose content decodes but whose delete set is cut short is refused whole, not half-applied", async () => {
      const watcher = h.raw(CASE_2, "health");
      await watcher.opened;
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      const good = textUpdate("HALF-APPLIED", { clientId: 4343, field: "probe-half" });
      expect(good.at(-1)).toBe(0); // the update ends with its delete set: no clients
      const cut = concat(good.subarray(0, good.length - 1), new Uint8Array([0x05, 0xff])); // five clients, then nothing
      const from = watcher.received.length;
      writer.send(syncUpdate(cut));
      expect((await writer.waitClosed()).code).toBe(closeCode.badMessage);
      await pause(200);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await h.serverState(CASE_2));
      expect({
        broadcast: watcher.received.slice(from).filter(isUpdate).length,
        applied: doc.getText("probe-half").toString(),
      }).toEqual({
        broadcast: 0,
        applied: "",
      });
    });

    test("40 frames of seeded random garbage, each on its own socket", async () => {
      const gen = prng.create(0x6a7ba6e);
      for (let i = 0; i < 40; i++) {
        const garbage = prng.uint8Array(gen, prng.int31(gen, 1, 512));
        // A garbage frame that happens to start with "query awareness" (3) is a question, not garbage.
        if (garbage[0] === 3) garbage[0] = 0xfe;
        const socket = h.raw(CASE_1, "police");
        await socket.opened;
        socket.send(garbage);
        expect(
          (await socket.waitClosed()).code,
          `garbage #${i}: ${Buffer.from(garbage.slice(0, 16)).toString("hex")}`
        ).toBe(closeCode.badMessage);
      }
    });

    test("text (non-binary) frames, even ones that spell a valid message, are closed unanswered", async () => {
      const asText = (bytes: Uint8Array) => String.fromCharCode(...bytes);
      for (const [what, frame] of [
        ["plain text", "hello"],
        ["query awareness as text", asText(queryAwareness())],
        ["sync step 1 as text", asText(syncStep1())],
      ] as const) {
        const socket = h.raw(CASE_1, "police");
        await socket.opened;
        const from = socket.received.length;
        socket.send(frame);
        expect((await socket.waitClosed()).code, what).toBe(closeCode.badMessage);
        expect(
          socket.received.slice(from).map((message) => message.type),
          `${what}: answered`
        ).toEqual([]);
      }
    });

    test("a text frame sent the moment the socket opens, while the document is still loading, is closed unanswered and not applied", async () => {
      await untilOnlyCaseOneLoaded(); // case 2 is not loaded: the server queues what arrives while it loads
      const update = textUpdate("TEXT-FRAME", { clientId: 77, field: "probe-text" });
      expect(update.every((byte) => byte < 0x80)).toBe(true); // so it survives as a UTF-8 text frame byte for byte
      const socket = h.raw(CASE_2, "police");
      socket.ws.once("open", () => {
        socket.send(String.fromCharCode(...syncUpdate(update)));
        socket.send(String.fromCharCode(...syncStep1()));
      });
      const closed = await socket.waitClosed(1500).catch((error: Error) => error.message);
      const state = await h.serverState(CASE_2);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      expect({
        closed,
        answeredWithSyncStep2: socket.received.some(isSyncStep2),
        applied: doc.getText("probe-text").toString(),
      }).toEqual({
        closed: { code: closeCode.badMessage, reason: expect.any(String) },
        answeredWithSyncStep2: false,
        applied: "",
      });
    });
  });

  describe("a socket the server has closed is served no further", () => {
    test("an edit pipelined right behind garbage, on the socket being closed for it, is not applied or broadcast", async () => {
      const watcher = h.raw(CASE_2, "health");
      await watcher.opened;
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      const from = watcher.received.length;
      writer.send(new Uint8Array([0x80])); // a truncated varint: the server closes this socket...
      writer.send(syncUpdate(textUpdate("PIPELINED-AFTER-GARBAGE", { clientId: 4242, field: "probe-pipelined" }))); // ...and this?
      expect((await writer.waitClosed()).code).toBe(closeCode.badMessage);
      await pause(300);
      const broadcast = watcher.received.slice(from).filter(isUpdate).length;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await h.serverState(CASE_2));
      expect({ broadcast, applied: doc.getText("probe-pipelined").toString() }).toEqual({ broadcast: 0, applied: "" });
    });

    test("a read-only socket sending 10 edits at once is closed after 3: the rest are not processed (or audited)", async () => {
      const before = await h.auditCount({ user: "partnershipManager", action: "write:record", outcome: "denied" });
      const reader = h.raw(CASE_1, "partnershipManager");
      await reader.opened;
      for (let i = 0; i < 10; i++) reader.send(syncUpdate(textUpdate(`RO-BURST-${i}`, { clientId: 5000 + i })));
      expect((await reader.waitClosed()).code).toBe(closeCode.tooManyRefusedEdits);
      await pause(300);
      expect(await h.auditCount({ user: "partnershipManager", action: "write:record", outcome: "denied" })).toBe(
        before + 3
      );
    });
  });

  describe("an update for another document", () => {
    test("a message naming another document (as other Yjs servers frame it) is not understood: closed, nothing applied", async () => {
      const gp = h.raw(CASE_2, "gp"); // the GP may write case 2 and may not see case 1
      await gp.opened;
      const aimed = build((e) => {
        encoding.writeVarString(e, CASE_1);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, textUpdate("GP-INTO-CASE-1", { clientId: 6001 }));
      });
      gp.send(aimed);
      expect((await gp.waitClosed()).code).toBe(closeCode.badMessage);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await h.serverState(CASE_2));
      expect(doc.getText("notes").toString()).not.toContain("GP-INTO-CASE-1");
    });

    test("an update sent on case 2's socket goes to case 2 only, never to case 1", async () => {
      const watcher2 = h.raw(CASE_2, "health");
      await watcher2.opened;
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      const from = watcher2.received.length;
      writer.send(syncUpdate(textUpdate("FOR-CASE-2", { clientId: 6002 })));
      const arrived = await watcher2.waitFor(isUpdate, { fromIndex: from });
      expect(clientIdsIn(arrived.update).structs).toEqual(new Set([6002]));
      await pause(200);
      // The case 1 observer saw nothing of it (checked in afterEach), and the case 1 document has no client 6002.
      expect(clientIdsIn(await h.serverState(CASE_1)).structs.has(6002)).toBe(false);
      writer.close();
      watcher2.close();
    });
  });

  describe("a read-only socket (the partnership manager)", () => {
    test("edits refused, audited, never broadcast or stored; closed after 3; still receives live updates; its caret is relayed, stamped", async () => {
      const audited = () =>
        h.auditCount({ user: "partnershipManager", action: "write:record", outcome: "denied", caseId: 1 });
      const before = await audited();
      const reader = h.raw(CASE_1, "partnershipManager");
      await reader.opened;
      expect((await reader.waitFor(isAuth)).reason).toMatch(/^read-only:/);

      // What a stock client answers to the server's sync step 1 when it has nothing: not an edit, not refused.
      reader.send(syncStep2(emptyUpdate()));
      // 1: an edit as sync step 2.
      reader.send(syncStep2(textUpdate("RO-STEP-2", { clientId: 9001 })));
      await eventually(async () => expect(await audited()).toBe(before + 1));

      // It still receives what writers type.
      const beforeLive = reader.received.length;
      await honestRoundTrip();
      const live = await reader.waitFor(isUpdate, { fromIndex: beforeLive });
      expect(clientIdsIn(live.update).structs).toEqual(new Set([police.doc.clientID]));

      // Its caret is accepted and relayed, with the server's account of who it is.
      const awarenessFrom = observer.received.length;
      reader.send(
        awarenessMessage([
          {
            clientId: 9100,
            clock: 1,
            state: { user: { name: "Chief Constable", userId: 1 }, cursor: { anchor: 3, head: 5 } },
          },
        ])
      );
      await eventually(() => expect(awarenessEntriesFor(observer, 9100, awarenessFrom).length).toBeGreaterThan(0));
      const [relayed] = awarenessEntriesFor(observer, 9100, awarenessFrom);
      expect(relayed.state).toEqual({
        cursor: { anchor: 3, head: 5 },
        user: {
          name: "Marion Fields (Sandmere Safeguarding Children Partnership)",
          agency: "Sandmere Safeguarding Children Partnership",
          color: "#d4351c",
          userId: h.userIds.partnershipManager,
        },
      });
      await eventually(() =>
        expect(
          (health.provider.awareness.getStates().get(9100) as { user?: { name?: string } } | undefined)?.user?.name
        ).toBe("Marion Fields (Sandmere Safeguarding Children Partnership)")
      );

      // 2: an edit as an update.
      reader.send(syncUpdate(textUpdate("RO-UPDATE", { clientId: 9002 })));
      await eventually(async () => expect(await audited()).toBe(before + 2));
      expect(reader.closeEvent).toBeNull();

      // 3: a deletion of honest text. Then the socket goes.
      const honest = new Y.Doc();
      Y.applyUpdate(honest, await h.serverState(CASE_1));
      const stateVector = Y.encodeStateVector(honest);
      honest.getText("notes").delete(0, honest.getText("notes").length);
      reader.send(syncUpdate(Y.encodeStateAsUpdate(honest, stateVector)));
      expect((await reader.waitClosed()).code).toBe(closeCode.tooManyRefusedEdits);
      await eventually(async () => expect(await audited()).toBe(before + 3));

      // Its caret goes with it.
      await eventually(() => expect(awarenessEntriesFor(observer, 9100, awarenessFrom).at(-1)?.state).toBeNull());
      await eventually(() => expect(health.provider.awareness.getStates().has(9100)).toBe(false));

      // Never applied, never stored.
      await h.server.portal.collab.flush();
      const [stored] = await h.server.db.sql<{ count: number }[]>`
        select count(*)::int as count from collab_updates where user_id = ${h.userIds.partnershipManager}`;
      expect(stored.count).toBe(0);
      const { structs, deletes } = clientIdsIn(await h.serverState(CASE_1));
      expect([...structs].filter((id) => !honestIds.has(id))).toEqual([]);
      expect([...deletes]).toEqual([]);
    });

    test("the stock client as a read-only person syncs, is told it is read-only, and sees live edits", async () => {
      const reader = h.provider(CASE_1, "partnershipManager");
      await synced(reader);
      expect(text(reader)).toBe(expectedNotes);
      await eventually(() => expect(reader.notices.some((notice) => notice.startsWith("read-only:"))).toBe(true));
      await honestRoundTrip();
      await eventually(() => expect(text(reader)).toBe(expectedNotes));
      reader.destroy();
    });
  });

  describe("awareness", () => {
    /**
     * Sends an accepted awareness change for the socket's own fresh client id and waits until the observer has it:
     * the server handles one socket's messages in order, so whatever the socket sent before has been dealt with.
     */
    async function fence(socket: RawCollabSocket, clientId: number): Promise<void> {
      const from = observer.received.length;
      socket.send(awarenessMessage([{ clientId, clock: 1, state: { fence: true } }]));
      await eventually(() => expect(awarenessEntriesFor(observer, clientId, from).length).toBeGreaterThan(0));
    }

    test("the user a client claims to be is replaced by the server's", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      client.send(
        awarenessMessage([
          {
            clientId: 71_001,
            clock: 1,
            state: {
              user: { name: "Alex Morgan (Kestrel Vale Police)", userId: h.userIds.police, color: "#000" },
              cursor: null,
            },
          },
        ])
      );
      await eventually(() => expect(awarenessEntriesFor(observer, 71_001, from).length).toBeGreaterThan(0));
      expect(awarenessEntriesFor(observer, 71_001, from)[0].state).toEqual({
        cursor: null,
        user: {
          name: "Emma Clarke (Larkfield Primary School)",
          agency: "Larkfield Primary School",
          color: "#b58840",
          userId: h.userIds.education,
        },
      });
      await eventually(() =>
        expect(
          (health.provider.awareness.getStates().get(71_001) as { user?: { name?: string } } | undefined)?.user?.name
        ).toBe("Emma Clarke (Larkfield Primary School)")
      );
    });

    test("a state claiming another connection's client id is not applied or relayed", async () => {
      const victim = police.doc.clientID;
      await eventually(() => expect(health.provider.awareness.getStates().has(victim)).toBe(true));
      const attacker = h.raw(CASE_1, "health");
      await attacker.opened;
      const from = observer.received.length;
      attacker.send(awarenessMessage([{ clientId: victim, clock: 1_000_000, state: { cursor: "HIJACKED" } }]));
      attacker.send(awarenessMessage([{ clientId: victim, clock: 1_000_001, state: null }])); // "police has left"
      await fence(attacker, 71_002);
      // Police's own renewals may pass meanwhile; nothing else about police's client may.
      const relayed = awarenessEntriesFor(observer, victim, from).map((entry) => ({
        gone: entry.state === null,
        cursor: entry.state?.cursor,
        name: (entry.state?.user as { name?: string } | undefined)?.name,
      }));
      expect(
        relayed.filter(
          (entry) => entry.gone || entry.cursor === "HIJACKED" || entry.name !== "Alex Morgan (Kestrel Vale Police)"
        )
      ).toEqual([]);
      const seen = health.provider.awareness.getStates().get(victim) as
        | { cursor?: unknown; user?: { name?: string } }
        | undefined;
      expect(seen?.cursor).not.toBe("HIJACKED");
      expect(seen?.user?.name).toBe("Alex Morgan (Kestrel Vale Police)");
    });

    test("an awareness update with bytes after its last entry is not applied or relayed", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      const update = concat(
        awarenessUpdateBytes([{ clientId: 72_003, clock: 1, state: { cursor: 1 } }]),
        new Uint8Array([0x09])
      );
      client.send(
        build((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, update);
        })
      );
      await fence(client, 72_004);
      expect(awarenessEntriesFor(observer, 72_003, from)).toEqual([]);
    });

    test("a state over 4 KB is not applied or relayed", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      client.send(awarenessMessage([{ clientId: 72_001, clock: 1, state: { blob: "a".repeat(5000) } }]));
      await fence(client, 72_005);
      expect(awarenessEntriesFor(observer, 72_001, from)).toEqual([]);
    });

    test("a state over 4 KB of UTF-8 is not relayed either, even when it is under 4,096 UTF-16 code units", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      const state = { blob: "€".repeat(2000) }; // 2,012 characters of JSON, 6,012 bytes
      expect(Buffer.byteLength(JSON.stringify(state))).toBeGreaterThan(4 * KiB);
      client.send(awarenessMessage([{ clientId: 72_002, clock: 1, state }]));
      await fence(client, 72_006);
      expect(
        awarenessEntriesFor(observer, 72_002, from).map(
          (entry) => `${Buffer.byteLength(JSON.stringify(entry.state))} bytes relayed`
        )
      ).toEqual([]);
    });

    test("a client's state is removed for everyone when its socket closes", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      client.send(awarenessMessage([{ clientId: 73_001, clock: 1, state: { cursor: { anchor: 1, head: 1 } } }]));
      await eventually(() => expect(health.provider.awareness.getStates().has(73_001)).toBe(true));
      client.close();
      await client.closed;
      await eventually(() => expect(awarenessEntriesFor(observer, 73_001, from).at(-1)?.state).toBeNull());
      await eventually(() => expect(health.provider.awareness.getStates().has(73_001)).toBe(false));
    });
  });

  describe("oversized frames", () => {
    test("a 9 MiB frame closes that socket (1009); the server stays up and honest clients keep syncing", async () => {
      const socket = h.raw(CASE_1, "police");
      await socket.opened;
      socket.send(syncUpdate(new Uint8Array(9 * MiB)));
      expect((await socket.waitClosed(15_000)).code).toBe(closeCode.messageTooBig);
      await eventually(() => expect(stats().connections).toBe(baselineConnections));
    });

    test("a 10 MiB message in two 5 MiB fragments closes that socket (1009) too", async () => {
      const socket = h.raw(CASE_1, "police");
      await socket.opened;
      const message = syncUpdate(new Uint8Array(10 * MiB));
      socket.ws.send(message.subarray(0, 5 * MiB), { binary: true, fin: false });
      socket.ws.send(message.subarray(5 * MiB), { binary: true, fin: true });
      expect((await socket.waitClosed(15_000)).code).toBe(closeCode.messageTooBig);
    });
  });

  describe("load: dropped sockets and fuzzed updates", () => {
    test("1,000 sockets opened and dropped before the decision leave nothing behind", async () => {
      await pause(200);
      const tcpBefore = await tcpConnections();
      const request = upgradeRequest(h.server.port, `/collab/${CASE_1}`, {
        Origin: h.server.origin,
        Cookie: h.cookies.police,
      });
      const kinds: DropKind[] = ["connect-only", "partial-request", "request-then-fin", "request-then-reset"];
      const { roundTrips: during } = await withHonestTraffic(async () => {
        for (let start = 0; start < 1000; start += 100)
          await Promise.all(
            Array.from({ length: 100 }, (_, i) =>
              openAndDrop(h.server.port, kinds[(start + i) % kinds.length], request)
            )
          );
      });
      // Honest editing went on throughout: every round trip arrived (a starved one fails the traffic), one at least.
      expect(during).toBeGreaterThan(0);
      await eventually(async () => {
        expect(stats().connections).toBe(baselineConnections);
        expect(await tcpConnections()).toBeLessThanOrEqual(tcpBefore);
      }, 10_000);
    });

    test("10,000 fuzzed updates from read-only sockets: the server survives and applies, broadcasts and stores none", async () => {
      const honestState = await h.serverState(CASE_1);
      const gen = prng.create(FUZZ_SEED);
      const editOfHonest = honestEditor(gen, honestState);
      const messages = Array.from({ length: 10_000 }, () => fuzzedMessage(gen, editOfHonest, honestIds));
      const perSocket = 25;
      const parallel = 40;
      const closes = new Map<number, number>();
      let answeredFences = 0;
      const { roundTrips: during } = await withHonestTraffic(async () => {
        for (let start = 0; start < messages.length; start += perSocket * parallel) {
          await Promise.all(
            Array.from({ length: parallel }, async (_, k) => {
              const batch = messages.slice(start + k * perSocket, start + (k + 1) * perSocket);
              if (batch.length === 0) return;
              const socket = openRawCollab(h.server.url, CASE_1, { cookie: h.cookies.partnershipManager });
              await socket.opened;
              const from = socket.received.length;
              for (const message of batch) socket.send(message);
              socket.send(queryAwareness()); // answered only if the socket is still open after the batch
              const outcome = await Promise.race([
                socket.closed.then((event) => event.code),
                socket.waitFor(isAwareness, { fromIndex: from, timeoutMs: 15_000 }).then(
                  () => 0,
                  () => -1
                ),
              ]);
              if (outcome === 0) answeredFences += 1;
              socket.close();
              const { code } = await socket.closed;
              closes.set(outcome === 0 ? 0 : code, (closes.get(outcome === 0 ? 0 : code) ?? 0) + 1);
            })
          );
        }
      });
      // Honest editing went on throughout: every round trip arrived (a starved one fails the traffic), one at least.
      expect(during).toBeGreaterThan(0);
      // Every socket ended as the server means it to: refused edits, a malformed message, or still open and answering.
      expect(
        [...closes.keys()].filter((code) => ![0, closeCode.badMessage, closeCode.tooManyRefusedEdits].includes(code))
      ).toEqual([]);
      expect(
        answeredFences + [...closes.entries()].filter(([code]) => code !== 0).reduce((sum, [, n]) => sum + n, 0)
      ).toBe(10_000 / perSocket);

      await h.server.portal.collab.flush();
      const [stored] = await h.server.db.sql<{ count: number }[]>`
        select count(*)::int as count from collab_updates where user_id = ${h.userIds.partnershipManager}`;
      expect(stored.count).toBe(0);
      const { structs, deletes } = clientIdsIn(await h.serverState(CASE_1));
      expect([...structs].filter((id) => !honestIds.has(id))).toEqual([]);
      expect([...deletes]).toEqual([]);
      await eventually(() => expect(stats().connections).toBe(baselineConnections), 10_000);
    }, 60_000);

    test("a reader that stops reading cannot make the server queue copy after copy of the document for it", async () => {
      // A 1 MiB document (case 2); then a read-only reader asks for all of it 48 times while not reading its socket.
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      writer.send(syncUpdate(textUpdate("z".repeat(MiB), { clientId: 8800, field: "bulk" })));
      writer.send(syncStep1());
      expect((await writer.waitFor(isSyncStep2)).update.byteLength).toBeGreaterThan(MiB);
      const reader = h.raw(CASE_2, "partnershipManager");
      await reader.opened;
      await reader.waitFor(isAuth);
      const socket = (reader.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      socket.pause();
      for (let i = 0; i < 48; i++) reader.send(syncStep1());
      await pause(1000); // the server answers into its send buffer meanwhile
      socket.resume();
      // Whatever comes now was held in memory for this one socket (beyond a few MiB of kernel buffers).
      await eventually(
        () => expect(reader.closeEvent !== null || reader.received.filter(isSyncStep2).length >= 48).toBe(true),
        5000
      ).catch(() => {});
      await pause(200);
      const queuedMiB =
        reader.received.filter(isSyncStep2).reduce((sum, message) => sum + message.update.byteLength, 0) / MiB;
      // Bounded by twice the largest frame the server accepts from a client (8 MiB).
      expect(
        Math.round(queuedMiB),
        "MiB of document copies the server queued for one socket that was not reading"
      ).toBeLessThanOrEqual(16);
    });

    test("afterwards memory is back to its baseline and no connection or document is left behind", async () => {
      await eventually(() => expect(stats()).toEqual({ documents: 1, connections: baselineConnections }), 10_000);
      // Garbage is collected when the engine pleases: the heap must come back, given time, not at one instant.
      await eventually(async () => {
        const heap = await settledHeapUsed();
        expect((heap - baselineHeap) / MiB).toBeLessThan(50);
      }, 30_000);
    });
  });
});

describe("a flood beyond the per-connection rate limit", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimit: { perSecond: 50, burst: 100 }, unloadGraceMs: 200 }, [
      "police",
      "health",
      "education",
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  test("closes the flooding socket (4529) while an honest typist, under the limit, keeps syncing", async () => {
    const police = h.provider(CASE_1, "police");
    const health = h.provider(CASE_1, "health");
    await Promise.all([synced(police), synced(health)]);
    const flooder = h.raw(CASE_1, "education");
    await flooder.opened;

    const typing = (async () => {
      for (let i = 0; i < 25; i++) {
        const notes = police.doc.getText("notes");
        notes.insert(notes.length, `(${i})`);
        await pause(40);
      }
    })();
    for (let i = 0; i < 500; i++) flooder.send(syncUpdate(emptyUpdate()));
    expect((await flooder.waitClosed()).code).toBe(closeCode.rateLimited);
    await typing;
    await eventually(() => expect(text(health)).toBe(text(police)));
    expect(text(health)).toContain("(24)");
    expect(police.closeCodes).toEqual([]);
    expect(health.closeCodes).toEqual([]);

    // The limit is per connection: the same person on a new socket is served.
    const again = h.raw(CASE_1, "education");
    await again.opened;
    again.send(queryAwareness());
    await again.waitFor(isAwareness);
    again.close();
  });
});

describe("a document at its size limit (64 KiB)", () => {
  let h: Harness;
  const limit = 64 * KiB;
  beforeAll(async () => {
    h = await startHarness({ maxDocumentBytes: limit, unloadGraceMs: 200 }, ["police", "health"]);
  });
  afterAll(async () => {
    await h?.close();
  });

  test("writing past it: further growth refused, the writer is told 'document-full:', the document does not grow", async () => {
    const police = h.provider(CASE_1, "police");
    const health = h.provider(CASE_1, "health");
    await Promise.all([synced(police), synced(health)]);
    const chunk = (i: number) => `[${i}]${"x".repeat(8 * KiB)}`;
    let written = 0;
    for (; written < 16 && police.notices.length === 0; written++) {
      const notes = police.doc.getText("notes");
      notes.insert(notes.length, chunk(written));
      await eventually(() => {
        if (police.notices.length === 0) expect(text(health)).toBe(text(police));
      });
    }
    expect(police.notices.length).toBeGreaterThan(0);
    expect(police.notices[0]).toMatch(/^document-full:/);

    const sizeAtFull = (await h.serverState(CASE_1)).byteLength;
    const healthAtFull = text(health);
    expect(sizeAtFull).toBeLessThanOrEqual(limit);
    expect(healthAtFull).not.toContain(`[${written - 1}]`);

    // More writing, by the stock client and as a raw sync step 2, changes nothing.
    const notes = police.doc.getText("notes");
    notes.insert(notes.length, "MORE");
    const raw = h.raw(CASE_1, "health");
    await raw.opened;
    raw.send(syncStep2(textUpdate("y".repeat(4 * KiB), { clientId: 12_345 })));
    const notice = await raw.waitFor(isAuth);
    expect(notice.reason).toMatch(/^document-full:/);
    await pause(300);
    expect(text(health)).toBe(healthAtFull);
    expect((await h.serverState(CASE_1)).byteLength).toBe(sizeAtFull);

    await h.server.portal.collab.flush();
    const [stored] = await h.server.db.sql<{ bytes: number }[]>`
      select coalesce(sum(octet_length(update)), 0)::int as bytes from collab_updates where document = ${CASE_1}`;
    expect(stored.bytes).toBeLessThanOrEqual(limit);
    raw.close();
  });

  test("updates whose dependencies are missing (kept pending by Yjs) cannot grow the document past the limit either", async () => {
    const writer = h.raw(CASE_2, "police");
    await writer.opened;
    const gen = prng.create(1);
    for (let i = 0; i < 10; i++) writer.send(syncUpdate(pendingUpdate(gen, 10 * KiB)));
    // Wait until the server has dealt with all ten: its answer to a sync step 1 after them, or the socket closing.
    writer.send(syncStep1());
    await writer.waitFor(isSyncStep2).catch(() => writer.closed);
    const served = await h.serverState(CASE_2);
    expect(served.byteLength, "bytes of case 2 served to a newcomer").toBeLessThanOrEqual(limit);
  });
});
