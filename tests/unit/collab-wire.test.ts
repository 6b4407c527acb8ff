import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeWire, encodeWire, type WireMessage } from "../../server/cluster/collab-wire";

const node = randomUUID();
const update = { node, ticket: 7, userId: 3, agencyId: "kestrel-vale-police", at: Date.UTC(2026, 10, 3), update: new Uint8Array([1, 2, 3]) };
const messages: WireMessage[] = [
  { kind: "update", document: "case:1:notes", ...update },
  { kind: "stored", node, document: "case:1:notes", ticket: 9 },
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
      expect(() => decodeWire(Buffer.concat([Buffer.from([0xc7, 2]), bytes.subarray(2)]))).toThrow(/version/);
    }
    expect(() => decodeWire(Buffer.from([0xc7, 1, 99]))).toThrow(/unknown kind/);
  });

  it("refuse lengths past the message, and names and numbers the schema does not allow", () => {
    const huge = encodeWire(messages[2]);
    huge.writeUInt32BE(0xffffffff, 3);
    expect(() => decodeWire(huge)).toThrow(/truncated/);
    expect(() => decodeWire(encodeWire({ kind: "heartbeat", node: "not a node id" }))).toThrow(/node/);
    expect(() => decodeWire(encodeWire({ ...(messages[1] as Extract<WireMessage, { kind: "stored" }>), document: "case:1:notes\n<script>" }))).toThrow(/document/);
    expect(() => decodeWire(encodeWire({ ...(messages[1] as Extract<WireMessage, { kind: "stored" }>), ticket: -1 }))).toThrow(/ticket/);
    expect(() => decodeWire(encodeWire({ ...(messages[1] as Extract<WireMessage, { kind: "stored" }>), ticket: 1.5 }))).toThrow(/ticket/);
  });
});
