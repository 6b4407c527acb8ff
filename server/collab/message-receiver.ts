// The message hook: each frame from an accepted connection, rate-limited, held if writing to its document is held,
// then decoded — sync (step 1 answered, step 2 and updates judged by the update guard and applied), awareness (only
// the connection's own client ids), query-awareness. Anything malformed closes the socket with nothing applied.
import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Services } from "../services";
import { checkAwarenessUpdate, encodeAwarenessEntries } from "./awareness-guard";
import { refuseEdit, send, sendPermissionNotice, takeTokens, type Connection } from "./connection";
import type { CollabOptions } from "./options";
import {
  awarenessMessage,
  closeCodes,
  isEdit,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
  syncMessage,
  syncStep1,
  syncStep2,
  syncUpdate,
} from "./protocol";
import { changesNothing, dropPending, judgeWrite } from "./update-guard";
import type { WriteHolds } from "./write-holds";

export class MessageReceiver {
  constructor(
    private readonly services: Services,
    private readonly options: CollabOptions,
    private readonly holds: WriteHolds,
  ) {}

  receive(connection: Connection, data: Buffer, isBinary: boolean): void {
    const { ws } = connection;
    // Frames already on the wire when the server closed the socket are not served.
    if (ws.readyState !== ws.OPEN) return;
    if (!isBinary) return ws.close(closeCodes.badMessage, "Binary messages only");
    if (!takeTokens(connection, 1 + data.byteLength / 65_536, this.options.rateLimit))
      return ws.close(closeCodes.rateLimited, "Too many messages; reconnect shortly");
    if (this.holds.any && connection.access === "write" && isEdit(data) && this.holds.keep(connection, data)) return;
    this.handle(connection, data, false);
  }

  /** `late`: an edit held while writing was being closed; refused now, it is not held against the connection. */
  handle(connection: Connection, data: Buffer, late: boolean): void {
    const { ws } = connection;
    if (ws.readyState !== ws.OPEN) return;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      const type = decoding.readVarUint(decoder);
      if (type === messageSync) this.receiveSync(connection, decoder, late);
      else if (type === messageAwareness) this.receiveAwareness(connection, decoding.readVarUint8Array(decoder));
      else if (type === messageQueryAwareness) {
        const states = connection.room.awareness.getStates();
        send(ws, awarenessMessage(connection.room.awareness, [...states.keys()]));
      } else ws.close(closeCodes.badMessage, "Unknown message type");
    } catch {
      // Garbage, a truncated varint, an update that does not decode: nothing was applied; the socket goes.
      ws.close(closeCodes.badMessage, "Malformed message");
    }
  }

  private refuse(connection: Connection, reason: string, counts = true): void {
    refuseEdit(this.services, connection, reason, this.options.refusedEditsBeforeClose, counts);
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder, late: boolean): void {
    const { room, ws } = connection;
    const kind = decoding.readVarUint(decoder);
    if (kind === syncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const bytes = syncMessage(syncStep2, Y.encodeStateAsUpdate(room.doc, stateVector));
      // The whole document, on request: charged to the rate limit, so asking again and again closes the socket.
      if (!takeTokens(connection, bytes.byteLength / 65_536, this.options.rateLimit))
        return ws.close(closeCodes.rateLimited, "Too many requests; reconnect shortly");
      return send(ws, bytes);
    }
    if (kind !== syncStep2 && kind !== syncUpdate) return ws.close(closeCodes.badMessage, "Unknown sync message");
    const update = decoding.readVarUint8Array(decoder);
    if (update.byteLength <= 2) return; // an empty update: nothing to add or delete
    if (connection.access !== "write") {
      // A reader's first sync-step-2 carries its whole delete set; deletions the document already has change nothing.
      if (changesNothing(room.doc, update)) return;
      return this.refuse(connection, late ? "edit arrived as writing was closed" : "edit from a read-only connection", !late);
    }
    if (room.full || room.storedBytes + update.byteLength > this.options.maxDocumentBytes) {
      room.full = true;
      return sendPermissionNotice(ws, "document-full: This document has reached its size limit. Start a new one; nothing more can be added here.");
    }
    // Decoded whole before anything is applied: an update that does not decode changes nothing.
    const verdict = judgeWrite(room.doc, Y.decodeUpdate(update), room.documentClients, connection.user.id);
    for (const clientId of verdict.claims) {
      room.documentClients.set(clientId, connection.user.id);
      void this.services.together.claim({ document: room.name.name, clientId, userId: connection.user.id }).catch((error: Error) =>
        console.error("Collaboration: could not record a client id:", error.message),
      );
    }
    if (verdict.refused) return this.refuse(connection, verdict.refused);
    // Content from another node may be waiting for an answer still on its way (decision 048): that is not this edit's.
    const waitingAlready = room.doc.store.pendingStructs !== null || room.doc.store.pendingDs !== null;
    room.apply(update, connection);
    connection.activeSinceCheck = true;
    if (!waitingAlready && dropPending(room.doc)) {
      this.refuse(connection, "an update that depends on content the document does not have");
      ws.close(closeCodes.badMessage, "Update out of order");
    }
  }

  private receiveAwareness(connection: Connection, update: Uint8Array): void {
    const { room } = connection;
    const verdict = checkAwarenessUpdate(update, {
      connection,
      owners: room.clientOwners,
      userId: connection.user.id,
      user: {
        userId: connection.user.id,
        name: `${connection.user.fullName} (${connection.user.agencyName})`,
        agency: connection.user.agencyName,
        color: connection.user.agencyColour,
      },
    });
    // A caret state that breaks the rules is dropped; it is not an edit, so it does not count against the connection.
    if (!verdict.ok) return;
    if (verdict.entries.length === 0) return;
    for (const entry of verdict.entries) connection.clientIds.add(entry.clientId);
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(verdict.entries), connection);
  }
}
