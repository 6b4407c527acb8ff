// The update guard: what an incoming update may do to a document, judged against the document as it stands. Pure but
// for `dropPending`, which clears what an out-of-order update left waiting.
import * as Y from "yjs";
import { schemaProblem } from "./document-schema";

/**
 * A reader's edit that changes nothing: no content the document lacks, and only deletions it already has. The stock
 * client's first sync-step-2 carries its whole delete set, so a reader must not be cut off for sending it.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  return !addsContent(doc, update) && deletesOnlyWhatIsDeleted(doc, update);
}

/**
 * A writer's update, decoded: refused if it holds content outside the editor's schema or new content under a client
 * id that is someone else's. `claims`: client ids nobody held, now this person's (an update refused for a later id
 * still claims the ones before it, as they were judged in order).
 */
export function judgeWrite(
  doc: Y.Doc,
  decoded: ReturnType<typeof Y.decodeUpdate>,
  documentClients: ReadonlyMap<number, number>,
  userId: number,
): { claims: number[]; refused?: string } {
  const problem = schemaProblem(decoded);
  if (problem) return { claims: [], refused: `content outside the editor's schema: ${problem}` };
  // New content may only be written under client ids of this person: nobody writes in another's name.
  const reaches = new Map<number, number>();
  for (const struct of decoded.structs)
    reaches.set(struct.id.client, Math.max(reaches.get(struct.id.client) ?? 0, struct.id.clock + struct.length));
  const claims: number[] = [];
  for (const [clientId, clock] of reaches) {
    const known = Y.getState(doc.store, clientId);
    if (clock <= known) continue;
    const owner = documentClients.get(clientId);
    if (owner === userId) continue;
    if (owner !== undefined || known > 0) return { claims, refused: "content under another person's client id" };
    claims.push(clientId);
  }
  return { claims };
}

/**
 * Content that waits for something the document does not have would sit in memory unseen, and could later appear
 * under someone else's change: a well-behaved client never sends it. Drops it; true if there was any.
 */
export function dropPending(doc: Y.Doc): boolean {
  if (!doc.store.pendingStructs && !doc.store.pendingDs) return false;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return true;
}

/** Whether an update holds content the document does not have yet. */
function addsContent(doc: Y.Doc, update: Uint8Array): boolean {
  for (const [clientId, clock] of Y.parseUpdateMeta(update).to) if (clock > Y.getState(doc.store, clientId)) return true;
  return false;
}

/** Whether every deletion in an update is of something the document has already deleted. */
function deletesOnlyWhatIsDeleted(doc: Y.Doc, update: Uint8Array): boolean {
  const incoming = Y.decodeUpdate(update).ds.clients;
  if (incoming.size === 0) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients; // per client: sorted, merged ranges
  for (const [clientId, ranges] of incoming) {
    const known = deleted.get(clientId) ?? [];
    for (const range of ranges) {
      const covering = known.find((item) => item.clock <= range.clock && range.clock + range.len <= item.clock + item.len);
      if (!covering) return false;
    }
  }
  return true;
}
