// Signing off a record whose narrative is in live documents (decision 015): writing to its documents is held and what
// was accepted before is committed, the record is marked signed off in a transaction that takes its row first, and
// every open socket of the case (or contact) is judged again (editors made read-only) before this resolves; then the
// hold is released, so edits that arrived meanwhile are judged under the signed-off record, and refused. A contact's
// decision ends writing to its checks and map the same way.
import { inTransaction, type Sql } from "../../db/client";
import type { AccessChange, DocumentScope, EventHub } from "../services";

/** What ending writing needs of the live server: holding writes, and judging open sockets again. */
export type DocumentEvents = Pick<EventHub, "holdWrites" | "endAccess">;

/** For the seed and scripts, run where no document is open: nothing to hold, no socket to judge. */
export const noOpenDocuments: DocumentEvents = { holdWrites: async () => () => {}, endAccess: async () => {} };

export async function signOffDocuments<T>(
  services: { sql: Sql; events: DocumentEvents },
  opts: {
    /** Whose open sockets are judged again: the case's, or the contact's. */
    ends: Extract<AccessChange, { kind: "records-changed" | "contact-records-changed" }>;
    /** The record's documents, by name. */
    documents: DocumentScope;
    /** Takes the record's row, then marks it signed off; a change to the record under way commits first or is refused. */
    markSignedOff: (tx: Sql) => Promise<T>;
  },
): Promise<T> {
  const release = await services.events.holdWrites(opts.documents);
  try {
    const done = await inTransaction(services.sql, (tx) => opts.markSignedOff(tx));
    await services.events.endAccess(opts.ends);
    return done;
  } finally {
    release();
  }
}
