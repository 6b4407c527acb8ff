// The collaboration messages nodes send each other through Redis, as bytes: one header byte pair, then fixed-width
// lengths before every string and byte string. Everything another node sends is hostile until it has been read back
// here: every length is checked against what is left, strings and numbers against a schema, and nothing may trail.
import { z } from "zod";

const MAGIC = 0xc7;
const VERSION = 1;
/** Larger than any document may grow (COLLAB_MAX_DOCUMENT_MB) with room to spare; a message past it is refused. */
export const MAX_WIRE_BYTES = 128 * 1024 * 1024;

/** An accepted update as it travels: who accepted it (node, ticket) and who made it. */
export type WireUpdate = { node: string; ticket: number; userId: number; agencyId: string; at: number; update: Uint8Array };

export type WireMessage =
  | ({ kind: "update"; document: string } & WireUpdate)
  /** Every update `node` published for the document up to `ticket` is stored. */
  | { kind: "stored"; node: string; document: string; ticket: number }
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

const nodeId = z.string().uuid();
const documentName = z.string().min(1).max(200).regex(/^[a-z0-9:_-]+$/i);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const updateSchema = z.object({
  node: nodeId,
  ticket: count,
  userId: count,
  agencyId: z.string().min(1).max(100),
  at: count,
  update: z.instanceof(Uint8Array),
});
const bytes = z.instanceof(Uint8Array);
const messageSchema = z.discriminatedUnion("kind", [
  updateSchema.extend({ kind: z.literal("update"), document: documentName }),
  z.object({ kind: z.literal("stored"), node: nodeId, document: documentName, ticket: count }),
  z.object({ kind: z.literal("awareness"), node: nodeId, document: documentName, update: bytes }),
  z.object({ kind: z.literal("sync-request"), node: nodeId, document: documentName, request: count, stateVector: bytes, reciprocate: z.boolean() }),
  z.object({
    kind: z.literal("sync-answer"),
    node: nodeId,
    document: documentName,
    request: count,
    update: bytes,
    awareness: bytes,
    unstored: z.array(updateSchema).max(100_000),
  }),
  z.object({ kind: z.literal("heartbeat"), node: nodeId }),
]);

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

function writeUpdate(w: Writer, u: WireUpdate) {
  w.string(u.node);
  w.int(u.ticket);
  w.int(u.userId);
  w.string(u.agencyId);
  w.int(u.at);
  w.bytes(u.update);
}

function readUpdate(r: Reader): WireUpdate {
  return { node: r.string(), ticket: r.int(), userId: r.int(), agencyId: r.string(), at: r.int(), update: r.bytes() };
}

export function encodeWire(message: WireMessage): Buffer {
  const w = new Writer();
  w.header(message.kind);
  switch (message.kind) {
    case "update":
      w.string(message.document);
      writeUpdate(w, message);
      break;
    case "stored":
      w.string(message.node);
      w.string(message.document);
      w.int(message.ticket);
      break;
    case "awareness":
      w.string(message.node);
      w.string(message.document);
      w.bytes(message.update);
      break;
    case "sync-request":
      w.string(message.node);
      w.string(message.document);
      w.int(message.request);
      w.bytes(message.stateVector);
      w.byte(message.reciprocate ? 1 : 0);
      break;
    case "sync-answer":
      w.string(message.node);
      w.string(message.document);
      w.int(message.request);
      w.bytes(message.update);
      w.bytes(message.awareness);
      w.u32(message.unstored.length);
      for (const entry of message.unstored) writeUpdate(w, entry);
      break;
    case "heartbeat":
      w.string(message.node);
      break;
  }
  return w.done();
}

/** Reads a message from another node; throws, naming what is wrong, if it is not one. */
export function decodeWire(buffer: Buffer): WireMessage {
  if (buffer.byteLength > MAX_WIRE_BYTES) throw new Error("too large");
  const r = new Reader(buffer);
  if (r.byte() !== MAGIC || r.byte() !== VERSION) throw new Error("not a collaboration message of this version");
  const kind = kinds[r.byte()];
  let message: unknown;
  switch (kind) {
    case "update": {
      const document = r.string();
      message = { kind, document, ...readUpdate(r) };
      break;
    }
    case "stored":
      message = { kind, node: r.string(), document: r.string(), ticket: r.int() };
      break;
    case "awareness":
      message = { kind, node: r.string(), document: r.string(), update: r.bytes() };
      break;
    case "sync-request":
      message = { kind, node: r.string(), document: r.string(), request: r.int(), stateVector: r.bytes(), reciprocate: r.flag() };
      break;
    case "sync-answer": {
      const head = { kind, node: r.string(), document: r.string(), request: r.int(), update: r.bytes(), awareness: r.bytes() };
      const entries = r.u32();
      // Each entry takes at least its fixed-width fields: a count the message cannot hold is refused before any work.
      if (entries * 44 > buffer.byteLength) throw new Error("truncated");
      const unstored: WireUpdate[] = [];
      for (let i = 0; i < entries; i++) unstored.push(readUpdate(r));
      message = { ...head, unstored };
      break;
    }
    case "heartbeat":
      message = { kind, node: r.string() };
      break;
    default:
      throw new Error("unknown kind");
  }
  r.end();
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  return parsed.data as WireMessage;
}
