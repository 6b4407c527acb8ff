// A stored update written compactly: one person's run of keystrokes as one item instead of one item per keystroke.
//
// Y.mergeUpdates puts many updates into one but keeps every item as it came (it only joins items it finds side by side
// in a document), so a minute of typing stored as one row still costs about fifteen bytes a character. An item B
// that follows item A from the same client (B's clock is where A ends), whose left origin is A's last character and
// whose right origin is A's, is exactly what Yjs makes when it splits one item A+B in two: the two mean the same to
// every document that applies them, whatever it already holds. So those are joined here, text only (ContentString:
// map values and embeds are never joined), and the delete set is kept as it was. Who typed it and when stays with the
// row (its person, agency and minute): nothing about authorship lives inside the update. Decision 052.
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

type Struct = Y.Item | Y.GC | Y.Skip;

/** The same update with runs of typed text joined; the update itself when there is nothing to join or it is unusual. */
export function compactUpdate(update: Uint8Array): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update);
  const byClient = new Map<number, Struct[]>();
  let joined = 0;
  for (const struct of structs as Struct[]) {
    const list = byClient.get(struct.id.client);
    if (!list) {
      byClient.set(struct.id.client, [struct]);
      continue;
    }
    const last = list[list.length - 1];
    // Each client's structs must follow on (a Skip fills any gap); otherwise leave the update as it is.
    if (last.id.clock + last.length !== struct.id.clock) return update;
    if (joins(last, struct)) {
      ((last as Y.Item).content as Y.ContentString).str += (struct.content as Y.ContentString).str;
      last.length += struct.length;
      joined += 1;
    } else list.push(struct);
  }
  if (joined === 0) return update;

  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0].id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  writeDeleteSet(encoder, ds);
  return encoder.toUint8Array();
}

/** Whether b is the rest of a's text, as Yjs would have split it. */
function joins(a: Struct, b: Struct): b is Y.Item {
  if (!(a instanceof Y.Item) || !(b instanceof Y.Item)) return false;
  if (!(a.content instanceof Y.ContentString) || !(b.content instanceof Y.ContentString)) return false;
  if (a.parentSub !== null || b.parentSub !== null) return false;
  const origin = b.origin;
  if (origin === null || origin.client !== a.id.client || origin.clock !== a.id.clock + a.length - 1) return false;
  return Y.compareIDs(a.rightOrigin, b.rightOrigin);
}

/** The delete set as Yjs writes it (V1): clients in descending order, each with its ranges. */
function writeDeleteSet(encoder: Y.UpdateEncoderV1, ds: ReturnType<typeof Y.decodeUpdate>["ds"]): void {
  const clients = [...ds.clients.entries()].sort((a, b) => b[0] - a[0]);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.len);
    }
  }
}
