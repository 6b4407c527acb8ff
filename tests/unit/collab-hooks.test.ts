import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { LocalBus } from "../../server/collab/bus";
import { changesNothing, dropPending, judgeWrite } from "../../server/collab/update-guard";

function updateFrom(clientID: number, write: (doc: Y.Doc) => void, base?: Y.Doc): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  write(doc);
  return { doc, update: Y.encodeStateAsUpdate(doc, before) };
}

describe("the collaboration bus (one process)", () => {
  it("hands an update to the document's subscribers, in order, with its origin, and to nobody else", () => {
    const bus = new LocalBus();
    const seen: string[] = [];
    const stop = bus.subscribe("case:1:notes", (update, origin) => seen.push(`a:${update[0]}:${String(origin)}`));
    bus.subscribe("case:1:notes", (update) => seen.push(`b:${update[0]}`));
    bus.subscribe("case:2:notes", () => seen.push("other document"));
    bus.publish("case:1:notes", new Uint8Array([1]), "node-1");
    bus.publish("case:1:notes", new Uint8Array([2]), "node-2");
    stop();
    bus.publish("case:1:notes", new Uint8Array([3]), "node-1");
    expect(seen).toEqual(["a:1:node-1", "b:1", "a:2:node-2", "b:2", "b:3"]);
  });
});

describe("the update guard", () => {
  it("lets new content in only under client ids that are nobody else's, claiming the free ones", () => {
    const server = new Y.Doc();
    const mine = updateFrom(11, (doc) => doc.getText("notes").insert(0, "mine"));
    expect(judgeWrite(server, Y.decodeUpdate(mine.update), new Map(), 1)).toEqual({ claims: [11] });
    expect(judgeWrite(server, Y.decodeUpdate(mine.update), new Map([[11, 1]]), 1)).toEqual({ claims: [] });
    expect(judgeWrite(server, Y.decodeUpdate(mine.update), new Map([[11, 2]]), 1).refused).toMatch(/another person's client id/);
    Y.applyUpdate(server, mine.update);
    // More content under an id the document already has is refused to anyone not recorded as writing under it.
    const before = Y.encodeStateVector(mine.doc);
    mine.doc.getText("notes").insert(4, "!");
    const more = Y.encodeStateAsUpdate(mine.doc, before);
    expect(judgeWrite(server, Y.decodeUpdate(more), new Map(), 2).refused).toMatch(/another person's client id/);
    expect(judgeWrite(server, Y.decodeUpdate(more), new Map([[11, 2]]), 2)).toEqual({ claims: [] });
  });

  it("refuses content outside the editor's schema", () => {
    const server = new Y.Doc();
    const odd = updateFrom(12, (doc) => doc.getXmlFragment("default").insert(0, [new Y.XmlElement("script")]));
    expect(judgeWrite(server, Y.decodeUpdate(odd.update), new Map(), 1).refused).toMatch(/schema/);
  });

  it("tolerates a reader's delete set of what is already deleted, but not new content or new deletions", () => {
    const server = new Y.Doc();
    const typed = updateFrom(13, (doc) => doc.getText("notes").insert(0, "abc"));
    Y.applyUpdate(server, typed.update);
    const deleted = updateFrom(13, (doc) => doc.getText("notes").delete(0, 1), server);
    expect(changesNothing(server, deleted.update)).toBe(false);
    Y.applyUpdate(server, deleted.update);
    expect(changesNothing(server, deleted.update)).toBe(true);
    expect(changesNothing(server, Y.encodeStateAsUpdate(server))).toBe(true);
    const added = updateFrom(14, (doc) => doc.getText("notes").insert(0, "x"), server);
    expect(changesNothing(server, added.update)).toBe(false);
  });

  it("drops content that waits for something the document does not have", () => {
    const author = new Y.Doc();
    author.clientID = 15;
    author.getText("notes").insert(0, "first");
    const first = Y.encodeStateAsUpdate(author);
    author.getText("notes").insert(5, " second");
    const second = Y.encodeStateAsUpdate(author, Y.encodeStateVectorFromUpdate(first));
    const server = new Y.Doc();
    expect(dropPending(server)).toBe(false);
    Y.applyUpdate(server, second);
    expect(dropPending(server)).toBe(true);
    expect(server.store.pendingStructs).toBeNull();
    Y.applyUpdate(server, first);
    expect(server.getText("notes").toString()).toBe("first");
  });
});
