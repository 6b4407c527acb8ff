// Audit rows written together while the one before is being stored: when many people open documents at once (a
// meeting's attendees opening the map), each still waits for its own row to be stored, but they share one insert
// and one commit instead of one each. Nothing waits to be batched: an idle writer stores a row at once.
import type { Sql } from "../../db/client";
import { recordAudit, recordAudits, type AuditEvent } from "./record-audit";

export type AuditWriter = {
  /** Resolves once the row is stored; rejects (with the database's error) if it could not be. */
  write(event: AuditEvent): Promise<void>;
};

type Waiting = { event: AuditEvent; stored: () => void; failed: (error: unknown) => void };

/** Batches rows while an insert is in flight, at most `maxBatch` to a statement. */
export function createAuditWriter(sql: Sql, maxBatch = 200): AuditWriter {
  let waiting: Waiting[] = [];
  let storing = false;

  const store = async (): Promise<void> => {
    storing = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        await recordAudits(sql, batch.map((entry) => entry.event));
        for (const entry of batch) entry.stored();
      } catch (error) {
        // One row the database refuses must not cost the others theirs: each is tried on its own.
        if (batch.length === 1) batch[0].failed(error);
        else
          await Promise.all(
            batch.map((entry) => recordAudit(sql, entry.event).then(entry.stored, entry.failed)),
          );
      }
    }
    storing = false;
  };

  return {
    write(event) {
      return new Promise<void>((stored, failed) => {
        waiting.push({ event, stored, failed });
        if (!storing) void store();
      });
    },
  };
}
