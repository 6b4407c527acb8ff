// The portal the main hostile-input tests of the collaboration server run against (the describe "the collaboration
// server under bad input", spread over tests/integration/collab-bad-input*.test.ts): police and health edit Lily's
// notes with stock providers while education's raw socket records every frame the server broadcasts. After every
// test the honest clients must still sync, and nothing but their own changes may have reached the document.
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { eventually, synced, text, type TestProvider } from "./collab-client";
import { CASE_1, foreignChanges, pause, settledHeapUsed, startHarness, userKeys, type Harness } from "./collab-harness";
import { clientIdsIn, openRawCollab, type RawCollabSocket } from "./raw-collab";

export let h: Harness;
export let police: TestProvider;
export let health: TestProvider;
/** Education, a writer on case 1 that never writes: records every frame the server broadcasts. */
export let observer: RawCollabSocket;
export let honestIds: Set<number>;
export let expectedNotes = "";
let roundTrips = 0;
let observedFrom = 0;
export let baselineHeap = 0;
export let baselineConnections = 0;

export const stats = () => h.server.portal.collab.stats();
export const tcpConnections = () =>
  new Promise<number>((resolve, reject) =>
    h.server.portal.httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count)))
  );

/** Police types a marker at the end of the notes; health must see exactly the expected notes. Returns the ms taken. */
export async function honestRoundTrip(timeoutMs = 15_000): Promise<number> {
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
export async function withHonestTraffic<T>(
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

export async function untilOnlyCaseOneLoaded(): Promise<void> {
  await eventually(() => expect(stats().documents).toBe(1), 10_000);
}

/**
 * Starts the portal and its honest editors for the describe that calls this (inside it, before its tests), checks
 * after each of its tests that honest editing went on untouched, and stops everything after the last.
 */
export function useHonestEditing(): void {
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
}

/** Nothing the reader (the partnership manager) sent was stored, and Lily's notes hold only the honest editors' content. */
export async function expectNothingFromTheReader(): Promise<void> {
  await h.server.portal.collab.flush();
  const [stored] = await h.server.db.sql<{ count: number }[]>`
    select count(*)::int as count from collab_updates where user_id = ${h.userIds.partnershipManager}`;
  expect(stored.count).toBe(0);
  const { structs, deletes } = clientIdsIn(await h.serverState(CASE_1));
  expect([...structs].filter((id) => !honestIds.has(id))).toEqual([]);
  expect([...deletes]).toEqual([]);
}
