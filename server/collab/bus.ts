// Where a document's accepted updates and carets leave the process, and how a document loaded here catches up with
// what other processes hold. A live document joins its channel before it is loaded (so nothing published meanwhile
// is missed), hands the bus each update its own connections wrote (with who wrote it) and each caret change, and is
// handed what other processes accepted: applied and broadcast here, never stored here. One process: LocalBus. Several
// nodes: the Redis bus (server/cluster/collab-bus.ts, decision 048).
import type { Awareness } from "y-protocols/awareness";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";

/** Who made an accepted update: its row in the log is attributed to them. */
export type Author = { userId: number; agencyId: string; at: Date };

/** What the bus asks of a loaded document. */
export interface BusRoom {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /**
   * An update another process accepted: applied and broadcast here, not stored here. With its author, the client ids
   * it writes under are known here as theirs, so that person may carry on here (after a reconnect to this node);
   * `clients` are those ids when the caller has read them already.
   */
  receive(update: Uint8Array, author?: { userId: number; clients?: Iterable<number> }): void;
  /** Carets from another process (already judged there). */
  receiveAwareness(update: Uint8Array): void;
}

/** A document's link to the other processes. */
export interface DocumentChannel {
  /**
   * The document is loaded: what arrived while it loaded is applied, and it asks the processes holding the document
   * for what it lacks (resolves once they have answered, or after a short wait).
   */
  ready(room: BusRoom): Promise<void>;
  /** An update this process accepted and applied; returns the ticket to acknowledge once it is stored. */
  publish(update: Uint8Array, author: Author): number;
  /** A caret change made through this process's connections. */
  publishAwareness(update: Uint8Array): void;
  /** The document is unloaded here. */
  leave(): void;
}

export interface CollabBus {
  /** Subscribes to a document; resolves once nothing published for it can be missed. */
  join(document: string): Promise<DocumentChannel>;
  /** Every update this process published up to `ticket`, whatever its document, is stored (they are stored in ticket order). */
  stored(ticket: number): void;
  /**
   * Stores what this process keeps of other processes' updates to the documents `covers` picks and has not heard they
   * stored: a sign-off asks it once every live process has committed its own, so what a dead one left is in the record
   * before it is signed off (and what a live one stored is found stored, not stored again). Nothing to do in one process.
   */
  storeKept?(covers: (document: string) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** Within one process: delivered at once, in order, to the document's other channels. */
export class LocalBus implements CollabBus {
  private readonly rooms = new Map<string, Set<LocalChannel>>();
  private ticket = 0;

  async join(document: string): Promise<DocumentChannel> {
    let channels = this.rooms.get(document);
    if (!channels) this.rooms.set(document, (channels = new Set()));
    const channel = new LocalChannel(channels, () => ++this.ticket);
    channels.add(channel);
    return channel;
  }

  stored(): void {}

  async close(): Promise<void> {}
}

class LocalChannel implements DocumentChannel {
  room?: BusRoom;

  constructor(
    private readonly channels: Set<LocalChannel>,
    private readonly nextTicket: () => number,
  ) {}

  private others(): BusRoom[] {
    return [...this.channels].flatMap((channel) => (channel !== this && channel.room ? [channel.room] : []));
  }

  async ready(room: BusRoom): Promise<void> {
    this.room = room;
    for (const other of this.others()) {
      const missing = Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(room.doc));
      if (missing.byteLength > 2) room.receive(missing);
      const states = [...other.awareness.getStates().keys()];
      if (states.length) room.receiveAwareness(awarenessProtocol.encodeAwarenessUpdate(other.awareness, states));
    }
  }

  publish(update: Uint8Array, author: Author): number {
    for (const other of this.others()) other.receive(update, author);
    return this.nextTicket();
  }

  publishAwareness(update: Uint8Array): void {
    for (const other of this.others()) other.receiveAwareness(update);
  }

  leave(): void {
    this.channels.delete(this);
    this.room = undefined;
  }
}
