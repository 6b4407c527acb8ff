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

/**
 * Checks an awareness update from one connection. `owned` is the set of client ids the connection has claimed;
 * `claimedElsewhere` says whether another connection on the document holds an id.
 */
export function checkAwarenessUpdate(
  update: Uint8Array,
  opts: { owned: Set<number>; claimedElsewhere: (clientId: number) => boolean; user: StampedUser },
): AwarenessVerdict {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_CLIENT_IDS_PER_CONNECTION) return { ok: false, reason: "too many client ids" };
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > MAX_AWARENESS_STATE_BYTES) return { ok: false, reason: "awareness state over 4 KB" };
    if (!opts.owned.has(clientId)) {
      if (opts.claimedElsewhere(clientId)) return { ok: false, reason: "awareness for another client" };
      if (opts.owned.size >= MAX_CLIENT_IDS_PER_CONNECTION) return { ok: false, reason: "too many client ids" };
    }
    const parsed: unknown = JSON.parse(json);
    if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) return { ok: false, reason: "awareness state is not an object" };
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
