// Holds on writing (decision 015): while a sign-off freezes a meeting's documents, edits to them are kept, in order,
// and judged again when the hold ends under the access the connection has then.
import type { Connection } from "./connection";
import type { DocumentName } from "../documents/registry";

/** An edit that arrived while writing to its document was held. */
type HeldEdit = { connection: Connection; data: Buffer };

/** A hold on writing: the documents it covers, and what arrived for them meanwhile. */
type WriteHold = { covers: (name: DocumentName) => boolean; edits: HeldEdit[] };

export class WriteHolds {
  private readonly holds = new Set<WriteHold>();

  /** Cheap while nothing is held: the message receiver asks this first. */
  get any(): boolean {
    return this.holds.size > 0;
  }

  /** Keeps the edit if a hold covers its document; false if none does. */
  keep(connection: Connection, data: Buffer): boolean {
    for (const hold of this.holds)
      if (hold.covers(connection.room.name)) {
        hold.edits.push({ connection, data });
        return true;
      }
    return false;
  }

  /**
   * Holds writing to the documents `covers` picks, then runs `commit` (everything accepted before the hold). The
   * release hands each held edit, in order, to `replay`; if `commit` fails the hold is released and the error thrown.
   */
  async hold(
    covers: (name: DocumentName) => boolean,
    commit: () => Promise<void>,
    replay: (connection: Connection, data: Buffer) => void,
  ): Promise<() => void> {
    const hold: WriteHold = { covers, edits: [] };
    this.holds.add(hold);
    const release = () => {
      if (!this.holds.delete(hold)) return;
      for (const { connection, data } of hold.edits) replay(connection, data);
    };
    try {
      await commit();
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }
}
