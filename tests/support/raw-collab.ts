// Raw access to the collaboration server for hostile-input tests: a `ws` WebSocket with a person's cookie and origin
// that sends exactly the bytes it is given and records every frame it gets back; y-protocols messages built by hand
// with lib0; a raw HTTP upgrade over TCP for refusals; and sockets that are opened and dropped before the decision.
import { connect, type Socket } from "node:net";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

export const messageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const syncKind = { step1: 0, step2: 1, update: 2 } as const;

/** Encodes with lib0: the callback writes the message. */
export function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1 = (stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())) =>
  build((e) => {
    encoding.writeVarUint(e, messageType.sync);
    encoding.writeVarUint(e, syncKind.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const syncStep2 = (update: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, messageType.sync);
    encoding.writeVarUint(e, syncKind.step2);
    encoding.writeVarUint8Array(e, update);
  });

export const syncUpdate = (update: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, messageType.sync);
    encoding.writeVarUint(e, syncKind.update);
    encoding.writeVarUint8Array(e, update);
  });

export const queryAwareness = () => build((e) => encoding.writeVarUint(e, messageType.queryAwareness));

/** One awareness entry as it goes on the wire; `json` overrides the JSON text of `state`. */
export type AwarenessEntryOut = { clientId: number; clock: number; state?: unknown; json?: string };

export const awarenessUpdate = (entries: AwarenessEntryOut[]) =>
  build((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, entry.json ?? JSON.stringify(entry.state ?? null));
    }
  });

export const awarenessMessage = (entries: AwarenessEntryOut[]) =>
  build((e) => {
    encoding.writeVarUint(e, messageType.awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate(entries));
  });

/** A Yjs update that inserts `content` into the text `field` of a fresh document with this client id. */
export function textUpdate(content: string, opts: { clientId?: number; field?: string } = {}): Uint8Array {
  const doc = new Y.Doc();
  if (opts.clientId !== undefined) doc.clientID = opts.clientId;
  doc.getText(opts.field ?? "notes").insert(0, content);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export type AwarenessEntryIn = { clientId: number; clock: number; state: Record<string, unknown> | null };

export type Received =
  | { type: "sync-step1"; stateVector: Uint8Array }
  | { type: "sync-step2"; update: Uint8Array }
  | { type: "sync-update"; update: Uint8Array }
  | { type: "awareness"; entries: AwarenessEntryIn[] }
  | { type: "auth"; reason: string }
  | { type: "undecodable"; bytes: Uint8Array; error: string };

/** Decodes one message the server sent. */
export function decodeMessage(bytes: Uint8Array): Received {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === messageType.sync) {
      const kind = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (kind === syncKind.step1) return { type: "sync-step1", stateVector: payload };
      if (kind === syncKind.step2) return { type: "sync-step2", update: payload };
      if (kind === syncKind.update) return { type: "sync-update", update: payload };
      throw new Error(`sync kind ${kind}`);
    }
    if (type === messageType.awareness) {
      const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(inner);
      const entries: AwarenessEntryIn[] = [];
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(inner);
        const clock = decoding.readVarUint(inner);
        entries.push({
          clientId,
          clock,
          state: JSON.parse(decoding.readVarString(inner)) as AwarenessEntryIn["state"],
        });
      }
      return { type: "awareness", entries };
    }
    if (type === messageType.auth) {
      decoding.readVarUint(decoder);
      return { type: "auth", reason: decoding.readVarString(decoder) };
    }
    throw new Error(`message type ${type}`);
  } catch (error) {
    return { type: "undecodable", bytes, error: (error as Error).message };
  }
}

/** The client ids that an update carries structs for, and those whose items it deletes. */
export function clientIdsIn(update: Uint8Array): { structs: Set<number>; deletes: Set<number> } {
  const decoded = Y.decodeUpdate(update);
  return {
    structs: new Set(decoded.structs.map((struct) => struct.id.client)),
    deletes: new Set(decoded.ds.clients.keys()),
  };
}

export type CloseEvent = { code: number; reason: string };

export type RawCollabSocket = {
  ws: WebSocket;
  /** Every binary frame received, decoded, in order. */
  received: Received[];
  /** Text frames received (the server should never send one). */
  textFrames: string[];
  errors: Error[];
  /** Resolves when open; rejects when the upgrade is refused ("Unexpected server response: <status>"). */
  opened: Promise<void>;
  /** Resolves with the close code and reason (1006 when the connection just dropped). */
  closed: Promise<CloseEvent>;
  closeEvent: CloseEvent | null;
  send(data: Uint8Array | string): void;
  /** Waits for a message (received since `fromIndex`, default 0) that matches. */
  waitFor<T extends Received>(
    match: (message: Received) => message is T,
    opts?: { timeoutMs?: number; fromIndex?: number }
  ): Promise<T>;
  waitFor(match: (message: Received) => boolean, opts?: { timeoutMs?: number; fromIndex?: number }): Promise<Received>;
  /** Resolves with the close event, or rejects after the timeout. */
  waitClosed(timeoutMs?: number): Promise<CloseEvent>;
  close(): void;
};

/** Opens `/collab/<documentName>` with a raw `ws` socket; `path` replaces the whole path when given. */
export function openRawCollab(
  serverUrl: string,
  documentName: string,
  opts: { cookie?: string; origin?: string | null; path?: string; maxPayload?: number } = {}
): RawCollabSocket {
  const headers: Record<string, string> = {};
  const origin = opts.origin === undefined ? serverUrl : opts.origin;
  if (origin !== null) headers.origin = origin;
  if (opts.cookie) headers.cookie = opts.cookie;
  const url = `${serverUrl.replace(/^http/, "ws")}${opts.path ?? `/collab/${documentName}`}`;
  const ws = new WebSocket(url, { headers, perMessageDeflate: false, maxPayload: opts.maxPayload ?? 64 * 1024 * 1024 });
  const received: Received[] = [];
  const textFrames: string[] = [];
  const errors: Error[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const socket: RawCollabSocket = {
    ws,
    received,
    textFrames,
    errors,
    closeEvent: null,
    opened: new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      // A refused upgrade: ws aborts the handshake ("Unexpected server response: 404") and closes.
      ws.once("error", (error) => reject(error));
      ws.once("close", () => reject(new Error("closed before it opened")));
    }),
    closed: new Promise<CloseEvent>((resolve) => {
      ws.once("close", (code, reason) => {
        socket.closeEvent = { code, reason: reason.toString() };
        notify();
        resolve(socket.closeEvent);
      });
    }),
    send(data) {
      ws.send(data, { binary: typeof data !== "string" });
    },
    waitFor(match: (message: Received) => boolean, { timeoutMs = 5000, fromIndex = 0 } = {}) {
      return new Promise<Received>((resolve, reject) => {
        const check = () => {
          const found = received.slice(fromIndex).find(match);
          if (found) {
            done();
            resolve(found);
          } else if (socket.closeEvent) {
            done();
            reject(new Error(`socket closed (${socket.closeEvent.code}) before the message came`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching message in ${timeoutMs} ms; got ${received.map((m) => m.type).join(", ")}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    waitClosed(timeoutMs = 5000) {
      return new Promise<CloseEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
        void socket.closed.then((event) => {
          clearTimeout(timer);
          resolve(event);
        });
      });
    },
    close() {
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close();
      else if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    },
  } as RawCollabSocket;
  // A refused upgrade or a reset connection is an outcome the tests look at, not a crash.
  socket.opened.catch(() => {});
  ws.on("error", (error) => errors.push(error));
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (isBinary) received.push(decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice()));
    else textFrames.push(data.toString());
    notify();
  });
  return socket;
}

export const isAuth = (message: Received): message is Extract<Received, { type: "auth" }> => message.type === "auth";
export const isAwareness = (message: Received): message is Extract<Received, { type: "awareness" }> =>
  message.type === "awareness";
export const isSyncStep2 = (message: Received): message is Extract<Received, { type: "sync-step2" }> =>
  message.type === "sync-step2";
export const isUpdate = (message: Received): message is Extract<Received, { type: "sync-update" }> =>
  message.type === "sync-update";

export type RawHttpResponse = {
  /** The status code of the first response line, or null if nothing came back. */
  status: number | null;
  /** Everything up to and including the blank line. */
  head: string;
  /** Bytes after the head: for a refusal there should be none. */
  after: Buffer;
  /** Everything the server sent, in order. */
  bytes: Buffer;
};

/** Sends an HTTP upgrade request by hand and collects every byte the server sends until it closes (or the timeout). */
export function rawUpgrade(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  opts: { timeoutMs?: number } = {}
): Promise<RawHttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => socket.write(upgradeRequest(port, path, headers)));
    const finish = () => {
      clearTimeout(timer);
      const bytes = Buffer.concat(chunks);
      const end = bytes.indexOf("\r\n\r\n");
      const head = end >= 0 ? bytes.subarray(0, end + 4).toString("latin1") : bytes.toString("latin1");
      const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
      resolve({
        status: match ? Number(match[1]) : null,
        head,
        after: end >= 0 ? bytes.subarray(end + 4) : Buffer.alloc(0),
        bytes,
      });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      finish();
    }, opts.timeoutMs ?? 3000);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", finish);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function upgradeRequest(port: number, path: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    ...Object.entries(headers).map(([key, value]) => `${key}: ${value}`),
  ];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

export type DropKind = "connect-only" | "partial-request" | "request-then-fin" | "request-then-reset";

/**
 * Opens a TCP connection and drops it before the server can decide on the upgrade: straight away, halfway through
 * the request, or right after a complete (authorised) request, by FIN or by RST. Resolves once the socket is closed.
 */
export function openAndDrop(port: number, kind: DropKind, request: string): Promise<void> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.on("close", () => resolve());
    socket.on("connect", () => {
      if (kind === "connect-only") return socket.destroy();
      if (kind === "partial-request") {
        socket.write(request.slice(0, Math.floor(request.length / 2)));
        return socket.destroy();
      }
      socket.write(request);
      if (kind === "request-then-fin") socket.end();
      else socket.resetAndDestroy();
    });
  });
}
