// The collaboration server's limits on honest-looking writers, each on a portal of its own: a flood beyond the
// per-connection rate limit, and a document at its size limit (including updates Yjs would keep pending).
import * as prng from "lib0/prng";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually, synced, text } from "../support/collab-client";
import { isAuth, isAwareness, isSyncStep2, queryAwareness, syncStep1, syncStep2, syncUpdate, textUpdate } from "../support/raw-collab";
import { CASE_1, CASE_2, closeCode, KiB, pause, emptyUpdate, startHarness, type Harness } from "../support/collab-harness";
import { pendingUpdate } from "../support/collab-fuzz";

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
