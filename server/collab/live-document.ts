// A document loaded in this process: its Y.Doc and awareness, the connections open on it, and what it knows of its
// storage. An update its connections wrote is applied here, broadcast to its other connections, published on the bus
// for other processes (with who wrote it), and queued for storage; an update from the bus is applied and broadcast,
// never stored here. Carets travel the same way.
import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Services } from "../services";
import { decodeAwarenessEntries, encodeAwarenessEntries, heldElsewhere as elsewhere, type ClientOwner } from "./awareness-guard";
import type { Author, BusRoom, DocumentChannel } from "./bus";
import { compactDocument } from "./compaction";
import { send, type Connection } from "./connection";
import type { DocumentName } from "../documents/registry";
import type { CollabOptions } from "./options";
import type { StoredDocument, UpdateStore } from "./persistence";
import { awarenessMessage, syncMessage, syncUpdate } from "./protocol";

/** The origin of updates and carets that another process accepted: broadcast here, not stored or published again. */
const fromBus = Symbol("from the bus");

export type LiveDocumentDeps = { services: Services; options: CollabOptions; store: UpdateStore; channel: DocumentChannel };

export class LiveDocument implements BusRoom {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Map<WebSocket, Connection>();
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

  constructor(
    readonly name: DocumentName,
    stored: StoredDocument,
    private readonly deps: LiveDocumentDeps,
  ) {
    this.doc = stored.doc;
    this.awareness = new awarenessProtocol.Awareness(stored.doc);
    this.awareness.setLocalState(null);
    this.tailRows = stored.tailRows;
    this.storedBytes = stored.storedBytes;
    this.full = stored.storedBytes > deps.options.maxDocumentBytes;
    this.documentClients = stored.clientOwners;
    this.snapshotEvery = Math.round(deps.options.snapshotEvery * (0.75 + Math.random() * 0.5));
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.updated(update, origin));
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      for (const id of changed) this.changedClients.add(id);
      this.awarenessTimer ??= setTimeout(() => this.flushAwareness(), deps.options.awarenessBatchMs);
      // A caret held elsewhere that has gone (said so, or timed out) may be claimed back by its person here.
      for (const id of removed) {
        const owner = this.clientOwners.get(id);
        if (owner?.connection === elsewhere) this.clientOwners.set(id, { connection: undefined, userId: owner.userId });
      }
      if (origin !== fromBus && origin !== "timeout")
        deps.channel.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    });
  }

  /** An update another process accepted: applied and broadcast to this document's connections, not stored here. */
  receive(update: Uint8Array, author?: { userId: number; clients?: Iterable<number> }): void {
    if (author)
      for (const clientId of author.clients ?? Y.parseUpdateMeta(update).to.keys())
        if (!this.documentClients.has(clientId)) this.documentClients.set(clientId, author.userId);
    Y.applyUpdate(this.doc, update, fromBus);
  }

  /**
   * Carets from another process: their client ids are that process's to speak for, not a connection's here. An id a
   * connection here holds (its person moved here) is this process's to speak for: what the other says of it is late.
   */
  receiveAwareness(update: Uint8Array): void {
    const entries = decodeAwarenessEntries(update).filter((entry) => {
      const owner = this.clientOwners.get(entry.clientId);
      if (owner && owner.connection !== elsewhere && owner.connection !== undefined) return false;
      const userId = (entry.state?.user as { userId?: unknown } | undefined)?.userId;
      this.clientOwners.set(entry.clientId, {
        connection: entry.state ? elsewhere : undefined,
        userId: typeof userId === "number" ? userId : (owner?.userId ?? 0),
      });
      return true;
    });
    if (entries.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), fromBus);
  }

  /** Applies an update a connection wrote (already judged by the update guard). */
  apply(update: Uint8Array, from: Connection): void {
    Y.applyUpdate(this.doc, update, from);
  }

  private updated(update: Uint8Array, origin: unknown): void {
    const from = origin as Connection | undefined;
    // Published before anyone here is sent it: what a person sees has left for the other nodes first, so if this
    // process dies, whoever saw it can carry on on another node that has it.
    if (from && origin !== fromBus) {
      const author: Author = { userId: from.user.id, agencyId: from.user.agencyId, at: this.deps.services.clock() };
      const ticket = this.deps.channel.publish(update, author);
      this.storedBytes += update.byteLength;
      this.deps.store.add({ document: this.name.name, update, ...author, ticket });
    }
    // Encoded once, as the Buffer the socket writes, for every receiver.
    const message = syncMessage(syncUpdate, update);
    const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    for (const [ws] of this.connections) if (ws !== from?.ws) send(ws, bytes);
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

  /** Rows committed for this document by this process. */
  stored(rows: number): void {
    this.tailRows += rows;
  }

  /**
   * Writes a snapshot (unless told not to) and merges the log's ended minutes, unless another process is compacting
   * the document now. The snapshot is built from what the database holds, not from this process's copy (decision 048).
   */
  async snapshot(opts: { write: boolean } = { write: true }): Promise<void> {
    const { sql, clock } = this.deps.services;
    if (opts.write) this.tailRows = 0;
    const done = await compactDocument(sql, this.name.name, { now: clock(), snapshot: opts.write, mergedUpToSeq: this.mergedUpToSeq });
    if (!done) return;
    this.mergedUpToSeq = done.mergedUpToSeq;
    this.storedBytes = done.storedBytes;
  }

  /** Stops the timers (shutdown): nothing more is sent. */
  stopTimers(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
  }

  destroy(): void {
    this.deps.channel.leave();
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
