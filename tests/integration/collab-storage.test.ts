// How the collaboration log is kept: batched, snapshotted, merged to one row per person per minute, and loaded back.
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { documentAt } from "../../server/collab/document-history";
import { loadDocument, mergeLogByPersonAndMinute } from "../../server/collab/persistence";
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
    expect(Number(stored.bytes)).toBeLessThan(state * 3);
  });

  test("merged rows are stored compactly, and still say who typed each character and when, and how the text read at each point", async () => {
    const document = "case:1:merge-check";
    const people = await server.db.sql<{ id: string; agencyId: string }[]>`
      select id, agency_id as "agencyId" from users where role = 'practitioner' order by id limit 2`;
    // Two people at their own replicas, taking turns at the notes: typing, backspacing, a word in bold; one row per
    // keystroke, as the server stores typing, each a few seconds after the last.
    const replicas = people.map((_, i) => {
      const doc = new Y.Doc();
      doc.clientID = 500 + i;
      return doc;
    });
    const keystrokes: { update: Uint8Array; person: number; at: Date }[] = [];
    let at = new Date("2026-03-02T10:00:00Z").getTime();
    replicas.forEach((doc, person) =>
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === "remote") return;
        keystrokes.push({ update, person, at: new Date(at) });
        Y.applyUpdate(replicas[1 - person], update, "remote");
      }),
    );
    for (let turn = 0; turn < 6; turn++) {
      const doc = replicas[turn % 2];
      const notes = doc.getText("notes");
      let cursor = turn === 0 ? 0 : Math.floor(notes.length / 2);
      for (const character of `Turn ${turn}: seen at home, mother present. `) {
        at += 1500;
        notes.insert(cursor++, character, turn === 3 && character !== " " ? { bold: true } : undefined);
        if (character === ",") {
          at += 1500;
          notes.delete(--cursor, 1);
        }
      }
    }
    await server.db.sql`
      insert into collab_updates ${server.db.sql(
        keystrokes.map((stroke, i) => ({
          document,
          seq: i + 1,
          update: Buffer.from(stroke.update),
          user_id: people[stroke.person].id,
          agency_id: people[stroke.person].agencyId,
          first_at: stroke.at,
          last_at: stroke.at,
          changes: 1,
        })) as never,
        "document", "seq", "update", "user_id", "agency_id", "first_at", "last_at", "changes",
      )}`;
    const readText = (doc: Y.Doc) => JSON.stringify(doc.getText("notes").toDelta());
    const before = new Map<number, string>();
    for (let seq = 1; seq <= keystrokes.length; seq++) before.set(seq, (await documentAt(server.db.sql, document, seq, readText))!.content);
    const bytesBefore = (await rowsOf(document)).reduce((sum, row) => sum + row.bytes, 0);

    await mergeLogByPersonAndMinute(server.db.sql, document, new Date(at + 120_000));

    const rows = await server.db.sql<{ seq: string; update: Uint8Array; userId: string; firstAt: Date; lastAt: Date; changes: number }[]>`
      select seq, update, user_id as "userId", first_at as "firstAt", last_at as "lastAt", changes
      from collab_updates where document = ${document} order by seq`;
    expect(rows.length).toBeLessThan(keystrokes.length / 10);
    expect(rows.reduce((sum, row) => sum + row.changes, 0)).toBe(keystrokes.length);
    const bytesAfter = rows.reduce((sum, row) => sum + row.update.byteLength, 0);
    expect(bytesAfter).toBeLessThan(bytesBefore / 5);
    // The text at every point still stored reads exactly as it did.
    for (const row of rows) expect((await documentAt(server.db.sql, document, Number(row.seq), readText))!.content).toBe(before.get(Number(row.seq)));
    // Every character typed is found in a row of the person who typed it, whose minutes hold when it was typed.
    const typedBy = new Map<string, { person: string; at: number }>();
    for (const stroke of keystrokes)
      for (const struct of Y.decodeUpdate(stroke.update).structs)
        if (struct instanceof Y.Item) typedBy.set(`${struct.id.client}:${struct.id.clock}`, { person: people[stroke.person].id, at: stroke.at.getTime() });
    let found = 0;
    for (const row of rows)
      for (const struct of Y.decodeUpdate(row.update).structs)
        if (struct instanceof Y.Item)
          for (let i = 0; i < struct.length; i++) {
            const typed = typedBy.get(`${struct.id.client}:${struct.id.clock + i}`)!;
            expect(row.userId).toBe(typed.person);
            expect(typed.at).toBeGreaterThanOrEqual(new Date(row.firstAt).getTime());
            expect(typed.at).toBeLessThanOrEqual(new Date(row.lastAt).getTime());
            found += 1;
          }
    expect(found).toBe(typedBy.size);
  });
});
