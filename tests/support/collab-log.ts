// Reading the collaboration log back for multi-node tests: which pieces of content more than one row holds. Each Yjs
// item is named by its client id and clock; a log where every update is stored once holds each item in one row only
// (merges replace the rows they merge).
import * as Y from "yjs";
import type { Sql } from "../../db/client";

/** Client id and clock of every item held by more than one of the document's rows. */
export async function storedTwice(sql: Sql, document: string): Promise<string[]> {
  const rows = await sql<{ seq: string; update: Uint8Array }[]>`select seq, update from collab_updates where document = ${document} order by seq`;
  const heldBy = new Map<string, string>();
  const twice: string[] = [];
  for (const row of rows)
    for (const struct of Y.decodeUpdate(row.update).structs) {
      if (struct instanceof Y.Skip) continue;
      for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) {
        const id = `${struct.id.client}:${clock}`;
        if (heldBy.has(id)) twice.push(`${id} (seq ${heldBy.get(id)} and ${row.seq})`);
        else heldBy.set(id, row.seq);
      }
    }
  return twice;
}
