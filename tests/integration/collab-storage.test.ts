// How the collaboration log is kept: batched, snapshotted, merged to one row per person per minute, and loaded back.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadDocument } from "../../server/collab/persistence";
import { eventually, providerFor, synced, text, type TestProvider } from "../support/collab-client";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const clients: TestProvider[] = [];
beforeAll(async () => {
  server = await startTestServer({}, { collab: { snapshotEvery: 10, unloadGraceMs: 100, flushDelayMs: 50 } });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
});

const rowsOf = (document: string) =>
  server.db.sql<{ seq: string; userId: string; changes: number; bytes: number; firstAt: Date; lastAt: Date }[]>`
    select seq, user_id as "userId", changes, octet_length(update) as bytes, first_at as "firstAt", last_at as "lastAt"
    from collab_updates where document = ${document} order by seq`;

describe("the collaboration log", () => {
  test("keeps every change attributed, snapshots as the tail grows, and merges to one row per person per minute", async () => {
    const police = providerFor(server.url, "case:1:notes", { cookie: await server.signIn("police") });
    const health = providerFor(server.url, "case:1:notes", { cookie: await server.signIn("health") });
    clients.push(police, health);
    await Promise.all([synced(police), synced(health)]);
    // Each minute, police types a run of words, then health does: runs of one person's consecutive changes.
    for (let minute = 0; minute < 3; minute++) {
      for (const [client, who] of [[police, "P"], [health, "H"]] as const) {
        for (let keystroke = 0; keystroke < 15; keystroke++) {
          const notes = client.doc.getText("notes");
          const word = `${who}${minute}.${keystroke} `;
          notes.insert(notes.length, word);
          const other = client === police ? health : police;
          await eventually(() => expect(text(other)).toContain(word)); // the server has it
          await server.portal.collab.flush();
        }
      }
      server.clock.advanceMinutes(1);
    }
    await eventually(() => expect(text(police)).toBe(text(health)));
    const expectedText = text(police);

    // Each flush above committed separately, so the log had one row per keystroke before compaction.
    await eventually(async () => {
      const [snapshot] = await server.db.sql`select upto_seq::int as "uptoSeq" from collab_snapshots where document = 'case:1:notes'`;
      expect(snapshot?.uptoSeq).toBeGreaterThan(0);
    });
    for (const client of clients.splice(0)) client.destroy();
    await eventually(() => expect(server.portal.collab.stats().documents).toBe(0));

    const rows = await rowsOf("case:1:notes");
    const totalChanges = rows.reduce((sum, row) => sum + row.changes, 0);
    expect(totalChanges).toBe(90); // every accepted update is accounted for
    const perPersonMinute = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.userId}|${new Date(row.firstAt).toISOString().slice(0, 16)}`;
      perPersonMinute.set(key, (perPersonMinute.get(key) ?? 0) + 1);
      // A merged row never spans two people or two minutes.
      expect(new Date(row.lastAt).toISOString().slice(0, 16)).toBe(new Date(row.firstAt).toISOString().slice(0, 16));
    }
    // Ended minutes are one row per person's run; only the latest minute may still hold separate rows.
    const merged = [...perPersonMinute.values()].filter((count) => count === 1).length;
    expect(merged).toBeGreaterThanOrEqual(4);
    // A merged row is a run of one person's consecutive changes: between two rows of one person in a minute,
    // someone else wrote.
    for (let i = 1; i < rows.length; i++)
      if (rows[i].userId === rows[i - 1].userId)
        expect(new Date(rows[i].firstAt).toISOString().slice(0, 16)).not.toBe(new Date(rows[i - 1].firstAt).toISOString().slice(0, 16));

    const loaded = await loadDocument(server.db.sql, "case:1:notes");
    expect(loaded.doc.getText("notes").toString()).toBe(expectedText);
    expect(loaded.tailRows).toBeLessThan(rows.length);

    const state = Y.encodeStateAsUpdate(loaded.doc).byteLength;
    const [stored] = await server.db.sql`
      select (select coalesce(sum(octet_length(update)), 0) from collab_updates where document = 'case:1:notes')
           + (select coalesce(sum(octet_length(state)), 0) from collab_snapshots where document = 'case:1:notes') as bytes`;
    expect(Number(stored.bytes)).toBeLessThan(state * 4);
  });
});
