// Cold load and storage of large collaboration documents, written the way the server writes them.
//
// Two documents of N single-operation updates (one update per keystroke, as a browser sends them):
//   typing-like: editing sessions by three people, each a fresh Yjs client id, runs of sequential typing at a cursor,
//                backspace runs and occasional cursor jumps (a synthetic trace, seeded; nothing downloaded);
//   worst case:  N single-character inserts (80%) and deletes (20%) at uniformly random positions, seed 42.
// Storage follows the server: at typing speed each 100 ms batch holds one keystroke, so the log gets one row per
// update; the server snapshots every 500 rows and then merges the log to one row per person per minute
// (mergeLogByPersonAndMinute). Here: rows inserted 500 at a time, each time followed by mergeLogByPersonAndMinute at
// that moment's (simulated) time; the snapshot written with writeSnapshot at seq N - tail; the tail (default 499 rows:
// the longest the server lets it grow) inserted after it and left unmerged.
// Then loadDocument is timed (1 warm-up + 20 runs) and compared with a bare Y.applyUpdate of the merged state.
//
// Standalone: node --import tsx bench/cold-load.ts [--ops 100000 --loads 20 --tail 499]
// (BENCH_DATABASE_URL, or embedded PGlite in BENCH_DATA_DIR or a temp directory.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { openDatabase, type Database, type Sql } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemoPartnership } from "../db/seed";
import { applyStoredUpdates, loadDocument, mergeLogByPersonAndMinute, writeSnapshot } from "../server/collab/persistence";
import { median, numberArgs, percentile, prng, sortedCopy } from "./lib";

export type ColdLoadCase = {
  name: string;
  description: string;
  ops: number;
  inserts: number;
  deletes: number;
  sessions: number;
  textLength: number;
  generateMs: number;
  stateBytes: number;
  snapshotBytes: number;
  rowsBeforeMerge: number;
  rowsAfterMerge: number;
  tailRows: number;
  logBytes: number;
  logStoredBytes: number; // pg_column_size: after PostgreSQL's own compression
  snapshotStoredBytes: number;
  storedBytes: number;
  storageRatio: number;
  insertMs: number;
  mergeLogMs: number;
  mergeLogCalls: number;
  mergeLogP50: number;
  mergeLogMax: number;
  loadMs: number[];
  loadFirstMs: number;
  loadP50: number;
  loadP95: number;
  sqlOnlyP50: number;
  snapshotApplyP50: number;
  tailApplyP50: number;
  bareApplyMedian: number;
  bareApplyRuns: number[];
  loadVsBare: number;
  mergeBatchesMs: number;
  mergedUpdatesBytes: number;
  verified: boolean;
};

export type ColdLoadResult = { database: string; cases: ColdLoadCase[] };

type Op = { update: Uint8Array; userId: number; agencyId: string; at: Date };
type Trace = { ops: Op[]; doc: Y.Doc; snapshot: Uint8Array; snapshotSeq: number; snapshotAt: Date; inserts: number; deletes: number; sessions: number; generateMs: number };

const WORDS = "the child was seen at home today with mother and the health visitor who noted that school attendance has improved since the last meeting although concerns remain about the condition of the flat and the support offered by the wider family network".split(" ");

/** Editing sessions with runs of typing, backspacing and cursor jumps. */
function typingTrace(total: number, tail: number, authors: { id: number; agencyId: string }[], seed: number): Trace {
  const random = prng(seed);
  const doc = new Y.Doc();
  const text = doc.getText("notes");
  const ops: Op[] = [];
  let current: Omit<Op, "update"> = { userId: authors[0].id, agencyId: authors[0].agencyId, at: new Date("2026-01-05T09:00:00Z") };
  doc.on("update", (update: Uint8Array) => ops.push({ update, ...current }));
  let time = current.at.getTime();
  let inserts = 0;
  let deletes = 0;
  let sessions = 0;
  let snapshot: Uint8Array | undefined;
  let snapshotAt = new Date(time);
  const started = performance.now();
  while (ops.length < total) {
    // A session: one person, one page load (a fresh client id), a few hundred to a few thousand keystrokes.
    sessions += 1;
    const author = authors[Math.floor(random() * authors.length)];
    doc.clientID = Math.floor(random() * 0x7fffffff) + 1;
    time += sessions === 1 ? 0 : (1 + random() * 47) * 3_600_000;
    let cursor = Math.floor(text.length * (0.7 + random() * 0.3));
    const length = 300 + Math.floor(random() * 2700);
    for (let k = 0; k < length && ops.length < total; ) {
      const roll = random();
      if (roll < 0.02) {
        cursor = Math.floor(random() * (text.length + 1)); // click somewhere else
        continue;
      }
      if (roll < 0.1 && cursor > 0) {
        const run = Math.min(cursor, 1 + Math.floor(random() * 8));
        for (let d = 0; d < run && ops.length < total; d++, k++) {
          time += 60 + random() * 120;
          current = { userId: author.id, agencyId: author.agencyId, at: new Date(time) };
          text.delete(cursor - 1, 1);
          cursor -= 1;
          deletes += 1;
          if (ops.length === total - tail && !snapshot) [snapshot, snapshotAt] = [Y.encodeStateAsUpdate(doc), new Date(time)];
        }
        continue;
      }
      const word = WORDS[Math.floor(random() * WORDS.length)] + (random() < 0.08 ? ".\n" : " ");
      for (let c = 0; c < word.length && ops.length < total; c++, k++) {
        time += random() < 0.03 ? 2_000 + random() * 20_000 : 120 + random() * 200;
        current = { userId: author.id, agencyId: author.agencyId, at: new Date(time) };
        text.insert(cursor, word[c]);
        cursor += 1;
        inserts += 1;
        if (ops.length === total - tail && !snapshot) [snapshot, snapshotAt] = [Y.encodeStateAsUpdate(doc), new Date(time)];
      }
    }
  }
  return { ops, doc, snapshot: snapshot ?? Y.encodeStateAsUpdate(doc), snapshotSeq: total - tail, snapshotAt, inserts, deletes, sessions, generateMs: performance.now() - started };
}

/** Single-character inserts (80%) and deletes (20%) at random positions, seeded; one client, one person. */
function randomTrace(total: number, tail: number, author: { id: number; agencyId: string }, seed: number): Trace {
  const random = prng(seed);
  const doc = new Y.Doc();
  const text = doc.getText("notes");
  const ops: Op[] = [];
  let time = new Date("2026-01-05T09:00:00Z").getTime();
  let at = new Date(time);
  doc.on("update", (update: Uint8Array) => ops.push({ update, userId: author.id, agencyId: author.agencyId, at }));
  let inserts = 0;
  let deletes = 0;
  let snapshot: Uint8Array | undefined;
  let snapshotAt = at;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    time += 150 + random() * 250;
    at = new Date(time);
    const length = text.length;
    if (length === 0 || random() < 0.8) {
      text.insert(Math.floor(random() * (length + 1)), String.fromCharCode(97 + Math.floor(random() * 26)));
      inserts += 1;
    } else {
      text.delete(Math.floor(random() * length), 1);
      deletes += 1;
    }
    if (ops.length === total - tail) [snapshot, snapshotAt] = [Y.encodeStateAsUpdate(doc), at];
  }
  return { ops, doc, snapshot: snapshot ?? Y.encodeStateAsUpdate(doc), snapshotSeq: total - tail, snapshotAt, inserts, deletes, sessions: 1, generateMs: performance.now() - started };
}

/**
 * Stores the trace as the server would have: one row per keystroke; every 500 rows (snapshotEvery) a snapshot and a
 * merge of the log (mergeLogByPersonAndMinute at that moment); the last snapshot at N - tail; the tail unmerged.
 * Intermediate snapshots are not written: each one replaces the one before, so only the last is left.
 */
async function store(sql: Sql, document: string, trace: Trace, snapshotEvery = 500): Promise<{ insertMs: number; mergeMs: number[]; rowsBeforeMerge: number }> {
  let insertMs = 0;
  const mergeMs: number[] = [];
  const insert = async (from: number, to: number) => {
    const started = performance.now();
    for (let i = from; i < to; i += 1000) {
      const rows = trace.ops.slice(i, Math.min(i + 1000, to)).map((op, j) => ({
        document,
        seq: i + j + 1,
        update: Buffer.from(op.update.buffer, op.update.byteOffset, op.update.byteLength),
        user_id: op.userId,
        agency_id: op.agencyId,
        first_at: op.at,
        last_at: op.at,
        changes: 1,
      }));
      await sql`insert into collab_updates ${sql(rows as never, "document", "seq", "update", "user_id", "agency_id", "first_at", "last_at", "changes")}`;
    }
    insertMs += performance.now() - started;
  };
  let mergedUpToSeq = 0; // as the server keeps it per room: where the next merge starts looking
  for (let from = 0; from < trace.snapshotSeq; from += snapshotEvery) {
    const to = Math.min(from + snapshotEvery, trace.snapshotSeq);
    await insert(from, to);
    if (to === trace.snapshotSeq) await writeSnapshot(sql, document, trace.snapshot, trace.snapshotSeq, trace.snapshotAt);
    const started = performance.now();
    const merged = await mergeLogByPersonAndMinute(sql, document, to === trace.snapshotSeq ? trace.snapshotAt : trace.ops[to - 1].at, mergedUpToSeq);
    mergedUpToSeq = merged.upToSeq;
    mergeMs.push(performance.now() - started);
  }
  await insert(trace.snapshotSeq, trace.ops.length);
  return { insertMs, mergeMs, rowsBeforeMerge: trace.ops.length };
}

async function measure(sql: Sql, name: string, description: string, trace: Trace, loads: number): Promise<ColdLoadCase> {
  const document = `bench-cold:${name}`;
  const stored = await store(sql, document, trace);
  const state = Y.encodeStateAsUpdate(trace.doc);
  const expectedText = trace.doc.getText("notes").toString();

  const [sizes] = await sql<{ rows: string; tail: string; logBytes: string; logStored: string; snapshotBytes: string; snapshotStored: string }[]>`
    select (select count(*) from collab_updates where document = ${document}) as rows,
           (select count(*) from collab_updates where document = ${document} and seq > ${trace.snapshotSeq}) as tail,
           (select coalesce(sum(octet_length(update)), 0) from collab_updates where document = ${document}) as "logBytes",
           (select coalesce(sum(pg_column_size(update)), 0) from collab_updates where document = ${document}) as "logStored",
           (select coalesce(sum(octet_length(state)), 0) from collab_snapshots where document = ${document}) as "snapshotBytes",
           (select coalesce(sum(pg_column_size(state)), 0) from collab_snapshots where document = ${document}) as "snapshotStored"`;

  // Warm-up load (checks the result), then the timed ones.
  const first = performance.now();
  const check = await loadDocument(sql, document);
  const loadFirstMs = performance.now() - first;
  const verified = check.doc.getText("notes").toString() === expectedText;
  check.doc.destroy();
  const loadMs: number[] = [];
  for (let i = 0; i < loads; i++) {
    const t0 = performance.now();
    const loaded = await loadDocument(sql, document);
    loadMs.push(performance.now() - t0);
    loaded.doc.destroy();
  }
  // Where a load's time goes: loadDocument's steps one by one (its two queries, applying the snapshot, applying the
  // tail's updates in one transaction).
  const sqlMs: number[] = [];
  const snapshotApplyMs: number[] = [];
  const tailApplyMs: number[] = [];
  for (let i = 0; i < Math.min(loads, 10); i++) {
    const t0 = performance.now();
    const [snapshot] = await sql<{ state: Uint8Array; uptoSeq: string }[]>`
      select state, upto_seq as "uptoSeq" from collab_snapshots where document = ${document}`;
    const tail = await sql<{ seq: string; update: Uint8Array }[]>`
      select seq, update from collab_updates where document = ${document} and seq > ${Number(snapshot?.uptoSeq ?? 0)} order by seq`;
    const t1 = performance.now();
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    const t2 = performance.now();
    applyStoredUpdates(doc, tail.map((row) => row.update));
    const t3 = performance.now();
    doc.destroy();
    sqlMs.push(t1 - t0);
    snapshotApplyMs.push(t2 - t1);
    tailApplyMs.push(t3 - t2);
  }
  const bareApplyRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const doc = new Y.Doc();
    const t0 = performance.now();
    Y.applyUpdate(doc, state);
    bareApplyRuns.push(performance.now() - t0);
    doc.destroy();
  }
  // For comparison with BENCHMARKS.md: the single updates merged in batches of 1,000, then once more.
  const mergeStarted = performance.now();
  const partial: Uint8Array[] = [];
  for (let i = 0; i < trace.ops.length; i += 1000) partial.push(Y.mergeUpdates(trace.ops.slice(i, i + 1000).map((op) => op.update)));
  const mergedUpdates = Y.mergeUpdates(partial);
  const mergeBatchesMs = performance.now() - mergeStarted;

  const sorted = sortedCopy(loadMs);
  const logBytes = Number(sizes.logBytes);
  const snapshotBytes = Number(sizes.snapshotBytes);
  const bare = median(bareApplyRuns);
  return {
    name,
    description,
    ops: trace.ops.length,
    inserts: trace.inserts,
    deletes: trace.deletes,
    sessions: trace.sessions,
    textLength: expectedText.length,
    generateMs: trace.generateMs,
    stateBytes: state.byteLength,
    snapshotBytes,
    rowsBeforeMerge: stored.rowsBeforeMerge,
    rowsAfterMerge: Number(sizes.rows),
    tailRows: Number(sizes.tail),
    logBytes,
    logStoredBytes: Number(sizes.logStored),
    snapshotStoredBytes: Number(sizes.snapshotStored),
    storedBytes: logBytes + snapshotBytes,
    storageRatio: (logBytes + snapshotBytes) / state.byteLength,
    insertMs: stored.insertMs,
    mergeLogMs: stored.mergeMs.reduce((sum, value) => sum + value, 0),
    mergeLogCalls: stored.mergeMs.length,
    mergeLogP50: median(stored.mergeMs),
    mergeLogMax: Math.max(...stored.mergeMs),
    loadMs,
    loadFirstMs,
    loadP50: percentile(sorted, 50),
    loadP95: percentile(sorted, 95),
    sqlOnlyP50: median(sqlMs),
    snapshotApplyP50: median(snapshotApplyMs),
    tailApplyP50: median(tailApplyMs),
    bareApplyMedian: bare,
    bareApplyRuns,
    loadVsBare: percentile(sorted, 50) / bare,
    mergeBatchesMs,
    mergedUpdatesBytes: mergedUpdates.byteLength,
    verified,
  };
}

export async function runColdLoad(db: Database, opts: { ops: number; loads: number; tail: number; cases?: string[] }): Promise<ColdLoadResult> {
  const sql = db.sql;
  await migrate(sql);
  const [{ present }] = await sql<{ present: boolean }[]>`select exists (select 1 from users) as present`;
  if (!present) await seedDemoPartnership(sql);
  const authors = (
    await sql<{ id: string; agencyId: string }[]>`
      select id, agency_id as "agencyId" from users where role = 'practitioner' order by id limit 3`
  ).map((row) => ({ id: Number(row.id), agencyId: row.agencyId }));
  const wanted = opts.cases ?? ["typing", "random"];
  const cases: ColdLoadCase[] = [];
  if (wanted.includes("typing")) {
    const trace = typingTrace(opts.ops, opts.tail, authors, 7);
    cases.push(await measure(sql, "typing", "typing-like: sessions of sequential typing, backspace runs, cursor jumps; 3 people", trace, opts.loads));
    trace.doc.destroy();
  }
  if (wanted.includes("random")) {
    const trace = randomTrace(opts.ops, opts.tail, authors[0], 42);
    cases.push(await measure(sql, "random", "worst case: single-character inserts (80%) / deletes (20%) at random positions, seed 42", trace, opts.loads));
    trace.doc.destroy();
  }
  return { database: db.description, cases };
}

// Standalone or forked by bench/collab/main.ts (then the result goes back over IPC).
const isMain = process.argv[1]?.endsWith("cold-load.ts");
if (isMain) {
  const args = numberArgs(process.argv.slice(2), { ops: 100_000, loads: 20, tail: 499 });
  const ownTemp = !process.env.BENCH_DATA_DIR && !process.env.BENCH_DATABASE_URL ? mkdtempSync(join(tmpdir(), "pp-bench-cold-")) : undefined;
  const dataDir = process.env.BENCH_DATA_DIR ?? ownTemp!;
  void (async () => {
    const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir });
    try {
      const only = process.argv.indexOf("--cases");
      const result = await runColdLoad(db, { ...args, cases: only >= 0 ? process.argv[only + 1].split(",") : undefined });
      if (process.send) await new Promise<void>((resolve) => process.send!({ type: "cold-load", result }, () => resolve()));
      else console.log(JSON.stringify(result, (key, value) => (key === "loadMs" ? undefined : value), 2));
    } finally {
      await db.close();
      if (ownTemp) rmSync(ownTemp, { recursive: true, force: true });
    }
    process.exit(0);
  })().catch((error: unknown) => {
    console.error("bench cold-load:", error instanceof Error ? error.stack : error);
    if (ownTemp) rmSync(ownTemp, { recursive: true, force: true });
    process.exit(1);
  });
}
