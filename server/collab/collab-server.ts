// The Yjs sync server: the y-websocket wire protocol on the portal's own server, with access decided per document
// before anything is sent, read-only enforced here, every accepted update stored with who made it, and access
// re-checked while sockets stay open. Its hooks live beside it: authenticate (the upgrade), connection (rate limit,
// refusals, send), message-receiver (sync, awareness), update-guard, live-document(s) (load, apply, broadcast, store,
// unload), write-holds, and the bus through which an update leaves the process.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import { WebSocketServer, type WebSocket } from "ws";
import type { AccessWatch, Door } from "../realtime/access-watch";
import type { Services } from "../services";
import { refuseUpgrade } from "../upgrade";
import { actorOf } from "../auth/authenticate";
import { authenticateUpgrade, decideAgain, type Admission } from "./authenticate";
import { LocalBus, type CollabBus } from "./bus";
import { send, sendPermissionNotice, type Connection } from "./connection";
import { documentAccess, resolveDocument, resolveDocuments, type DocumentName } from "../documents/registry";
import type { LiveDocument } from "./live-document";
import { LiveDocuments } from "./live-documents";
import { MessageReceiver } from "./message-receiver";
import { defaultCollabOptions, type CollabOptions } from "./options";
import { awarenessMessage, closeCodes, syncMessage, syncStep1 } from "./protocol";
import { WriteHolds } from "./write-holds";

export { COLLAB_PATH } from "./authenticate";
export { closeCodes } from "./protocol";
export { defaultCollabOptions, type CollabOptions } from "./options";

export class CollabServer {
  private readonly wss: WebSocketServer;
  private readonly documents: LiveDocuments;
  private readonly holds = new WriteHolds();
  private readonly receiver: MessageReceiver;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private closing = false;

  /**
   * `watch` re-checks every open connection's session and asks this server to re-judge its documents; its epoch counts
   * changes that ended access. A connection is decided before it joins its room; if such a change ran meanwhile, the
   * re-judging of open connections could not see it, so it is decided again before it may send anything.
   */
  constructor(
    private readonly services: Services,
    private readonly watch: AccessWatch,
    private readonly options: CollabOptions = defaultCollabOptions,
    private readonly bus: CollabBus = new LocalBus(),
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false });
    this.documents = new LiveDocuments(services, options, bus);
    this.receiver = new MessageReceiver(services, options, this.holds);
    watch.add(this.door);
    this.heartbeatTimer = setInterval(() => this.heartbeat(), 30_000);
    this.heartbeatTimer.unref();
  }

  private connections(rooms: Iterable<LiveDocument> = this.documents.all()): Connection[] {
    return [...rooms].flatMap((room) => [...room.connections.values()]);
  }

  private heartbeat(): void {
    for (const connection of this.connections()) {
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
    void authenticateUpgrade(this.services, req, this.watch.epoch).then(
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

  private async accept(ws: WebSocket, decision: Admission): Promise<void> {
    // Messages that arrive while the document loads wait for it: nothing is answered from an empty document.
    const queued: { data: Buffer; isBinary: boolean }[] = [];
    const queue = (data: Buffer, isBinary: boolean) => queued.push({ data, isBinary });
    ws.on("message", queue);
    ws.on("error", () => ws.terminate());
    let room: LiveDocument;
    try {
      room = await this.documents.open(decision.name);
    } catch (error) {
      console.error("Collaboration: could not load", decision.name.name, (error as Error).message);
      ws.close(1011, "The document could not be loaded");
      return;
    }
    // A sign-out, removal or sign-off that ran while this connection was being decided was not applied to it: decide
    // again, until no such change has run since, then join the room at once (nothing awaited in between).
    let access: "write" | "read" | "none" = decision.access;
    while (decision.epoch !== this.watch.epoch && access !== "none") {
      decision.epoch = this.watch.epoch;
      access = await decideAgain(this.services, { ...decision, name: room.name }).catch(() => "none" as const);
    }
    if (access === "none") ws.close(closeCodes.accessEnded, "You no longer have access to this document.");
    if (access === "none" || ws.readyState !== ws.OPEN) return this.documents.releaseIfEmpty(room);
    this.documents.keep(room);

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
      // Opening a document is activity: the access watch's next pass moves its session's idle clock on (the upgrade
      // looked the session up without touching it, batched with the others arriving).
      activeSinceCheck: true,
      alive: true,
      ip: decision.ip,
      userAgent: decision.userAgent,
    };
    room.connections.set(ws, connection);
    ws.off("message", queue);
    ws.on("message", (data: Buffer, isBinary: boolean) => this.receiver.receive(connection, data, isBinary));
    ws.on("close", () => this.disconnect(connection));
    ws.on("pong", () => (connection.alive = true));

    send(ws, syncMessage(syncStep1, Y.encodeStateVector(room.doc)));
    if (connection.access === "read") sendPermissionNotice(ws, "read-only: You can read this document but not change it.");
    const states = room.awareness.getStates();
    if (states.size > 0) send(ws, awarenessMessage(room.awareness, [...states.keys()]));
    for (const { data, isBinary } of queued) this.receiver.receive(connection, data, isBinary);
  }

  private disconnect(connection: Connection): void {
    if (connection.room.leave(connection)) this.documents.releaseIfEmpty(connection.room);
  }

  /**
   * Holds writing to the documents `covers` picks, open now or opened meanwhile, and commits everything accepted
   * before the hold: what is stored is then exactly the record as it stood. Edits that arrive while held are kept and,
   * when the hold is released, judged again under the access the connection has then (so a sign-off refuses them,
   * and a sign-off that was itself refused loses nothing).
   */
  holdWrites(covers: (name: DocumentName) => boolean): Promise<() => void> {
    return this.holds.hold(
      covers,
      () => this.documents.flush(),
      (connection, data) => this.receiver.handle(connection, data, true),
    );
  }

  /** Stores what this node keeps of other nodes' updates to the documents `covers` picks (the second step of a hold). */
  storeKept(covers: (name: string) => boolean): Promise<void> {
    return this.bus.storeKept?.(covers) ?? Promise.resolve();
  }

  /** What the access watch sees of this server: its open connections, and a re-judging of their documents. */
  private readonly door: Door = {
    openSockets: () =>
      this.connections().map((connection) => ({
        userId: connection.user.id,
        sessionId: connection.sessionId,
        takeActivity: () => {
          const active = connection.activeSinceCheck;
          connection.activeSinceCheck = false;
          return active;
        },
        endSession: () => connection.ws.close(closeCodes.sessionEnded, "Your session has ended. Sign in again."),
      })),
    judgeRooms: (caseId) =>
      this.recheckRooms([...this.documents.all()].filter((room) => caseId === undefined || room.name.caseId === caseId || room.name.caseId === undefined)),
  };

  /** Each open connection of these rooms gets the access the policy gives it now: closed, read-only, or as it was. */
  private async recheckRooms(rooms: LiveDocument[]): Promise<void> {
    if (this.closing) return;
    const open = rooms.filter((room) => room.connections.size > 0);
    const resolvedAll = await resolveDocuments(this.services.sql, open.map((room) => room.name), this.services.clock());
    for (const [i, room] of open.entries()) {
      const resolved = resolvedAll[i];
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

  /** For tests and the benchmark: what is loaded now. */
  stats() {
    return { documents: this.documents.size, connections: this.connections().length };
  }

  /** Stops accepting, closes every socket, commits what is queued. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeatTimer);
    for (const connection of this.connections()) connection.ws.close(closeCodes.shuttingDown, "The server is restarting");
    await this.documents.close();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    // After the last commit, so the other nodes hear that everything this one published is stored.
    await this.bus.close();
  }

  /** Commits every accepted update now (tests and shutdown). */
  flush(): Promise<void> {
    return this.documents.flush();
  }
}
