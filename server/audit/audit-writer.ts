// Audit rows written together while the one before is being stored (decision 054): when many people open documents
// at once, each still waits for its own row to be stored, but they share one insert and one commit.
import type { Sql } from "../../db/client";
import { batchWritesWhileBusy } from "../batch-while-busy";
import { recordAudits, type AuditEvent } from "./record-audit";

export type AuditWriter = {
  /** Resolves once the row is stored; rejects (with the database's error) if it could not be. */
  write(event: AuditEvent): Promise<void>;
};

export function createAuditWriter(sql: Sql, maxBatch = 200): AuditWriter {
  return { write: batchWritesWhileBusy((events: AuditEvent[]) => recordAudits(sql, events), maxBatch) };
}
