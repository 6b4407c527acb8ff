import { describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
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
  const roomOf = (seen: string[], name: string) => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState(null);
    return {
      doc,
      awareness,
      receive: (update: Uint8Array) => {
        Y.applyUpdate(doc, update);
        seen.push(`${name}:${doc.getText("notes").toString()}`);
      },
      receiveAwareness: () => seen.push(`${name}:carets`),
    };
  };

  it("hands an update to the document's other channels, in order, and to nobody else; a late joiner catches up", async () => {
    const bus = new LocalBus();
    const seen: string[] = [];
    const a = roomOf(seen, "a");
    const b = roomOf(seen, "b");
    const [channelA, channelB, other] = await Promise.all([bus.join("case:1:notes"), bus.join("case:1:notes"), bus.join("case:2:notes")]);
    await channelA.ready(a);
    await channelB.ready(b);
    await other.ready(roomOf(seen, "other document"));
    const author = { userId: 1, agencyId: "police", at: new Date() };
    a.doc.getText("notes").insert(0, "x");
    channelA.publish(Y.encodeStateAsUpdate(a.doc), author);
    a.doc.getText("notes").insert(1, "y");
    channelA.publish(Y.encodeStateAsUpdate(a.doc), author);
    channelB.leave();
    channelA.publish(Y.encodeStateAsUpdate(a.doc), author);
    expect(seen).toEqual(["b:x", "b:xy"]);
    const late = roomOf(seen, "late");
    await (await bus.join("case:1:notes")).ready(late);
    expect(late.doc.getText("notes").toString()).toBe("xy");
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
