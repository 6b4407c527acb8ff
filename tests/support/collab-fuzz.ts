// The fuzzer of the collaboration server's hostile-input tests: 10,000 update messages from a seeded generator, some
// well formed (a read-only socket may have none of them), some cut, flipped, spliced and mangled.
import * as encoding from "lib0/encoding";
import * as prng from "lib0/prng";
import * as Y from "yjs";
import { concat, emptyUpdate } from "./collab-harness";
import { build, syncStep2, syncUpdate } from "./raw-collab";

export const FUZZ_SEED = 0x5eed_2026;

function randomEdits(gen: prng.PRNG, doc: Y.Doc): void {
  const ops = prng.int31(gen, 1, 4);
  for (let i = 0; i < ops; i++) {
    switch (prng.int31(gen, 0, 6)) {
      case 0:
        doc.getText("notes").insert(0, prng.utf16String(gen, 40));
        break;
      case 1:
        doc.getText("notes").insert(0, prng.word(gen, 1, 12), { bold: true, href: prng.word(gen) });
        break;
      case 2:
        doc
          .getMap(prng.oneOf(gen, ["meta", "settings"]))
          .set(
            prng.word(gen, 1, 8),
            prng.oneOf<unknown>(gen, [prng.real53(gen), prng.word(gen), null, [1, "two", { three: 3 }], true])
          );
        break;
      case 3:
        doc.getArray("items").insert(0, [prng.int31(gen, -1000, 1000), prng.utf16String(gen, 10)]);
        break;
      case 4: {
        const fragment = doc.getXmlFragment("prosemirror");
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(prng.word(gen, 1, 30))]);
        fragment.insert(0, [paragraph]);
        break;
      }
      case 5: {
        const nested = new Y.Map();
        doc.getMap("meta").set("nested", nested);
        nested.set("deep", new Y.Text(prng.word(gen)));
        break;
      }
      default: {
        const notes = doc.getText("notes");
        notes.insert(0, prng.word(gen, 5, 20));
        notes.delete(0, prng.int31(gen, 1, 4));
      }
    }
  }
}

function freshUpdate(gen: prng.PRNG, honestIds: Set<number>): Uint8Array {
  const doc = new Y.Doc();
  let clientId = prng.uint32(gen, 1, 0xffff_ffff);
  while (honestIds.has(clientId)) clientId += 1;
  doc.clientID = clientId;
  randomEdits(gen, doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/**
 * Edits against the honest document as it stands: deleting honest text, or inserting between honest items. One
 * attacker document is reused for 50 edits (its own earlier edits pile up, as a real attacker's would), then renewed.
 */
export function honestEditor(gen: prng.PRNG, honestState: Uint8Array): (kind: "delete" | "insert") => Uint8Array {
  let doc: Y.Doc | null = null;
  let uses = 0;
  return (kind) => {
    if (!doc || uses++ % 50 === 0) {
      doc?.destroy();
      doc = new Y.Doc();
      doc.clientID = prng.uint32(gen, 1_000_000, 2_000_000_000);
      Y.applyUpdate(doc, honestState);
    }
    const before = Y.encodeStateVector(doc);
    const notes = doc.getText("notes");
    if (kind === "delete" && notes.length > 0) {
      const start = prng.int31(gen, 0, notes.length - 1);
      notes.delete(start, prng.int31(gen, 1, Math.min(40, notes.length - start)));
    } else {
      notes.insert(prng.int31(gen, 0, notes.length), prng.word(gen, 1, 20));
    }
    return Y.encodeStateAsUpdate(doc, before);
  };
}

/** An update whose structs depend on one the server never saw, which Yjs would keep pending. */
export function pendingUpdate(gen: prng.PRNG, size = prng.int31(gen, 1, 200)): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = prng.uint32(gen, 1_000_000, 2_000_000_000);
  doc.getText("notes").insert(0, "x");
  const before = Y.encodeStateVector(doc);
  doc.getText("notes").insert(1, "p".repeat(size));
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

function mutate(gen: prng.PRNG, input: Uint8Array): Uint8Array {
  let bytes: Uint8Array = input.slice();
  const count = prng.int31(gen, 1, 4);
  for (let i = 0; i < count && bytes.length > 0; i++) {
    const at = prng.int31(gen, 0, bytes.length - 1);
    switch (prng.int31(gen, 0, 6)) {
      case 0:
        bytes[at] ^= 1 << prng.int31(gen, 0, 7);
        break;
      case 1:
        bytes[at] = prng.oneOf(gen, [0x00, 0x7f, 0x80, 0xff, prng.int31(gen, 0, 255)]);
        break;
      case 2:
        bytes = bytes.slice(0, at);
        break;
      case 3:
        bytes = concat(bytes.slice(0, at), prng.uint8Array(gen, prng.int31(gen, 1, 16)), bytes.slice(at));
        break;
      case 4: {
        const end = prng.int31(gen, at, bytes.length);
        bytes = concat(bytes.slice(0, end), bytes.slice(at, end), bytes.slice(end));
        break;
      }
      case 5:
        // A varint far too big: a count, a clock or a length of about 2^50.
        bytes = concat(
          bytes.slice(0, at),
          new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]),
          bytes.slice(at + 1)
        );
        break;
      default:
        bytes = bytes.slice(prng.int31(gen, 1, Math.min(8, bytes.length)));
    }
  }
  return bytes;
}

export function fuzzedMessage(
  gen: prng.PRNG,
  editOfHonest: (kind: "delete" | "insert") => Uint8Array,
  honestIds: Set<number>
): Uint8Array {
  const roll = prng.real53(gen);
  let update: Uint8Array;
  if (roll < 0.1) update = prng.uint8Array(gen, prng.int31(gen, 0, 64));
  else if (roll < 0.3) update = freshUpdate(gen, honestIds);
  else if (roll < 0.42) update = editOfHonest("delete");
  else if (roll < 0.52) update = editOfHonest("insert");
  else if (roll < 0.57) update = pendingUpdate(gen);
  else if (roll < 0.9) {
    const source = prng.oneOf(gen, [
      () => freshUpdate(gen, honestIds),
      () => editOfHonest("delete"),
      () => editOfHonest("insert"),
      () => pendingUpdate(gen),
    ]);
    update = mutate(gen, source());
  } else if (roll < 0.95) update = prng.bool(gen) ? emptyUpdate() : Y.mergeUpdates([]);
  else {
    // Framing that lies: the declared update length is wrong, or the message stops short.
    const inner = freshUpdate(gen, honestIds);
    const declared = Math.max(0, inner.length + prng.oneOf(gen, [-3, -1, 1, 5, 1 << 20]));
    const message = build((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, prng.bool(gen) ? 1 : 2);
      encoding.writeVarUint(e, declared);
      encoding.writeUint8Array(e, inner);
    });
    return prng.bool(gen) ? message : message.slice(0, prng.int31(gen, 1, message.length - 1));
  }
  return prng.real53(gen) < 0.7 ? syncUpdate(update) : syncStep2(update);
}
