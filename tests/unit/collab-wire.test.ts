import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeWire, encodeWire, sentBy, type WireMessage } from "../../server/cluster/collab-wire";

const node = randomUUID();
const update = { node, ticket: 7, userId: 3, agencyId: "kestrel-vale-police", at: Date.UTC(2026, 10, 3), update: new Uint8Array([1, 2, 3]) };
const messages: WireMessage[] = [
  { kind: "update", document: "case:1:notes", ...update },
  { kind: "stored", node, ticket: 9 },
  { kind: "awareness", node, document: "case:1:notes", update: new Uint8Array([0]) },
  { kind: "sync-request", node, document: "case:1:notes", request: 1, stateVector: new Uint8Array([0]), reciprocate: true },
  { kind: "sync-answer", node, document: "case:1:notes", request: 1, update: new Uint8Array([0, 0]), awareness: new Uint8Array(), unstored: [update, update] },
  { kind: "heartbeat", node },
];

describe("collaboration messages between nodes", () => {
  it("read back exactly what was sent, byte strings included", () => {
    for (const message of messages) expect(decodeWire(encodeWire(message))).toEqual(message);
  });

  it("refuse every truncation, a byte too many, another version, and an unknown kind", () => {
    for (const message of messages) {
      const bytes = encodeWire(message);
      for (let length = 0; length < bytes.byteLength; length++) expect(() => decodeWire(bytes.subarray(0, length))).toThrow();
      expect(() => decodeWire(Buffer.concat([bytes, Buffer.from([0])]))).toThrow(/trailing/);
      expect(() => decodeWire(Buffer.concat([Buffer.from([0xc7, 1]), bytes.subarray(2)]))).toThrow(/version/);
    }
    expect(() => decodeWire(Buffer.from([0xc7, 2, 99]))).toThrow(/unknown kind/);
  });

  it("refuse lengths past the message, and names and numbers the schema does not allow", () => {
    const huge = encodeWire(messages[2]);
    huge.writeUInt32BE(0xffffffff, 3);
    expect(() => decodeWire(huge)).toThrow(/truncated/);
    expect(() => decodeWire(encodeWire({ kind: "heartbeat", node: "not a node id" }))).toThrow(/node/);
    expect(() => decodeWire(encodeWire({ ...(messages[2] as Extract<WireMessage, { kind: "awareness" }>), document: "case:1:notes\n<script>" }))).toThrow(/document/);
    expect(() => decodeWire(encodeWire({ ...(messages[0] as Extract<WireMessage, { kind: "update" }>), document: "" }))).toThrow(/document/);
    expect(() => decodeWire(encodeWire({ ...(messages[0] as Extract<WireMessage, { kind: "update" }>), userId: -3 }))).toThrow(/userId/);
    expect(() => decodeWire(encodeWire({ ...(messages[0] as Extract<WireMessage, { kind: "update" }>), agencyId: "" }))).toThrow(/agencyId/);
    expect(() => decodeWire(encodeWire({ ...(messages[0] as Extract<WireMessage, { kind: "update" }>), at: 2 ** 60 }))).toThrow(/at/);
    const answer = messages[4] as Extract<WireMessage, { kind: "sync-answer" }>;
    expect(() => decodeWire(encodeWire({ ...answer, unstored: [update, { ...update, node: "someone" }] }))).toThrow(/unstored\.1\.node/);
    expect(() => decodeWire(encodeWire({ ...answer, request: Number.NaN }))).toThrow(/request/);
    expect(() => decodeWire(encodeWire({ ...(messages[1] as Extract<WireMessage, { kind: "stored" }>), ticket: -1 }))).toThrow(/ticket/);
    expect(() => decodeWire(encodeWire({ ...(messages[1] as Extract<WireMessage, { kind: "stored" }>), ticket: 1.5 }))).toThrow(/ticket/);
  });

  it("tell a node's own messages from others' by their first bytes", () => {
    const other = randomUUID();
    for (const message of messages) {
      expect(sentBy(encodeWire(message), Buffer.from(node))).toBe(true);
      expect(sentBy(encodeWire(message), Buffer.from(other))).toBe(false);
    }
    expect(sentBy(Buffer.from([0xc7, 2, 0]), Buffer.from(node))).toBe(false);
  });
});
