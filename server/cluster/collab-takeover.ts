// Storing what a dead node accepted and broadcast but had not stored (decision 048). The nodes that received its
// updates keep them until it says they are stored; once it has stopped beating, each of them brings its copy here.
// Under the document's lock, with its seq counter held so no commit lands meanwhile, the updates are applied one by
// one to what the database holds, and only what each adds is stored, attributed to its author: a second node doing
// the same after the first finds nothing left to store.
import * as Y from "yjs";
import { inTransaction, type Sql } from "../../db/client";
import type { WireUpdate } from "./collab-wire";
import { levelSeqCounters, loadDocument, storeInTransaction, type PendingUpdate } from "../collab/persistence";

/** The advisory lock's first key: this lock's kind; the second is the document's name, hashed. */
const TAKEOVER_LOCK = 0x74616b65; // "take"

/** Stores what `updates` (in the order accepted) add to the stored document; returns how many rows it stored. */
export async function storeRemainder(sql: Sql, document: string, updates: WireUpdate[]): Promise<number> {
  return inTransaction(sql, async (tx) => {
    await tx`select pg_advisory_xact_lock(${TAKEOVER_LOCK}, hashtext(${document}))`;
    await levelSeqCounters(tx, [document]);
    // Commits of this document wait for this transaction from here on, and those already running have finished.
    await tx`select last_seq from collab_documents where document = ${document} for update`;
    const { doc } = await loadDocument(tx, document);
    try {
      const remainder: PendingUpdate[] = [];
      for (const entry of updates) {
        const added = whatIsNew(doc, entry.update);
        if (added) remainder.push({ document, update: added, userId: entry.userId, agencyId: entry.agencyId, at: new Date(entry.at) });
      }
      await storeInTransaction(tx, document, remainder);
      return remainder.length;
    } finally {
      doc.destroy();
    }
  });
}

/**
 * Applies `update` to `doc` and returns what of it the document lacked (null if nothing): its own content beyond the
 * document's state, with its deletions. Not what the application emitted: that would also hold content the document
 * had already but could not place until this update came (stored already, by whoever accepted it).
 */
export function whatIsNew(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
  const own = Y.diffUpdate(update, Y.encodeStateVector(doc));
  let deletes = false;
  const watch = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.deleteSet.clients.size > 0) deletes = true;
  };
  doc.on("update", watch);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    doc.off("update", watch);
  }
  const content = Y.decodeUpdate(own).structs.some((struct) => !(struct instanceof Y.Skip));
  return content || deletes ? own : null;
}
