// Awareness (carets, who is here) as the server lets it through: a connection speaks only for its own client ids,
// each state is small, and the `user` field is the server's own account of who this is.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export const MAX_AWARENESS_STATE_BYTES = 4096;
/** A browser tab has one client id; a few more allow for Yjs choosing a new one after a clash. */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;

export type StampedUser = { name: string; agency: string; color: string; userId: number };

export type AwarenessEntry = { clientId: number; clock: number; state: Record<string, unknown> | null };

export type AwarenessVerdict = { ok: true; entries: AwarenessEntry[] } | { ok: false; reason: string };

/** Who a client id belongs to in a document: the connection holding it now, or the person who last held it. */
export type ClientOwner = { connection: unknown; userId: number };

/** The owner of a caret's client id held through another node: no connection here may speak for it but its person's. */
export const heldElsewhere = Symbol("on another node");

/**
 * Checks an awareness update from one connection and keeps only what it may say: states for its own client ids.
 * The stock y-websocket client re-sends every state it hears, other people's included, so entries for client ids that
 * belong to someone else are dropped without complaint (never applied, never relayed). A client id nobody holds is
 * claimed by the connection; one its own person held on an earlier connection (a reconnect) is claimed back.
 */
export function checkAwarenessUpdate(
  update: Uint8Array,
  opts: { connection: unknown; owners: Map<number, ClientOwner>; userId: number; user: StampedUser },
): AwarenessVerdict {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 1000) return { ok: false, reason: "too many awareness entries" };
  const entries: AwarenessEntry[] = [];
  let claimed = [...opts.owners.values()].filter((owner) => owner.connection === opts.connection).length;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    const owner = opts.owners.get(clientId);
    const mine = owner?.connection === opts.connection;
    // Held by no connection now, or through another node: its own person may take it back (a reconnect, or a move).
    const reclaim = owner !== undefined && (owner.connection === undefined || owner.connection === heldElsewhere) && owner.userId === opts.userId;
    const unclaimed = owner === undefined && claimed < MAX_CLIENT_IDS_PER_CONNECTION;
    if (!mine && !reclaim && !unclaimed) continue;
    if (Buffer.byteLength(json, "utf8") > MAX_AWARENESS_STATE_BYTES) return { ok: false, reason: "awareness state over 4 KB" };
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) return { ok: false, reason: "awareness state is not an object" };
    if (!mine) {
      opts.owners.set(clientId, { connection: opts.connection, userId: opts.userId });
      claimed += 1;
    }
    const state = parsed === null ? null : { ...(parsed as Record<string, unknown>), user: opts.user };
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) return { ok: false, reason: "trailing bytes" };
  return { ok: true, entries };
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/** Reads an awareness update another process already judged; throws if it does not read. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== "object" || Array.isArray(state))) throw new Error("awareness state is not an object");
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  if (decoding.hasContent(decoder)) throw new Error("trailing bytes");
  return entries;
}
