// Snapshots and log merges, one process at a time per document (decision 048). A snapshot claims the seqs it covers,
// and a load skips them; with several processes storing one document, a process's own copy may lack rows another
// stored under lower seqs, so the snapshot is built from what the database holds — its snapshot and the rows after
// it, read under the lock — and claims exactly the rows it read.
import * as Y from "yjs";
import { inTransaction, type Sql } from "../../db/client";
import { applyStoredUpdates, mergeLogByPersonAndMinute, storedBytesOf, writeSnapshot } from "./persistence";

/** The advisory lock's first key: this lock's kind; the second is the document's name, hashed. */
const COMPACTION_LOCK = 0x636f6d70; // "comp"

/**
 * Writes a snapshot of what is stored (when `snapshot` and there are rows after the last one) and merges the log's
 * ended minutes after `mergedUpToSeq`. Returns null, doing nothing, when another process holds the document's lock.
 */
export async function compactDocument(
  sql: Sql,
  document: string,
  opts: { now: Date; snapshot: boolean; mergedUpToSeq: number },
): Promise<{ mergedUpToSeq: number; storedBytes: number } | null> {
  return inTransaction(sql, async (tx) => {
    const [lock] = await tx<{ locked: boolean }[]>`
      select pg_try_advisory_xact_lock(${COMPACTION_LOCK}, hashtext(${document})) as locked`;
    if (!lock.locked) return null;
    if (opts.snapshot) await snapshotWhatIsStored(tx, document, opts.now);
    const merged = await mergeLogByPersonAndMinute(tx, document, opts.now, opts.mergedUpToSeq);
    return { mergedUpToSeq: merged.upToSeq, storedBytes: await storedBytesOf(tx, document) };
  });
}

/**
 * The stored snapshot and the rows after it, read in seq order, make the new snapshot, covering the last seq read.
 * Seqs are given in commit order (persistence.ts), so no row under that seq can still be on its way.
 */
async function snapshotWhatIsStored(sql: Sql, document: string, at: Date): Promise<void> {
  const [snapshot] = await sql<{ state: Uint8Array; uptoSeq: string }[]>`
    select state, upto_seq as "uptoSeq" from collab_snapshots where document = ${document}`;
  const tail = await sql<{ seq: string; update: Uint8Array }[]>`
    select seq, update from collab_updates where document = ${document} and seq > ${snapshot ? snapshot.uptoSeq : 0}
    order by seq`;
  if (tail.length === 0) return;
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    applyStoredUpdates(doc, tail.map((row) => row.update));
    await writeSnapshot(sql, document, Y.encodeStateAsUpdate(doc), Number(tail[tail.length - 1].seq), at);
  } finally {
    doc.destroy();
  }
}
