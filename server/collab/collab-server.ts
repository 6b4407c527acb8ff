// The Yjs sync server: the y-websocket wire protocol on the portal's own server, with access decided per document
// before anything is sent, read-only enforced here, every accepted update stored with who made it, and access
// re-checked while sockets stay open.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocketServer, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Actor } from "../access/policy";
import { recordAudit } from "../audit/record-audit";
import { readSessionTokenFromHeaders } from "../auth/session-cookie";
import { stillValidSessions, touchSessions, validateSessionToken, type SessionUser } from "../auth/sessions";
import { clientAddress, isSameOrigin, type AccessChange, endsSession, type Services } from "../services";
import { refuseUpgrade } from "../upgrade";
import { checkAwarenessUpdate, encodeAwarenessEntries, type ClientOwner } from "./awareness-guard";
import {
  documentAccess,
  parseDocumentName,
  resolveDocument,
  type DocumentName,
} from "./document-names";
import { schemaProblem } from "./document-schema";
import { claimClient, loadDocument, mergeLogByPersonAndMinute, storedBytesOf, UpdateStore, writeSnapshot } from "./persistence";

export const COLLAB_PATH = "/collab/";

const messageSync = 0;
const messageAwareness = 1;
const messageAuth = 2;
const messageQueryAwareness = 3;
const syncStep1 = 0;
const syncStep2 = 1;
const syncUpdate = 2;

/** WebSocket close codes. 4400–4499 tell the stock client not to reconnect; 4500–4599 to try again later. */
export const closeCodes = {
  sessionEnded: 4401,
  accessEnded: 4403,
  badMessage: 4400,
  tooManyRefusedEdits: 4409,
  rateLimited: 4529,
  shuttingDown: 1001,
} as const;

export type CollabOptions = {
  maxFrameBytes: number;
  maxDocumentBytes: number;
  flushDelayMs: number;
  snapshotEvery: number;
  recheckMs: number;
  unloadGraceMs: number;
  awarenessBatchMs: number;
  refusedEditsBeforeClose: number;
  rateLimit: { perSecond: number; burst: number };
};

export const defaultCollabOptions: CollabOptions = {
  maxFrameBytes: 8 * 1024 * 1024,
  maxDocumentBytes: 20 * 1024 * 1024,
  flushDelayMs: 50,
  snapshotEvery: 500,
  recheckMs: 2000,
  unloadGraceMs: 2000,
  awarenessBatchMs: 25,
  refusedEditsBeforeClose: 3,
  rateLimit: { perSecond: 200, burst: 600 },
};

type Connection = {
  ws: WebSocket;
  room: Room;
  user: SessionUser;
  actor: Actor;
  sessionId: string;
  access: "write" | "read";
  clientIds: Set<number>;
  refusedEdits: number;
  tokens: number;
  refilledAt: number;
  activeSinceCheck: boolean;
  /** Answered the last ping: a client that vanished without closing is found and let go. */
  alive: boolean;
  ip: string;
  userAgent: string;
};

type Room = {
  name: DocumentName;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  connections: Map<WebSocket, Connection>;
  lastSeq: number;
  tailRows: number;
  /** Bytes kept for the document (log and snapshot): the size its limit applies to. */
  storedBytes: number;
  full: boolean;
  /** Yjs client id → the person who writes under it. */
  documentClients: Map<number, number>;
  /** The log is merged per person per minute up to here. */
  mergedUpToSeq: number;
  /** Rows after which this document is snapshotted: the configured number, give or take, so documents spread out. */
  snapshotEvery: number;
  compactionQueued: boolean;
  unloadTimer?: NodeJS.Timeout;
  changedClients: Set<number>;
  awarenessTimer?: NodeJS.Timeout;
  /** Which connection speaks for each awareness client id (and who held it last, for reconnects). */
  clientOwners: Map<number, ClientOwner>;
};

/** Edits that arrived while writing to their document was held, in order, to be judged again when the hold ends. */
type HeldEdit = { connection: Connection; data: Buffer };

/** A hold on writing: the documents it covers, and what arrived for them meanwhile. */
type WriteHold = { covers: (name: DocumentName) => boolean; edits: HeldEdit[] };

export class CollabServer {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly wss: WebSocketServer;
  private readonly store: UpdateStore;
  private readonly recheckTimer: NodeJS.Timeout;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private rechecking = false;
  private recheckAgain = false;
  private readonly holds = new Set<WriteHold>();
  /**
   * Counts changes that ended access. A connection is decided before it joins its room; if a change ran meanwhile,
   * the re-judging of open connections could not see it, so it is decided again before it may send anything.
   */
  private accessEpoch = 0;
  private closing = false;
  /** Snapshots and log merges run one at a time, so documents that cross the threshold together do not stall everyone. */
  private compaction: Promise<void> = Promise.resolve();

  constructor(
    private readonly services: Services,
    private readonly options: CollabOptions = defaultCollabOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
    this.store = new UpdateStore(services.sql, {
      flushDelayMs: options.flushDelayMs,
      snapshotEvery: options.snapshotEvery,
      onStored: (document, rows) => this.afterStored(document, rows),
      onError: (error) => console.error("Collaboration store: could not write updates; will retry:", (error as Error).message),
    });
    this.recheckTimer = setInterval(() => void this.recheckAccess(), options.recheckMs);
    this.recheckTimer.unref();
    this.heartbeatTimer = setInterval(() => this.heartbeat(), 30_000);
    this.heartbeatTimer.unref();
  }

  private heartbeat(): void {
    for (const room of this.rooms.values())
      for (const connection of room.connections.values()) {
        if (!connection.alive) {
          connection.ws.terminate();
          continue;
        }
        connection.alive = false;
        connection.ws.ping();
      }
  }

  /** The `upgrade` handler for /collab/<document name>: decide before accepting, send nothing before deciding. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    void this.authorise(req).then(
      (decision) => {
        if (socket.destroyed) return;
        if ("status" in decision) return refuseUpgrade(socket, decision.status, decision.reason);
        if (this.closing) return refuseUpgrade(socket, 503, "Service Unavailable");
        this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, decision));
      },
      (error: unknown) => {
        console.error("Collaboration upgrade failed:", (error as Error).message);
        refuseUpgrade(socket, 500, "Internal Server Error");
      },
    );
  };

  private async authorise(req: IncomingMessage): Promise<
    | { status: number; reason: string }
    | { user: SessionUser; sessionId: string; name: DocumentName; access: "write" | "read"; caseId: number; ip: string; userAgent: string; epoch: number }
  > {
    const epoch = this.accessEpoch;
    const ip = clientAddress(this.services.config, req);
    const userAgent = String(req.headers["user-agent"] ?? "");
    if (!isSameOrigin(this.services.config, req)) {
      const { write, suppressed } = this.services.refusals.take(`collab:${ip}`, this.services.clock());
      if (write)
        await this.audit({
          action: "connect:document",
          outcome: "denied",
          target: "collab",
          ip,
          userAgent,
          details: suppressed ? { reason: "origin not allowed", suppressedSinceLastRow: suppressed } : { reason: "origin not allowed" },
        });
      return { status: 403, reason: "Forbidden" };
    }
    const token = readSessionTokenFromHeaders(this.services, req.headers);
    const found = token
      ? await validateSessionToken(this.services.sql, token, { now: this.services.clock(), settings: this.services.sessionSettings })
      : null;
    if (!found) return { status: 401, reason: "Unauthorized" };
    const { user, session } = found;
    // Someone signed in with a one-time password reads nothing until they have chosen their own.
    if (user.mustChangePassword) return { status: 403, reason: "Forbidden" };
    let rawName = "";
    try {
      rawName = decodeURIComponent((req.url ?? "").split("?")[0].slice(COLLAB_PATH.length));
    } catch {
      rawName = "";
    }
    if (/[\u0000-\u001f\u007f]/.test(rawName)) rawName = rawName.replace(/[\u0000-\u001f\u007f]/g, "?");
    const name = parseDocumentName(rawName);
    const resolved = name ? await resolveDocument(this.services.sql, name) : null;
    const actor = actorOf(user);
    const access = resolved ? documentAccess(actor, resolved.resource) : "none";
    if (!resolved || access === "none") {
      await this.audit({
        user,
        action: "read:record",
        outcome: "denied",
        caseId: resolved?.facts.caseId ?? null,
        target: `document:${rawName.slice(0, 200)}`,
        ip,
        userAgent,
        details: { reason: !name ? "unknown document type" : !resolved ? "no such record" : "policy" },
      });
      return { status: 404, reason: "Not Found" };
    }
    await this.audit({ user, action: "open:document", outcome: "success", caseId: resolved.facts.caseId, target: `document:${name!.name}`, ip, userAgent, details: { access } });
    return { user, sessionId: session.id, name: name!, access, caseId: resolved.facts.caseId, ip, userAgent, epoch };
  }

  private async accept(
    ws: WebSocket,
    decision: { user: SessionUser; sessionId: string; name: DocumentName; access: "write" | "read"; ip: string; userAgent: string; epoch: number },
  ): Promise<void> {
    // Messages that arrive while the document loads wait for it: nothing is answered from an empty document.
    const queued: { data: Buffer; isBinary: boolean }[] = [];
    const queue = (data: Buffer, isBinary: boolean) => queued.push({ data, isBinary });
    ws.on("message", queue);
    ws.on("error", () => ws.terminate());
    let room: Room;
    try {
      room = await this.room(decision.name);
    } catch (error) {
      console.error("Collaboration: could not load", decision.name.name, (error as Error).message);
      ws.close(1011, "The document could not be loaded");
      return;
    }
    // A sign-out, removal or sign-off that ran while this connection was being decided was not applied to it: decide
    // again, until no such change has run since, then join the room at once (nothing awaited in between).
    let access: "write" | "read" | "none" = decision.access;
    while (decision.epoch !== this.accessEpoch && access !== "none") {
      decision.epoch = this.accessEpoch;
      access = await this.decideAgain(decision, room).catch(() => "none" as const);
    }
    if (access === "none") ws.close(closeCodes.accessEnded, "You no longer have access to this document.");
    if (access === "none" || ws.readyState !== ws.OPEN) return this.releaseIfEmpty(room);
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = undefined;

    const connection: Connection = {
      ws,
      room,
      user: decision.user,
      actor: actorOf(decision.user),
      sessionId: decision.sessionId,
      access,
      clientIds: new Set(),
      refusedEdits: 0,
      tokens: this.options.rateLimit.burst,
      refilledAt: Date.now(),
      activeSinceCheck: false,
      alive: true,
      ip: decision.ip,
      userAgent: decision.userAgent,
    };
    room.connections.set(ws, connection);
    ws.off("message", queue);
    ws.on("message", (data: Buffer, isBinary: boolean) => this.receive(connection, data, isBinary));
    ws.on("close", () => this.disconnect(connection));
    ws.on("pong", () => (connection.alive = true));

    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, messageSync);
    encoding.writeVarUint(step1, syncStep1);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(room.doc));
    send(ws, encoding.toUint8Array(step1));
    if (connection.access === "read") sendPermissionNotice(ws, "read-only: You can read this document but not change it.");
    const states = room.awareness.getStates();
    if (states.size > 0) send(ws, awarenessMessage(room.awareness, [...states.keys()]));
    for (const { data, isBinary } of queued) this.receive(connection, data, isBinary);
  }

  private room(name: DocumentName): Promise<Room> {
    const existing = this.rooms.get(name.name);
    if (existing) return Promise.resolve(existing);
    const pending = this.loading.get(name.name);
    if (pending) return pending;
    const load = (async () => {
      const stored = await loadDocument(this.services.sql, name.name);
      const awareness = new awarenessProtocol.Awareness(stored.doc);
      awareness.setLocalState(null);
      const room: Room = {
        name,
        doc: stored.doc,
        awareness,
        connections: new Map(),
        lastSeq: stored.lastSeq,
        tailRows: stored.tailRows,
        storedBytes: stored.storedBytes,
        full: stored.storedBytes > this.options.maxDocumentBytes,
        documentClients: stored.clientOwners,
        mergedUpToSeq: 0,
        snapshotEvery: Math.round(this.options.snapshotEvery * (0.75 + Math.random() * 0.5)),
        compactionQueued: false,
        changedClients: new Set(),
        clientOwners: new Map(),
      };
      stored.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocumentUpdate(room, update, origin));
      awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        for (const id of [...added, ...updated, ...removed]) room.changedClients.add(id);
        room.awarenessTimer ??= setTimeout(() => this.flushAwareness(room), this.options.awarenessBatchMs);
      });
      this.rooms.set(name.name, room);
      return room;
    })();
    this.loading.set(name.name, load);
    return load.finally(() => this.loading.delete(name.name));
  }

  private onDocumentUpdate(room: Room, update: Uint8Array, origin: unknown): void {
    const from = origin as Connection | undefined;
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, messageSync);
    encoding.writeVarUint(message, syncUpdate);
    encoding.writeVarUint8Array(message, update);
    const bytes = encoding.toUint8Array(message);
    for (const [ws] of room.connections) if (ws !== from?.ws) send(ws, bytes);
    if (!from) return;
    room.lastSeq += 1;
    room.storedBytes += update.byteLength;
    this.store.add({
      document: room.name.name,
      seq: room.lastSeq,
      update,
      userId: from.user.id,
      agencyId: from.user.agencyId,
      at: this.services.clock(),
    });
  }

  private flushAwareness(room: Room): void {
    room.awarenessTimer = undefined;
    const changed = [...room.changedClients];
    room.changedClients.clear();
    if (changed.length === 0 || room.connections.size === 0) return;
    const message = awarenessMessage(room.awareness, changed);
    for (const [ws] of room.connections) send(ws, message);
  }

  private receive(connection: Connection, data: Buffer, isBinary: boolean): void {
    const { ws } = connection;
    // Frames already on the wire when the server closed the socket are not served.
    if (ws.readyState !== ws.OPEN) return;
    if (!isBinary) return ws.close(closeCodes.badMessage, "Binary messages only");
    if (!this.takeTokens(connection, 1 + data.byteLength / 65_536))
      return ws.close(closeCodes.rateLimited, "Too many messages; reconnect shortly");
    const hold = this.holds.size > 0 && connection.access === "write" && isEdit(data) ? this.holdOn(connection.room.name) : undefined;
    if (hold) return void hold.edits.push({ connection, data });
    this.handle(connection, data, false);
  }

  /** `late`: an edit held while writing was being closed; refused now, it is not held against the connection. */
  private handle(connection: Connection, data: Buffer, late: boolean): void {
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

  private receiveSync(connection: Connection, decoder: decoding.Decoder, late: boolean): void {
    const { room, ws } = connection;
    const kind = decoding.readVarUint(decoder);
    if (kind === syncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, messageSync);
      encoding.writeVarUint(reply, syncStep2);
      encoding.writeVarUint8Array(reply, Y.encodeStateAsUpdate(room.doc, stateVector));
      const bytes = encoding.toUint8Array(reply);
      // The whole document, on request: charged to the rate limit, so asking again and again closes the socket.
      if (!this.takeTokens(connection, bytes.byteLength / 65_536)) return ws.close(closeCodes.rateLimited, "Too many requests; reconnect shortly");
      return send(ws, bytes);
    }
    if (kind !== syncStep2 && kind !== syncUpdate) return ws.close(closeCodes.badMessage, "Unknown sync message");
    const update = decoding.readVarUint8Array(decoder);
    if (update.byteLength <= 2) return; // an empty update: nothing to add or delete
    if (connection.access !== "write") {
      // A reader's first sync-step-2 carries its whole delete set; deletions the document already has change nothing.
      if (!addsContent(room.doc, update) && deletesOnlyWhatIsDeleted(room.doc, update)) return;
      return this.refuseEdit(connection, late ? "edit arrived as writing was closed" : "edit from a read-only connection", !late);
    }
    if (room.full || room.storedBytes + update.byteLength > this.options.maxDocumentBytes) {
      room.full = true;
      return sendPermissionNotice(ws, "document-full: This document has reached its size limit. Start a new one; nothing more can be added here.");
    }
    // Decoded whole before anything is applied: an update that does not decode changes nothing.
    const decoded = Y.decodeUpdate(update);
    const problem = schemaProblem(decoded);
    if (problem) return this.refuseEdit(connection, `content outside the editor's schema: ${problem}`);
    // New content may only be written under client ids of this person: nobody writes in another's name.
    const reaches = new Map<number, number>();
    for (const struct of decoded.structs)
      reaches.set(struct.id.client, Math.max(reaches.get(struct.id.client) ?? 0, struct.id.clock + struct.length));
    for (const [clientId, clock] of reaches) {
      const known = Y.getState(room.doc.store, clientId);
      if (clock <= known) continue;
      const owner = room.documentClients.get(clientId);
      if (owner === connection.user.id) continue;
      if (owner !== undefined || known > 0) return this.refuseEdit(connection, "content under another person's client id");
      room.documentClients.set(clientId, connection.user.id);
      void claimClient(this.services.sql, room.name.name, clientId, connection.user.id).catch((error: Error) =>
        console.error("Collaboration: could not record a client id:", error.message),
      );
    }
    Y.applyUpdate(room.doc, update, connection);
    connection.activeSinceCheck = true;
    // Content that waits for something the document does not have would sit in memory unseen, and could later
    // appear under someone else's change: a well-behaved client never sends it.
    if (room.doc.store.pendingStructs || room.doc.store.pendingDs) {
      room.doc.store.pendingStructs = null;
      room.doc.store.pendingDs = null;
      this.refuseEdit(connection, "an update that depends on content the document does not have");
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

  private refuseEdit(connection: Connection, reason: string, counts = true): void {
    if (counts) connection.refusedEdits += 1;
    const caseId = connection.room.name.caseId;
    void this.audit({
      user: connection.user,
      action: "write:record",
      outcome: "denied",
      caseId,
      target: `document:${connection.room.name.name}`,
      ip: connection.ip,
      userAgent: connection.userAgent,
      details: { reason },
    });
    if (connection.refusedEdits >= this.options.refusedEditsBeforeClose)
      connection.ws.close(closeCodes.tooManyRefusedEdits, "Changes refused: this connection may only read");
  }

  /** The per-connection rate limit, charged by messages and by bytes (in and out), so size cannot buy volume. */
  private takeTokens(connection: Connection, cost: number): boolean {
    const now = Date.now();
    const { perSecond, burst } = this.options.rateLimit;
    connection.tokens = Math.min(burst, connection.tokens + ((now - connection.refilledAt) / 1000) * perSecond);
    connection.refilledAt = now;
    if (connection.tokens < cost) return false;
    connection.tokens -= cost;
    return true;
  }

  private disconnect(connection: Connection): void {
    const { room } = connection;
    if (!room.connections.delete(connection.ws)) return;
    for (const clientId of connection.clientIds) room.clientOwners.set(clientId, { connection: undefined, userId: connection.user.id });
    // Ids of people long gone are forgotten once there are many; they are only kept so a reconnect can reclaim its own.
    if (room.clientOwners.size > 1000)
      for (const [clientId, owner] of room.clientOwners) if (owner.connection === undefined) room.clientOwners.delete(clientId);
    if (connection.clientIds.size)
      awarenessProtocol.removeAwarenessStates(room.awareness, [...connection.clientIds], "disconnect");
    this.releaseIfEmpty(room);
  }

  private releaseIfEmpty(room: Room): void {
    if (room.connections.size > 0 || room.unloadTimer) return;
    room.unloadTimer = setTimeout(() => void this.unload(room), this.options.unloadGraceMs);
  }

  /** Flushes, snapshots if the tail has grown, then destroys the document, unless someone came back meanwhile. */
  private async unload(room: Room): Promise<void> {
    room.unloadTimer = undefined;
    await this.store.flush().catch(() => {});
    await this.compaction;
    if (room.connections.size > 0 || this.rooms.get(room.name.name) !== room) return;
    await this.snapshot(room, { write: room.tailRows > 0 }).catch((error: Error) =>
      console.error("Collaboration: could not compact", room.name.name, error.message),
    );
    if (room.connections.size > 0) return;
    this.rooms.delete(room.name.name);
    if (room.awarenessTimer) clearTimeout(room.awarenessTimer);
    room.awareness.destroy();
    room.doc.destroy();
  }

  private afterStored(document: string, rows: number): void {
    const room = this.rooms.get(document);
    if (!room) return;
    room.tailRows += rows;
    if (room.tailRows < room.snapshotEvery || room.compactionQueued) return;
    room.compactionQueued = true;
    this.compaction = this.compaction
      .then(() => (this.rooms.get(document) === room ? this.snapshot(room) : undefined))
      .catch((error: Error) => console.error("Collaboration snapshot failed:", error.message))
      .finally(() => (room.compactionQueued = false));
  }

  /** Writes a snapshot (unless told not to) and merges the log's ended minutes. */
  private async snapshot(room: Room, opts: { write: boolean } = { write: true }): Promise<void> {
    const now = this.services.clock();
    const document = room.name.name;
    if (opts.write) {
      room.tailRows = 0;
      await writeSnapshot(this.services.sql, document, Y.encodeStateAsUpdate(room.doc), room.lastSeq, now);
    }
    const merged = await mergeLogByPersonAndMinute(this.services.sql, document, now, room.mergedUpToSeq);
    room.mergedUpToSeq = merged.upToSeq;
    room.storedBytes = await storedBytesOf(this.services.sql, document);
  }

  private holdOn(name: DocumentName): WriteHold | undefined {
    for (const hold of this.holds) if (hold.covers(name)) return hold;
    return undefined;
  }

  /**
   * Holds writing to the documents `covers` picks, open now or opened meanwhile, and commits everything accepted
   * before the hold: what is stored is then exactly the record as it stood. Edits that arrive while held are kept and,
   * when the hold is released, judged again under the access the connection has then (so a sign-off refuses them,
   * and a sign-off that was itself refused loses nothing).
   */
  async holdWrites(covers: (name: DocumentName) => boolean): Promise<() => void> {
    const hold: WriteHold = { covers, edits: [] };
    this.holds.add(hold);
    const release = () => {
      if (!this.holds.delete(hold)) return;
      for (const { connection, data } of hold.edits) this.handle(connection, data, true);
    };
    try {
      await this.store.flush();
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /** The access a connection being accepted has now: its session still valid, and the policy's word on the document. */
  private async decideAgain(decision: { user: SessionUser; sessionId: string; name: DocumentName }, room: Room): Promise<"write" | "read" | "none"> {
    const now = this.services.clock();
    const valid = await stillValidSessions(this.services.sql, [decision.sessionId], { now, settings: this.services.sessionSettings });
    if (!valid.has(decision.sessionId)) return "none";
    const resolved = await resolveDocument(this.services.sql, room.name);
    return resolved ? documentAccess(actorOf(decision.user), resolved.resource) : "none";
  }

  /** Applies a change that ends access to open connections before it is reported done. */
  async endAccess(change: AccessChange): Promise<void> {
    this.accessEpoch += 1;
    if (change.kind === "sessions-ended") {
      for (const room of this.rooms.values())
        for (const connection of room.connections.values())
          if (connection.user.id === change.userId && endsSession(change, connection.sessionId))
            connection.ws.close(closeCodes.sessionEnded, "Your session has ended. Sign in again.");
      return;
    }
    await this.recheckRooms([...this.rooms.values()].filter((room) => room.name.caseId === change.caseId));
  }

  /** Each open connection of these rooms gets the access the policy gives it now: closed, read-only, or as it was. */
  private async recheckRooms(rooms: Room[]): Promise<void> {
    for (const room of rooms) {
      if (room.connections.size === 0) continue;
      const resolved = await resolveDocument(this.services.sql, room.name);
      for (const connection of room.connections.values()) {
        const access = resolved ? documentAccess(connection.actor, resolved.resource) : "none";
        if (access === "none") connection.ws.close(closeCodes.accessEnded, "You no longer have access to this document.");
        else if (access === "read" && connection.access === "write") {
          connection.access = "read";
          sendPermissionNotice(connection.ws, "read-only: You can no longer change this document. What you wrote before is kept.");
        }
      }
    }
  }

  /** Closes or downgrades the sockets of anyone whose access has ended: signed out, deactivated, removed, locked. */
  async recheckAccess(): Promise<void> {
    if (this.closing) return;
    // Asked for while a pass runs (a sign-off, a removal): run once more when it ends, since it may have read too early.
    if (this.rechecking) {
      this.recheckAgain = true;
      return;
    }
    this.rechecking = true;
    this.recheckAgain = false;
    try {
      const connections = [...this.rooms.values()].flatMap((room) => [...room.connections.values()]);
      if (connections.length === 0) return;
      const now = this.services.clock();
      const sessionIds = [...new Set(connections.map((connection) => connection.sessionId))];
      const valid = await stillValidSessions(this.services.sql, sessionIds, { now, settings: this.services.sessionSettings });
      const active = new Set(connections.filter((c) => c.activeSinceCheck && valid.has(c.sessionId)).map((c) => c.sessionId));
      await touchSessions(this.services.sql, [...active], now);
      for (const connection of connections) {
        connection.activeSinceCheck = false;
        if (!valid.has(connection.sessionId)) connection.ws.close(closeCodes.sessionEnded, "Your session has ended. Sign in again.");
      }
      await this.recheckRooms([...this.rooms.values()]);
    } catch (error) {
      console.error("Collaboration access re-check failed:", (error as Error).message);
    } finally {
      this.rechecking = false;
      if (this.recheckAgain) void this.recheckAccess();
    }
  }

  /** For tests and the benchmark: what is loaded now. */
  stats() {
    return {
      documents: this.rooms.size,
      connections: [...this.rooms.values()].reduce((sum, room) => sum + room.connections.size, 0),
    };
  }

  /** Stops accepting, closes every socket, commits what is queued. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.recheckTimer);
    clearInterval(this.heartbeatTimer);
    for (const room of this.rooms.values()) for (const [ws] of room.connections) ws.close(closeCodes.shuttingDown, "The server is restarting");
    await this.store.close().catch(() => {});
    for (const room of this.rooms.values()) {
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      if (room.awarenessTimer) clearTimeout(room.awarenessTimer);
    }
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  /** Commits every accepted update now (tests and shutdown). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  private audit(event: {
    user?: SessionUser;
    action: string;
    outcome: "success" | "failure" | "denied";
    caseId?: number | null;
    target: string;
    ip: string;
    userAgent: string;
    details?: Record<string, unknown>;
  }): Promise<void> {
    return recordAudit(this.services.sql, {
      at: this.services.clock(),
      userId: event.user?.id ?? null,
      agencyId: event.user?.agencyId ?? null,
      action: event.action,
      outcome: event.outcome,
      caseId: event.caseId ?? null,
      target: event.target,
      ip: event.ip,
      userAgent: event.userAgent,
      details: event.details,
    }).catch((error: Error) => console.error("Audit write failed:", error.message));
  }
}

function actorOf(user: SessionUser): Actor {
  return { id: user.id, agencyId: user.agencyId, agencyKind: user.agencyKind, role: user.role };
}

/** A socket that stops reading is closed rather than buffered for without end (one message larger than this may go). */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

function send(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.bufferedAmount > 0 && ws.bufferedAmount + message.byteLength > MAX_BUFFERED_BYTES)
    return ws.close(closeCodes.rateLimited, "Not reading; reconnect shortly");
  ws.send(message);
}

/** Whether a message is a sync step 2 or update: something that would change the document. */
function isEdit(data: Buffer): boolean {
  try {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== messageSync) return false;
    const kind = decoding.readVarUint(decoder);
    return kind === syncStep2 || kind === syncUpdate;
  } catch {
    return false;
  }
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
function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** y-websocket's auth message: the stock client passes the reason to its permission-denied handler. */
function sendPermissionNotice(ws: WebSocket, reason: string): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  send(ws, encoding.toUint8Array(encoder));
}
