// The y-websocket wire protocol as this server speaks it: message types, close codes, and the few messages it sends.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;
export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

/** WebSocket close codes. 4400–4499 tell the stock client not to reconnect; 4500–4599 to try again later. */
export const closeCodes = {
  sessionEnded: 4401,
  accessEnded: 4403,
  badMessage: 4400,
  tooManyRefusedEdits: 4409,
  rateLimited: 4529,
  shuttingDown: 1001,
} as const;

/** A sync message: step 1 carries a state vector, step 2 and update carry an update. */
export function syncMessage(kind: typeof syncStep1 | typeof syncStep2 | typeof syncUpdate, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** y-websocket's auth message: the stock client passes the reason to its permission-denied handler. */
export function permissionNoticeMessage(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Whether a message is a sync step 2 or update: something that would change the document. */
export function isEdit(data: Buffer): boolean {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== messageSync) return false;
    const kind = decoding.readVarUint(decoder);
    return kind === syncStep2 || kind === syncUpdate;
  } catch {
    return false;
  }
}
