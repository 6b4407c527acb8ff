// A stored run of keystrokes written compactly means exactly what the keystrokes meant: the same document from any
// order of applying, at every stored point, with every character under the same id (so the same row, person and
// minute); map values, formatting and deletions untouched.
import * as Y from "yjs";
import { describe, expect, test } from "vitest";
import { prng } from "../../bench/lib"; // seeded, so a failure can be replayed
import { compactUpdate } from "../../server/collab/compact-update";

type Row = { author: string; updates: Uint8Array[] };

/**
 * Three people typing into one text, each in their own replica, sometimes without having seen the others' latest
 * (concurrent inserts at the same place), with backspaces, cursor jumps and bold text; the server's log: each
 * person's consecutive updates (in the order the server received them) form one row.
 */
function concurrentTrace(seed: number, steps: number): { rows: Row[]; reference: Y.Doc } {
  const random = prng(seed);
  const people = ["police", "health", "school"].map((author, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i * 7;
    return { author, doc, cursor: 0, unseen: [] as Uint8Array[] };
  });
  const received: { author: string; update: Uint8Array }[] = [];
  for (const person of people)
    person.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "remote") return;
      received.push({ author: person.author, update });
      for (const other of people) if (other !== person) other.unseen.push(update);
    });
  let person = people[0];
  for (let step = 0; step < steps; step++) {
    if (random() < 0.04) person = people[Math.floor(random() * people.length)]; // someone else takes a turn
    // Now and then a person catches up with what the others typed.
    if (random() < 0.15) for (const update of person.unseen.splice(0)) Y.applyUpdate(person.doc, update, "remote");
    const text = person.doc.getText("notes");
    const roll = random();
    if (roll < 0.05 || person.cursor > text.length) person.cursor = Math.floor(random() * (text.length + 1));
    else if (roll < 0.15 && person.cursor > 0) {
      text.delete(person.cursor - 1, 1);
      person.cursor -= 1;
    } else if (roll < 0.17) {
      text.insert(person.cursor, "B", { bold: true });
      person.cursor += 1;
    } else if (roll < 0.18) {
      person.doc.getMap("meta").set("status", `step ${step}`);
    } else {
      text.insert(person.cursor, String.fromCharCode(97 + Math.floor(random() * 26)));
      person.cursor += 1;
    }
  }
  const rows: Row[] = [];
  for (const { author, update } of received) {
    const last = rows[rows.length - 1];
    if (last?.author === author && last.updates.length < 40) last.updates.push(update);
    else rows.push({ author, updates: [update] });
  }
  const reference = new Y.Doc();
  for (const { update } of received) Y.applyUpdate(reference, update);
  return { rows, reference };
}

const state = (doc: Y.Doc) => Buffer.from(Y.encodeStateAsUpdate(doc)).toString("hex");

function replay(updates: Uint8Array[], gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Every character each update carries, by its id. */
function charactersById(update: Uint8Array): Map<string, string> {
  const characters = new Map<string, string>();
  for (const struct of Y.decodeUpdate(update).structs)
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentString)
      [...struct.content.str].forEach((character, i) => characters.set(`${struct.id.client}:${struct.id.clock + i}`, character));
  return characters;
}

describe("compactUpdate", () => {
  test("a minute of sequential typing becomes one item: a few bytes over the text, the same document", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const sentence = "The child was seen at home today with mother and the health visitor. ";
    for (const character of sentence.repeat(4)) doc.getText("notes").insert(doc.getText("notes").length, character);
    const merged = Y.mergeUpdates(updates);
    const compact = compactUpdate(merged);
    expect(merged.byteLength).toBeGreaterThan(sentence.length * 4 * 5);
    expect(compact.byteLength).toBeLessThan(sentence.length * 4 + 20);
    expect(state(replay([compact]))).toBe(state(doc));
  });

  test.each([1, 2, 3, 4, 5])("concurrent typing by three people (seed %i): the same document from any order and at every row", (seed) => {
    const { rows, reference } = concurrentTrace(seed, 1500);
    const plain = rows.map((row) => Y.mergeUpdates(row.updates));
    const compact = plain.map(compactUpdate);
    expect(compact.reduce((sum, u) => sum + u.byteLength, 0)).toBeLessThan(plain.reduce((sum, u) => sum + u.byteLength, 0) / 2);

    // Whole log, in order and shuffled: the document everyone ended with.
    expect(state(replay(compact))).toBe(state(reference));
    const random = prng(seed * 31);
    const shuffled = compact.map((update) => ({ update, key: random() })).sort((a, b) => a.key - b.key).map((entry) => entry.update);
    expect(state(replay(shuffled))).toBe(state(reference));
    expect(replay(shuffled).getText("notes").toDelta()).toEqual(reference.getText("notes").toDelta());

    // At every stored point, with deleted text kept (as the history reads it): unchanged.
    const before = new Y.Doc({ gc: false });
    const after = new Y.Doc({ gc: false });
    for (let i = 0; i < rows.length; i++) {
      Y.applyUpdate(before, plain[i]);
      Y.applyUpdate(after, compact[i]);
      if (i % 10 === 0 || i === rows.length - 1) expect(state(after)).toBe(state(before));
    }

    // Every character keeps its id, so the row (and its person and minute) it is found in.
    for (let i = 0; i < rows.length; i++) expect(charactersById(compact[i])).toEqual(charactersById(plain[i]));
    // Deletions are carried as they were.
    for (let i = 0; i < rows.length; i++) expect(Y.decodeUpdate(compact[i]).ds).toEqual(Y.decodeUpdate(plain[i]).ds);
  });

  // Q types between L and R; P, not having seen it, types "a" there too; Q's text arrives and lands after "a" (the
  // higher client goes right); P types "b" next to it. The server's log holds Q's row, then P's row of "a" and "b".
  test.each([
    ["typed just after a, before another person's text (same left, different right)", 2],
    ["typed after another person's text (same right, different left)", 3],
  ])("does not join keystrokes that another person's concurrent text came between: %s", (_, bAt) => {
    const p = new Y.Doc();
    const q = new Y.Doc();
    p.clientID = 2000;
    q.clientID = 3000;
    p.getText("notes").insert(0, "LR");
    const base = Y.encodeStateAsUpdate(p);
    Y.applyUpdate(q, base);
    const qRow: Uint8Array[] = [];
    const pRow: Uint8Array[] = [];
    q.on("update", (update: Uint8Array, origin: unknown) => origin !== "remote" && qRow.push(update));
    p.on("update", (update: Uint8Array, origin: unknown) => origin !== "remote" && pRow.push(update));
    q.getText("notes").insert(1, "E");
    p.getText("notes").insert(1, "a");
    Y.applyUpdate(p, qRow[0], "remote");
    expect(p.getText("notes").toString()).toBe("LaER");
    p.getText("notes").insert(bAt, "b");
    const plain = Y.mergeUpdates(pRow);
    const compact = compactUpdate(plain);
    for (const order of [[base, qRow[0], compact], [base, compact, qRow[0]], [compact, qRow[0], base]]) {
      const doc = replay(order);
      expect(doc.getText("notes").toString()).toBe(p.getText("notes").toString());
      expect(state(doc)).toBe(state(p));
    }
  });

  test("leaves an update with nothing to join as it is", () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    doc.getMap("meta").set("status", "open");
    doc.getMap("meta").set("status", "closed");
    doc.getText("notes").insert(0, "x", { bold: true });
    const merged = Y.mergeUpdates(updates);
    expect(compactUpdate(merged)).toBe(merged);
    expect(compactUpdate(updates[0])).toBe(updates[0]);
  });
});
