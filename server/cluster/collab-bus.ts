// The collaboration bus between nodes, through Redis pub/sub (decision 048). Each document has a channel: the updates
// a node accepted (with who made them and the node's ticket), its carets and its catch-up requests. Each node has a
// channel for the answers it is sent, and all share one for heartbeats and each node's word that everything it
// published is stored up to a ticket (it stores in ticket order, whatever the document). A node keeps the updates
// others sent until their origin says they are stored, and stores what is left of them once the origin has stopped
// beating. Every message is read back by collab-wire.ts; one that does not read is dropped and logged (so nodes of
// different wire versions, mid-upgrade, do not hear each other's edits until every node runs the same one).
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Redis } from "ioredis";
import type { Services } from "../services";
import type { Author, BusRoom, CollabBus, DocumentChannel } from "../collab/bus";
import { decodeWire, encodeWire, sentBy, type WireMessage, type WireUpdate } from "./collab-wire";
import { storeRemainder } from "./collab-takeover";

export type RedisCollabBusOptions = {
  /** Prefixes every channel (the link's prefix and ":collab:" unless told): nodes of one portal share it. */
  prefix?: string;
  /** How often a node says it is alive. */
  heartbeatMs?: number;
  /** A node silent this long, while this node's own link has been up as long, is gone: what it left is stored. */
  deadAfterMs?: number;
  /** How long a loading document waits for the nodes holding it to answer. */
  catchUpWaitMs?: number;
  log?: (line: string) => void;
};

/** A catch-up under way: how many answers came, and how many Redis said would (once it has said). */
type Catching = { request: number; answers: number; expected?: number; done: () => void };

/** What this node knows of one document it has joined (or still keeps others' unstored updates for). */
class DocumentState {
  room?: BusRoom;
  joined = false;
  /** Messages that arrived while the document was loading, applied once it is. */
  early: WireMessage[] = [];
  /** Updates this node published and has not yet stored, by ticket. */
  readonly outbox = new Map<number, WireUpdate>();
  /** Updates other nodes published and have not yet said are stored: node → ticket → update. */
  readonly kept = new Map<string, Map<number, WireUpdate>>();
  catching?: Catching;
  constructor(
    readonly channel: string,
    /** The ticket up to which each other node said what it published is stored. */
    private readonly acked: Map<string, number>,
  ) {}

  keep(entry: WireUpdate): void {
    // Said stored already (an answer can arrive after the word that its updates are stored).
    if (entry.ticket <= (this.acked.get(entry.node) ?? 0)) return;
    let fromNode = this.kept.get(entry.node);
    if (!fromNode) this.kept.set(entry.node, (fromNode = new Map()));
    fromNode.set(entry.ticket, entry);
  }

  unstored(): WireUpdate[] {
    return [...this.outbox.values(), ...[...this.kept.values()].flatMap((entries) => [...entries.values()])];
  }

  /** `node` said what it published is stored up to `ticket`: its updates up to there are no longer kept. */
  forgetStored(node: string, ticket: number): void {
    const entries = this.kept.get(node);
    if (!entries) return;
    for (const held of entries.keys()) if (held <= ticket) entries.delete(held);
    if (entries.size === 0) this.kept.delete(node);
  }

  /** Nothing more to do here: not loaded, and nothing of anyone's left unstored. */
  get idle(): boolean {
    return !this.joined && this.outbox.size === 0 && this.kept.size === 0;
  }
}

export function createRedisCollabBus(services: Services, opts: RedisCollabBusOptions = {}): CollabBus & { close(): Promise<void> } {
  const link = services.redis;
  if (!link) throw new Error("The Redis collaboration bus needs REDIS_URL");
  const prefix = opts.prefix ?? `${link.prefix}:collab:`;
  const heartbeatMs = opts.heartbeatMs ?? 1000;
  const deadAfterMs = opts.deadAfterMs ?? 5000;
  const catchUpWaitMs = opts.catchUpWaitMs ?? 1500;
  const log = opts.log ?? link.log;
  const self = link.nodeId;
  const selfBytes = Buffer.from(self);
  const pub: Redis = link.publisher;
  // A connection of its own for subscriptions: its messages are read as bytes (messageBuffer).
  const sub: Redis = link.subscriber.duplicate();
  const nodesChannel = `${prefix}nodes`;
  const ownChannel = `${prefix}node:${self}`;
  const documentChannel = (document: string) => `${prefix}doc:${document}`;
  const records = new Map<string, DocumentState>();
  const lastSeen = new Map<string, number>();
  /** The ticket up to which each other node said what it published is stored. */
  const acked = new Map<string, number>();
  /** The ticket up to which what this node published is stored. */
  let lastStored = 0;
  let ticket = 0;
  let request = 0;
  let upSince = Date.now();
  let lost = false;
  let closed = false;

  const up = () => !closed && pub.status === "ready" && sub.status === "ready";
  const send = (channel: string, message: WireMessage): Promise<number> =>
    pub.publish(channel, encodeWire(message)).catch((error: Error) => {
      log(`Collaboration bus: could not publish to Redis (${error.message})`);
      return 0;
    });

  sub.on("error", () => {}); // said by the link's own connections; retried with backoff
  sub.on("close", () => (lost = true));
  sub.on("ready", () => {
    if (lost) void reconnected();
    lost = false;
  });
  link.onReconnected(() => void reconnected());
  sub.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    // Redis delivers a node's own messages to it too: told from their first bytes, and not read further.
    if (sentBy(message, selfBytes)) return;
    let parsed: WireMessage;
    try {
      parsed = decodeWire(message);
    } catch (error) {
      return log(`Collaboration bus: dropped a malformed message on ${channel.toString().slice(0, 200)} (${(error as Error).message})`);
    }
    try {
      receive(channel.toString(), parsed);
    } catch (error) {
      log(`Collaboration bus: dropped a message (${parsed.kind}) from node ${parsed.node} (${(error as Error).message})`);
    }
  });
  const ready = sub.subscribe(nodesChannel, ownChannel).catch(() => {});

  function receive(channel: string, message: WireMessage): void {
    if (message.node === self) return;
    const expected =
      message.kind === "heartbeat" || message.kind === "stored"
        ? nodesChannel
        : message.kind === "sync-answer"
          ? ownChannel
          : documentChannel(message.document);
    if (channel !== expected) throw new Error("on the wrong channel");
    lastSeen.set(message.node, Date.now());
    if (message.kind === "heartbeat") return;
    if (message.kind === "stored") {
      acked.set(message.node, Math.max(acked.get(message.node) ?? 0, message.ticket));
      for (const [document, record] of records) {
        record.forgetStored(message.node, message.ticket);
        forgetIfIdle(document, record);
      }
      return;
    }
    const record = records.get(message.document);
    if (!record) return;
    // Decoded whole before it is kept or applied: an update that does not decode changes nothing.
    const clients = message.kind === "update" ? clientsOf(message.update) : undefined;
    if (message.kind === "sync-answer") for (const entry of message.unstored) Y.decodeUpdate(entry.update);
    // Kept only while loaded here: a node that has unloaded the document keeps just what it held then.
    if (message.kind === "update" && record.joined) record.keep(message);
    if (record.room) apply(record, record.room, message, clients);
    else if (record.joined) record.early.push(message);
    // Unloaded here but keeping others' unstored updates: a loading node is sent those.
    else if (message.kind === "sync-request") answer(record, undefined, message);
  }

  function answer(record: DocumentState, room: BusRoom | undefined, message: Extract<WireMessage, { kind: "sync-request" }>): void {
    const states = room ? [...room.awareness.getStates().keys()] : [];
    void send(`${prefix}node:${message.node}`, {
      kind: "sync-answer",
      node: self,
      document: message.document,
      request: message.request,
      update: room ? Y.encodeStateAsUpdate(room.doc, message.stateVector) : new Uint8Array(),
      awareness: states.length ? awarenessProtocol.encodeAwarenessUpdate(room!.awareness, states) : new Uint8Array(),
      unstored: record.unstored(),
    });
  }

  /** `clients`: an update's client ids, if it was read already. */
  function apply(record: DocumentState, room: BusRoom, message: WireMessage, clients?: number[]): void {
    switch (message.kind) {
      case "update":
        return room.receive(message.update, { userId: message.userId, clients: clients ?? clientsOf(message.update) });
      case "awareness":
        return room.receiveAwareness(message.update);
      case "sync-request":
        answer(record, room, message);
        if (message.reciprocate) void catchUp(message.document, record, room, false);
        return;
      case "sync-answer": {
        for (const entry of message.unstored) if (entry.node !== self) record.keep(entry);
        if (message.update.byteLength > 2) {
          Y.decodeUpdate(message.update);
          room.receive(message.update);
        }
        // Already in what was applied; applied again (changing nothing) for who wrote them.
        for (const entry of message.unstored) room.receive(entry.update, entry);
        if (message.awareness.byteLength) room.receiveAwareness(message.awareness);
        const catching = record.catching;
        if (catching?.request !== message.request) return;
        catching.answers += 1;
        if (catching.expected !== undefined && catching.answers >= catching.expected) catching.done();
        return;
      }
    }
  }

  /** Asks the nodes holding the document for what this one lacks; resolves once they answered, or after a wait. */
  async function catchUp(document: string, record: DocumentState, room: BusRoom, reciprocate: boolean): Promise<void> {
    if (!up()) return; // said again once the link is back
    const id = ++request;
    let done = () => {};
    const answered = new Promise<void>((resolve) => (done = resolve));
    const catching: Catching = { request: id, answers: 0, done };
    record.catching = catching;
    const receivers = await within(catchUpWaitMs, 0, send(record.channel, { kind: "sync-request", node: self, document, request: id, stateVector: Y.encodeStateVector(room.doc), reciprocate }));
    // Redis counts the subscribers it delivered to, this node among them: that many others answer.
    catching.expected = receivers - 1;
    if (catching.answers < catching.expected) {
      const timer = setTimeout(done, catchUpWaitMs);
      await answered;
      clearTimeout(timer);
    }
    if (record.catching === catching) record.catching = undefined;
  }

  function forgetIfIdle(document: string, record: DocumentState): void {
    if (!record.idle || records.get(document) !== record) return;
    records.delete(document);
    sub.unsubscribe(record.channel).catch(() => {});
  }

  /** After Redis came back: every loaded document catches up again, and this node repeats what it has stored. */
  async function reconnected(): Promise<void> {
    if (!up()) return;
    upSince = Date.now();
    for (const node of lastSeen.keys()) lastSeen.set(node, upSince);
    await sub.subscribe(nodesChannel, ownChannel, ...[...records.values()].map((record) => record.channel)).catch(() => {});
    if (lastStored) void send(nodesChannel, { kind: "stored", node: self, ticket: lastStored });
    for (const [document, record] of records) {
      if (record.room) void catchUp(document, record, record.room, true);
    }
  }

  const heartbeat = setInterval(() => {
    if (!up()) return;
    void send(nodesChannel, { kind: "heartbeat", node: self });
    if (Date.now() - upSince >= deadAfterMs) void takeOverFromTheDead();
  }, heartbeatMs);
  heartbeat.unref();
  let takingOver = false;

  /** Stores what nodes that stopped beating left unstored here. */
  async function takeOverFromTheDead(): Promise<void> {
    if (takingOver) return;
    takingOver = true;
    try {
      const now = Date.now();
      for (const [document, record] of records)
        for (const [node, entries] of record.kept) {
          if (!lastSeen.has(node)) lastSeen.set(node, now);
          if (now - lastSeen.get(node)! < deadAfterMs) continue;
          const updates = [...entries.values()].sort((a, b) => a.ticket - b.ticket);
          try {
            const rows = await storeRemainder(services.sql, document, updates);
            log(`Collaboration: node ${node} stopped; stored ${rows} of its ${updates.length} unstored updates to ${document}`);
            for (const entry of updates) entries.delete(entry.ticket);
            if (entries.size === 0) record.kept.delete(node);
            forgetIfIdle(document, record);
          } catch (error) {
            log(`Collaboration: could not yet store what node ${node} left of ${document} (${(error as Error).message}); will retry`);
          }
        }
    } finally {
      takingOver = false;
    }
  }

  return {
    async join(document: string): Promise<DocumentChannel> {
      let record = records.get(document);
      if (!record) records.set(document, (record = new DocumentState(documentChannel(document), acked)));
      const joined = record;
      joined.joined = true;
      const subscribed = sub.subscribe(joined.channel);
      // While Redis is away the subscription waits for it; the catch-up after it reconnects makes up for the gap.
      const settled = subscribed.catch(() => {});
      if (up()) await within(catchUpWaitMs, undefined, settled);
      return {
        ready: async (room) => {
          joined.room = room;
          const early = joined.early;
          joined.early = [];
          for (const message of early)
            try {
              apply(joined, room, message);
            } catch (error) {
              log(`Collaboration bus: dropped a message (${message.kind}) from node ${message.node} (${(error as Error).message})`);
            }
          await catchUp(document, joined, room, false);
        },
        publish: (update: Uint8Array, author: Author) => {
          const entry: WireUpdate = { node: self, ticket: ++ticket, userId: author.userId, agencyId: author.agencyId, at: author.at.getTime(), update };
          joined.outbox.set(entry.ticket, entry);
          void send(joined.channel, { kind: "update", document, ...entry });
          return entry.ticket;
        },
        publishAwareness: (update: Uint8Array) => void send(joined.channel, { kind: "awareness", node: self, document, update }),
        leave: () => {
          joined.joined = false;
          joined.room = undefined;
          joined.early = [];
          forgetIfIdle(document, joined);
        },
      };
    },

    stored(upTo: number): void {
      if (upTo <= lastStored) return;
      lastStored = upTo;
      for (const [document, record] of records) {
        for (const held of record.outbox.keys()) if (held <= upTo) record.outbox.delete(held);
        forgetIfIdle(document, record);
      }
      void send(nodesChannel, { kind: "stored", node: self, ticket: upTo });
    },

    async storeKept(covers: (document: string) => boolean): Promise<void> {
      for (const [document, record] of records) {
        if (!covers(document)) continue;
        for (const [node, entries] of record.kept) {
          const updates = [...entries.values()].sort((a, b) => a.ticket - b.ticket);
          const rows = await storeRemainder(services.sql, document, updates);
          if (rows) log(`Collaboration: before a hold on ${document}, stored ${rows} of the ${updates.length} updates node ${node} had not said were stored`);
          for (const entry of updates) entries.delete(entry.ticket);
          if (entries.size === 0) record.kept.delete(node);
        }
        forgetIfIdle(document, record);
      }
    },

    async close(): Promise<void> {
      closed = true;
      clearInterval(heartbeat);
      await ready;
      sub.disconnect();
    },
  };
}

/** The Yjs client ids an update writes under, reading it whole: one that does not decode throws, changing nothing. */
function clientsOf(update: Uint8Array): number[] {
  const clients = new Set<number>();
  for (const struct of Y.decodeUpdate(update).structs) clients.add(struct.id.client);
  return [...clients];
}

/** `promise`, or `fallback` if it has not settled within `ms` (a command waiting for Redis to come back). */
function within<T, F>(ms: number, fallback: F, promise: Promise<T>): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
