// A document loaded in this process: its Y.Doc and awareness, the connections open on it, and what it knows of its
// storage. An update its connections wrote is applied here, broadcast to its other connections, published on the bus
// for other processes, and queued for storage; an update from the bus is applied and broadcast, never stored again.
import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Services } from "../services";
import type { ClientOwner } from "./awareness-guard";
import type { CollabBus } from "./bus";
import { send, type Connection } from "./connection";
import type { DocumentName } from "../documents/registry";
import type { CollabOptions } from "./options";
import { mergeLogByPersonAndMinute, storedBytesOf, writeSnapshot, type StoredDocument, type UpdateStore } from "./persistence";
import { awarenessMessage, syncMessage, syncUpdate } from "./protocol";

/** The origin of updates that another process accepted and stored: broadcast here, not stored again. */
const fromBus = Symbol("from the bus");

export type LiveDocumentDeps = { services: Services; options: CollabOptions; store: UpdateStore; bus: CollabBus };

export class LiveDocument {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Map<WebSocket, Connection>();
  /** The highest seq the database gave this document's stored updates: every update up to it is in `doc`. */
  storedSeq: number;
  tailRows: number;
  /** Bytes kept for the document (log and snapshot): the size its limit applies to. */
  storedBytes: number;
  full: boolean;
  /** Yjs client id → the person who writes under it. */
  readonly documentClients: Map<number, number>;
  /** The log is merged per person per minute up to here. */
  mergedUpToSeq = 0;
  /** Rows after which this document is snapshotted: the configured number, give or take, so documents spread out. */
  readonly snapshotEvery: number;
  compactionQueued = false;
  unloadTimer?: NodeJS.Timeout;
  private readonly changedClients = new Set<number>();
  private awarenessTimer?: NodeJS.Timeout;
  /** Which connection speaks for each awareness client id (and who held it last, for reconnects). */
  readonly clientOwners = new Map<number, ClientOwner>();
  private readonly unsubscribe: () => void;

  constructor(
    readonly name: DocumentName,
    stored: StoredDocument,
    private readonly deps: LiveDocumentDeps,
  ) {
    this.doc = stored.doc;
    this.awareness = new awarenessProtocol.Awareness(stored.doc);
    this.awareness.setLocalState(null);
    this.storedSeq = stored.lastSeq;
    this.tailRows = stored.tailRows;
    this.storedBytes = stored.storedBytes;
    this.full = stored.storedBytes > deps.options.maxDocumentBytes;
    this.documentClients = stored.clientOwners;
    this.snapshotEvery = Math.round(deps.options.snapshotEvery * (0.75 + Math.random() * 0.5));
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.updated(update, origin));
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      for (const id of [...added, ...updated, ...removed]) this.changedClients.add(id);
      this.awarenessTimer ??= setTimeout(() => this.flushAwareness(), deps.options.awarenessBatchMs);
    });
    this.unsubscribe = deps.bus.subscribe(name.name, (update, origin) => {
      if (origin !== this) Y.applyUpdate(this.doc, update, fromBus);
    });
  }

  /** Applies an update a connection wrote (already judged by the update guard). */
  apply(update: Uint8Array, from: Connection): void {
    Y.applyUpdate(this.doc, update, from);
  }

  private updated(update: Uint8Array, origin: unknown): void {
    // Encoded once, as the Buffer the socket writes, for every receiver.
    const message = syncMessage(syncUpdate, update);
    const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    const from = origin as Connection | undefined;
    for (const [ws] of this.connections) if (ws !== from?.ws) send(ws, bytes);
    if (!from || origin === fromBus) return;
    this.deps.bus.publish(this.name.name, update, this);
    this.storedBytes += update.byteLength;
    this.deps.store.add({
      document: this.name.name,
      update,
      userId: from.user.id,
      agencyId: from.user.agencyId,
      at: this.deps.services.clock(),
    });
  }

  private flushAwareness(): void {
    this.awarenessTimer = undefined;
    const changed = [...this.changedClients];
    this.changedClients.clear();
    if (changed.length === 0 || this.connections.size === 0) return;
    const message = awarenessMessage(this.awareness, changed);
    for (const [ws] of this.connections) send(ws, message);
  }

  /** A connection has gone: its carets go, its client ids are remembered so a reconnect can claim them back. */
  leave(connection: Connection): boolean {
    if (!this.connections.delete(connection.ws)) return false;
    for (const clientId of connection.clientIds) this.clientOwners.set(clientId, { connection: undefined, userId: connection.user.id });
    // Ids of people long gone are forgotten once there are many; they are only kept so a reconnect can reclaim its own.
    if (this.clientOwners.size > 1000)
      for (const [clientId, owner] of this.clientOwners) if (owner.connection === undefined) this.clientOwners.delete(clientId);
    if (connection.clientIds.size)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clientIds], "disconnect");
    return true;
  }

  /** Rows committed for this document: `lastSeq` is the database's seq of the last of them. */
  stored(rows: number, lastSeq: number): void {
    this.tailRows += rows;
    this.storedSeq = Math.max(this.storedSeq, lastSeq);
  }

  /** Writes a snapshot (unless told not to) and merges the log's ended minutes. */
  async snapshot(opts: { write: boolean } = { write: true }): Promise<void> {
    const { sql, clock } = this.deps.services;
    const now = clock();
    const document = this.name.name;
    if (opts.write) {
      this.tailRows = 0;
      await writeSnapshot(sql, document, Y.encodeStateAsUpdate(this.doc), this.storedSeq, now);
    }
    const merged = await mergeLogByPersonAndMinute(sql, document, now, this.mergedUpToSeq);
    this.mergedUpToSeq = merged.upToSeq;
    this.storedBytes = await storedBytesOf(sql, document);
  }

  /** Stops the timers (shutdown): nothing more is sent. */
  stopTimers(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
  }

  destroy(): void {
    this.unsubscribe();
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
