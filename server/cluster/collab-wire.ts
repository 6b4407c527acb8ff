// The collaboration messages nodes send each other through Redis, as bytes: a header (magic, version, kind), the
// sending node first, then fixed-width lengths before every string and byte string. Everything another node sends is
// hostile until it has been read back here: every length is checked against what is left, every string and number
// against its rule, and nothing may trail. (Checked by hand, not by a schema library: these are read thousands of
// times a second on every node, and the rules are few; tests/unit/collab-wire.test.ts holds each refusal.)

const MAGIC = 0xc7;
const VERSION = 2;
/** Larger than any document may grow (COLLAB_MAX_DOCUMENT_MB) with room to spare; a message past it is refused. */
export const MAX_WIRE_BYTES = 128 * 1024 * 1024;

/** An accepted update as it travels: who accepted it (node, ticket) and who made it. */
export type WireUpdate = { node: string; ticket: number; userId: number; agencyId: string; at: number; update: Uint8Array };

export type WireMessage =
  | ({ kind: "update"; document: string } & WireUpdate)
  /** Every update `node` published, to any document, up to `ticket` is stored (it stores them in ticket order). */
  | { kind: "stored"; node: string; ticket: number }
  | { kind: "awareness"; node: string; document: string; update: Uint8Array }
  /**
   * A node that loaded the document (or reconnected) asks for what its state vector lacks; `reciprocate` (after a
   * reconnect) asks each answering node to ask back, since it may lack what the asker accepted while Redis was away.
   */
  | { kind: "sync-request"; node: string; document: string; request: number; stateVector: Uint8Array; reciprocate: boolean }
  /** The answer, to the asking node: what it lacks, the carets here, and the updates not yet stored that this node keeps. */
  | { kind: "sync-answer"; node: string; document: string; request: number; update: Uint8Array; awareness: Uint8Array; unstored: WireUpdate[] }
  | { kind: "heartbeat"; node: string };

const kinds = ["update", "stored", "awareness", "sync-request", "sync-answer", "heartbeat"] as const;

const nodeIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const documentPattern = /^[a-z0-9:_-]{1,200}$/i;
const NODE_ID_BYTES = 36;

function check(ok: boolean, field: string, rule: string): void {
  if (!ok) throw new Error(`${field}: ${rule}`);
}
const checkNode = (value: string, field = "node") => check(nodeIdPattern.test(value), field, "not a node id");
const checkDocument = (value: string) => check(documentPattern.test(value), "document", "not a document name");
const checkCount = (value: number, field: string) => check(Number.isSafeInteger(value) && value >= 0, field, "not a whole number of 0 or more");

function checkUpdate(u: WireUpdate, at = ""): void {
  checkNode(u.node, `${at}node`);
  checkCount(u.ticket, `${at}ticket`);
  checkCount(u.userId, `${at}userId`);
  check(u.agencyId.length >= 1 && u.agencyId.length <= 100, `${at}agencyId`, "not an agency id");
  checkCount(u.at, `${at}at`);
}

class Writer {
  private readonly parts: Buffer[] = [];
  u32(value: number) {
    const part = Buffer.allocUnsafe(4);
    part.writeUInt32BE(value);
    this.parts.push(part);
  }
  /** Integers up to 2^53, as a double. */
  int(value: number) {
    const part = Buffer.allocUnsafe(8);
    part.writeDoubleBE(value);
    this.parts.push(part);
  }
  bytes(value: Uint8Array) {
    this.u32(value.byteLength);
    this.parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  string(value: string) {
    this.bytes(Buffer.from(value, "utf8"));
  }
  byte(value: number) {
    this.parts.push(Buffer.from([value]));
  }
  header(kind: WireMessage["kind"]) {
    this.parts.push(Buffer.from([MAGIC, VERSION, kinds.indexOf(kind)]));
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buffer: Buffer) {}
  private need(length: number) {
    if (length > this.buffer.byteLength - this.at) throw new Error("truncated");
  }
  byte(): number {
    this.need(1);
    return this.buffer[this.at++];
  }
  flag(): boolean {
    const value = this.byte();
    if (value > 1) throw new Error("not a flag");
    return value === 1;
  }
  u32(): number {
    this.need(4);
    const value = this.buffer.readUInt32BE(this.at);
    this.at += 4;
    return value;
  }
  int(): number {
    this.need(8);
    const value = this.buffer.readDoubleBE(this.at);
    this.at += 8;
    return value;
  }
  /** A copy, so nothing later reads past it into a pooled buffer it shares. */
  bytes(): Uint8Array {
    const length = this.u32();
    this.need(length);
    const value = new Uint8Array(this.buffer.subarray(this.at, this.at + length));
    this.at += length;
    return value;
  }
  string(): string {
    return Buffer.from(this.bytes()).toString("utf8");
  }
  end() {
    if (this.at !== this.buffer.byteLength) throw new Error("trailing bytes");
  }
}

/** An update's fields after its node (written first, as every message's sender is). */
function writeUpdateFields(w: Writer, u: WireUpdate) {
  w.int(u.ticket);
  w.int(u.userId);
  w.string(u.agencyId);
  w.int(u.at);
  w.bytes(u.update);
}

function readUpdateFields(r: Reader, node: string): WireUpdate {
  return { node, ticket: r.int(), userId: r.int(), agencyId: r.string(), at: r.int(), update: r.bytes() };
}

export function encodeWire(message: WireMessage): Buffer {
  const w = new Writer();
  w.header(message.kind);
  w.string(message.node);
  switch (message.kind) {
    case "update":
      w.string(message.document);
      writeUpdateFields(w, message);
      break;
    case "stored":
      w.int(message.ticket);
      break;
    case "awareness":
      w.string(message.document);
      w.bytes(message.update);
      break;
    case "sync-request":
      w.string(message.document);
      w.int(message.request);
      w.bytes(message.stateVector);
      w.byte(message.reciprocate ? 1 : 0);
      break;
    case "sync-answer":
      w.string(message.document);
      w.int(message.request);
      w.bytes(message.update);
      w.bytes(message.awareness);
      w.u32(message.unstored.length);
      for (const entry of message.unstored) {
        w.string(entry.node);
        writeUpdateFields(w, entry);
      }
      break;
    case "heartbeat":
      break;
  }
  return w.done();
}

/** Whether `buffer` is a message `node` sent: read from its first bytes, so a node skips its own without reading them. */
export function sentBy(buffer: Buffer, node: Buffer): boolean {
  return (
    node.byteLength === NODE_ID_BYTES &&
    buffer.byteLength >= 7 + NODE_ID_BYTES &&
    buffer.readUInt32BE(3) === NODE_ID_BYTES &&
    buffer.compare(node, 0, NODE_ID_BYTES, 7, 7 + NODE_ID_BYTES) === 0
  );
}

/** Reads a message from another node; throws, naming what is wrong, if it is not one. */
export function decodeWire(buffer: Buffer): WireMessage {
  if (buffer.byteLength > MAX_WIRE_BYTES) throw new Error("too large");
  const r = new Reader(buffer);
  if (r.byte() !== MAGIC || r.byte() !== VERSION) throw new Error("not a collaboration message of this version");
  const kind = kinds[r.byte()];
  if (kind === undefined) throw new Error("unknown kind");
  const node = r.string();
  checkNode(node);
  let message: WireMessage;
  switch (kind) {
    case "update": {
      const document = r.string();
      message = { kind, document, ...readUpdateFields(r, node) };
      checkDocument(document);
      checkUpdate(message);
      break;
    }
    case "stored":
      message = { kind, node, ticket: r.int() };
      checkCount(message.ticket, "ticket");
      break;
    case "awareness":
      message = { kind, node, document: r.string(), update: r.bytes() };
      checkDocument(message.document);
      break;
    case "sync-request":
      message = { kind, node, document: r.string(), request: r.int(), stateVector: r.bytes(), reciprocate: r.flag() };
      checkDocument(message.document);
      checkCount(message.request, "request");
      break;
    case "sync-answer": {
      const head = { kind, node, document: r.string(), request: r.int(), update: r.bytes(), awareness: r.bytes() };
      checkDocument(head.document);
      checkCount(head.request, "request");
      const entries = r.u32();
      // Each entry takes at least its fixed-width fields: a count the message cannot hold is refused before any work.
      if (entries * 44 > buffer.byteLength) throw new Error("truncated");
      check(entries <= 100_000, "unstored", "too many entries");
      const unstored: WireUpdate[] = [];
      for (let i = 0; i < entries; i++) {
        const entry = readUpdateFields(r, r.string());
        checkUpdate(entry, `unstored.${i}.`);
        unstored.push(entry);
      }
      message = { ...head, unstored };
      break;
    }
    case "heartbeat":
      message = { kind, node };
      break;
  }
  r.end();
  return message;
}
