// Audit rows written together while the one before is being stored (decision 054): when many people open documents
// at once, each still waits for its own row to be stored, but they share one insert and one commit.
import type { Sql } from "../../db/client";
import { batchWhileBusy, type Settled } from "../batch-while-busy";
import { recordAudit, recordAudits, type AuditEvent } from "./record-audit";

export type AuditWriter = {
  /** Resolves once the row is stored; rejects (with the database's error) if it could not be. */
  write(event: AuditEvent): Promise<void>;
};

export function createAuditWriter(sql: Sql, maxBatch = 200): AuditWriter {
  const write = batchWhileBusy<AuditEvent, void>(async (events) => {
    try {
      await recordAudits(sql, events);
      return events.map((): Settled<void> => ({ ok: true, value: undefined }));
    } catch (error) {
      if (events.length === 1) return [{ ok: false, error }];
      // One row the database refuses must not cost the others theirs: each is tried on its own.
      const each = await Promise.allSettled(events.map((event) => recordAudit(sql, event)));
      return each.map((result): Settled<void> => (result.status === "fulfilled" ? { ok: true, value: undefined } : { ok: false, error: result.reason }));
    }
  }, maxBatch);
  return { write };
}
