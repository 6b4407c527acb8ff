import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { whatIsNew } from "../../server/cluster/collab-takeover";

const ids = (update: Uint8Array) =>
  Y.decodeUpdate(update).structs.filter((struct) => !(struct instanceof Y.Skip)).map((struct) => struct.id.client);

describe("what a dead node's update adds to what is stored", () => {
  it("is its own content only, not stored content that was waiting for it; nothing when it is stored already", () => {
    // K accepted "a" then "b"; "b" died with K. M then wrote "c" after "b", and M's row is stored.
    const writer = new Y.Doc();
    writer.clientID = 1;
    writer.getText("notes").insert(0, "a");
    const a = Y.encodeStateAsUpdate(writer);
    writer.getText("notes").insert(1, "b");
    const b = Y.encodeStateAsUpdate(writer, Y.encodeStateVectorFromUpdate(a));
    const other = new Y.Doc();
    other.clientID = 2;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(writer));
    const before = Y.encodeStateVector(other);
    other.getText("notes").insert(2, "c");
    const c = Y.encodeStateAsUpdate(other, before);

    const stored = new Y.Doc();
    Y.applyUpdate(stored, a);
    Y.applyUpdate(stored, c); // waits for "b"
    expect(stored.getText("notes").toString()).toBe("a");
    expect(whatIsNew(stored, a)).toBeNull();
    const added = whatIsNew(stored, b)!;
    expect(ids(added)).toEqual([1]);
    expect(stored.getText("notes").toString()).toBe("abc");
    expect(whatIsNew(stored, b)).toBeNull();
  });
});
