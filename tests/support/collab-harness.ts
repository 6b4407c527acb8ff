// Hostile-input tests of the collaboration server (tests/integration/collab-bad-input*.test.ts): one portal with its
// people signed in and the raw sockets and stock providers a describe opens, the documents they aim at, the close
// codes the server answers with, and what the tests read back (changes from strangers, awareness entries, the heap).
import v8 from "node:v8";
import vm from "node:vm";
import { expect } from "vitest";
import * as Y from "yjs";
import { demoUser } from "../../db/seed";
import type { CollabOptions } from "../../server/collab/collab-server";
import { providerFor, type TestProvider } from "./collab-client";
import { clientIdsIn, isAwareness, isSyncStep2, openRawCollab, syncStep1, type AwarenessEntryIn, type RawCollabSocket, type RawHttpResponse } from "./raw-collab";
import { openForOversight } from "./oversight-access";
import { startTestServer, type TestServer } from "./test-server";

export const CASE_1 = "case:1:notes"; // Lily Marsh: police, health and education write; the partnership manager only reads
export const CASE_2 = "case:2:notes"; // Jayden Marsh: police, health and the GP write

export const closeCode = { badMessage: 4400, tooManyRefusedEdits: 4409, rateLimited: 4529, messageTooBig: 1009 } as const;

export type UserKey = "police" | "health" | "education" | "partnershipManager" | "gp";
export const userKeys: UserKey[] = ["police", "health", "education", "partnershipManager", "gp"];

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const KiB = 1024;
export const MiB = 1024 * 1024;
/** An update that changes nothing: no structs, no deletions (what a stock client answers when it has nothing new). */
export const emptyUpdate = () => Y.encodeStateAsUpdate(new Y.Doc());

// ---------------------------------------------------------------------------------------------------------------
// One portal with its people signed in, and the sockets and providers a describe opened (closed in afterAll).

export type Harness = {
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

export async function startHarness(collab: Partial<CollabOptions>, users: UserKey[]): Promise<Harness> {
  const server = await startTestServer({}, { collab });
  // Signing in runs the password hash: only the people this server's tests use.
  const cookies = {} as Record<UserKey, string>;
  for (const key of users) cookies[key] = await server.signIn(key);
  // The partnership manager, on no case, oversees Lily's and Jayden's having said why (decision 039).
  if (users.includes("partnershipManager")) for (const caseId of [1, 2]) await openForOversight(server, cookies.partnershipManager, caseId);
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
export function foreignChanges(observer: RawCollabSocket, honestIds: Set<number>, fromIndex: number): string[] {
  const problems: string[] = [];
  for (const message of observer.received.slice(fromIndex)) {
    if (message.type !== "sync-update" && message.type !== "sync-step2") continue;
    const { structs, deletes } = clientIdsIn(message.update);
    for (const id of structs) if (!honestIds.has(id)) problems.push(`${message.type} carrying structs of client ${id}`);
    for (const id of deletes) problems.push(`${message.type} deleting items of client ${id}`);
  }
  return problems;
}

export function awarenessEntriesFor(socket: RawCollabSocket, clientId: number, fromIndex = 0): AwarenessEntryIn[] {
  return socket.received
    .slice(fromIndex)
    .filter(isAwareness)
    .flatMap((message) => message.entries.filter((entry) => entry.clientId === clientId));
}

export function expectRefusal(response: RawHttpResponse, status: number, what: string): void {
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

export async function settledHeapUsed(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await pause(100);
    collectGarbage();
  }
  return process.memoryUsage().heapUsed;
}

/** The parts, one after another, in one array. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
