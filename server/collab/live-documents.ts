// The documents loaded in this process: loaded once however many connect at the same moment (joined to the bus
// first, caught up with other processes after), stored in batched commits acknowledged on the bus, snapshotted as
// their tails grow (one at a time), and unloaded after a grace period once nobody is left — flushed, snapshotted and
// merged first, unless someone came back meanwhile.
import type { Services } from "../services";
import type { CollabBus } from "./bus";
import type { DocumentName } from "../documents/registry";
import { LiveDocument } from "./live-document";
import type { CollabOptions } from "./options";
import { loadDocument, UpdateStore, type PendingUpdate } from "./persistence";

export class LiveDocuments {
  private readonly rooms = new Map<string, LiveDocument>();
  private readonly loading = new Map<string, Promise<LiveDocument>>();
  private readonly store: UpdateStore;
  /** Snapshots and log merges run one at a time, so documents that cross the threshold together do not stall everyone. */
  private compaction: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly services: Services,
    private readonly options: CollabOptions,
    private readonly bus: CollabBus,
  ) {
    this.store = new UpdateStore(services.sql, {
      flushDelayMs: options.flushDelayMs,
      snapshotEvery: options.snapshotEvery,
      onStored: (document, rows) => this.afterStored(document, rows),
      onCommitted: (batch) => this.acknowledge(batch),
      onError: (error) => console.error("Collaboration store: could not write updates; will retry:", (error as Error).message),
    });
  }

  /** The live document, loading it if it is not loaded (one load however many ask at once). */
  open(name: DocumentName): Promise<LiveDocument> {
    const existing = this.rooms.get(name.name);
    if (existing) return Promise.resolve(existing);
    const pending = this.loading.get(name.name);
    if (pending) return pending;
    const load = (async () => {
      // Joined before the load: what other processes accept meanwhile reaches the document, stored or not.
      const channel = await this.bus.join(name.name);
      let room: LiveDocument;
      try {
        const stored = await loadDocument(this.services.sql, name.name);
        room = new LiveDocument(name, stored, { services: this.services, options: this.options, store: this.store, channel });
      } catch (error) {
        channel.leave();
        throw error;
      }
      await channel.ready(room);
      this.rooms.set(name.name, room);
      return room;
    })();
    this.loading.set(name.name, load);
    return load.finally(() => this.loading.delete(name.name));
  }

  all(): IterableIterator<LiveDocument> {
    return this.rooms.values();
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Someone joined: the document stays. */
  keep(room: LiveDocument): void {
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = undefined;
  }

  /** Nobody left: unloaded after the grace period unless someone comes back. */
  releaseIfEmpty(room: LiveDocument): void {
    if (room.connections.size > 0 || room.unloadTimer) return;
    room.unloadTimer = setTimeout(() => void this.unload(room), this.options.unloadGraceMs);
  }

  /** Flushes, snapshots if the tail has grown, then destroys the document, unless someone came back meanwhile. */
  private async unload(room: LiveDocument): Promise<void> {
    room.unloadTimer = undefined;
    await this.store.flush().catch(() => {});
    await this.compaction;
    if (this.closed || room.connections.size > 0 || this.rooms.get(room.name.name) !== room) return;
    await room.snapshot({ write: room.tailRows > 0 }).catch((error: Error) =>
      console.error("Collaboration: could not compact", room.name.name, error.message),
    );
    if (room.connections.size > 0) return;
    this.rooms.delete(room.name.name);
    room.destroy();
  }

  /**
   * Tells the other processes up to which ticket the updates this one published are stored. Tickets are given as
   * updates are queued here, and batches commit one after another in queue order (a failed one is retried before
   * anything queued after it), so every ticket up to the batch's last is stored.
   */
  private acknowledge(batch: PendingUpdate[]): void {
    let last = 0;
    for (const item of batch) if (item.ticket !== undefined) last = Math.max(last, item.ticket);
    if (last) this.bus.stored(last);
  }

  private afterStored(document: string, rows: number): void {
    const room = this.rooms.get(document);
    if (!room) return;
    room.stored(rows);
    if (room.tailRows < room.snapshotEvery || room.compactionQueued) return;
    room.compactionQueued = true;
    this.compaction = this.compaction
      .then(() => (!this.closed && this.rooms.get(document) === room ? room.snapshot() : undefined))
      .catch((error: Error) => console.error("Collaboration snapshot failed:", error.message))
      .finally(() => (room.compactionQueued = false));
  }

  /** Commits every accepted update now. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Commits what is queued and stops every timer (the sockets are closed by the caller first). */
  async close(): Promise<void> {
    this.closed = true;
    await this.store.close().catch(() => {});
    await this.compaction;
    for (const room of this.rooms.values()) room.stopTimers();
  }
}

