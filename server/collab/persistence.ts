// Durable collaboration: every accepted update appended with who made it, in batched commits; merged snapshots so a
// load reads one snapshot and a short tail; the log merged to one row per person per minute, never further.
import * as Y from "yjs";
import { compactUpdate } from "./compact-update";
import { inTransaction, type Sql } from "../../db/client";

export type StoredDocument = {
  doc: Y.Doc;
  /** Everything kept for the document: the whole log and the snapshot. */
  storedBytes: number;
  tailRows: number;
  /** Yjs client id → the person who writes under it. */
  clientOwners: Map<number, number>;
};

/** Loads a document from its snapshot and the updates after it: two statements. */
export async function loadDocument(sql: Sql, document: string): Promise<StoredDocument> {
  const [head] = await sql<{ state: Uint8Array | null; uptoSeq: string | null; logBytes: string; clientIds: string[]; userIds: string[] }[]>`
    select s.state, s.upto_seq as "uptoSeq",
           (select coalesce(sum(octet_length(u.update)), 0) from collab_updates u where u.document = d.document) as "logBytes",
           coalesce((select array_agg(c.client_id order by c.client_id) from collab_clients c where c.document = d.document), '{}') as "clientIds",
           coalesce((select array_agg(c.user_id order by c.client_id) from collab_clients c where c.document = d.document), '{}') as "userIds"
    from (select ${document}::text as document) d left join collab_snapshots s on s.document = d.document`;
  const uptoSeq = Number(head.uptoSeq ?? 0);
  const tail = await sql<{ update: Uint8Array }[]>`
    select update from collab_updates where document = ${document} and seq > ${uptoSeq} order by seq`;
  const doc = new Y.Doc();
  if (head.state) Y.applyUpdate(doc, head.state);
  applyStoredUpdates(doc, tail.map((row) => row.update));
  return {
    doc,
    storedBytes: Number(head.logBytes) + (head.state?.byteLength ?? 0),
    tailRows: tail.length,
    clientOwners: new Map(head.clientIds.map((clientId, i) => [Number(clientId), Number(head.userIds[i])])),
  };
}

/**
 * Applies stored updates, in order, in one transaction. Y.mergeUpdates over hundreds of small updates first costs
 * several times as much (a 500-keystroke tail: about 6 ms against 1.3 ms), and ends in the same document.
 */
export function applyStoredUpdates(doc: Y.Doc, updates: Uint8Array[]): void {
  if (updates.length === 0) return;
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
}

/** A person writing under a Yjs client id in a document. */
export type ClientClaim = { document: string; clientId: number; userId: number };

/**
 * Records that each person writes under their Yjs client id in the document, in one statement. A client id already
 * claimed keeps its first claim (the live document refuses a second person's edits under it before they come here).
 */
export async function claimClients(sql: Sql, claims: ClientClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await sql`
    insert into collab_clients (document, client_id, user_id)
    select * from unnest(${claims.map((claim) => claim.document)}::text[], ${claims.map((claim) => claim.clientId)}::bigint[],
                         ${claims.map((claim) => claim.userId)}::bigint[])
    on conflict do nothing`;
}

/** Bytes kept for a document: its log and its snapshot. */
export async function storedBytesOf(sql: Sql, document: string): Promise<number> {
  const [row] = await sql<{ bytes: string }[]>`
    select (select coalesce(sum(octet_length(update)), 0) from collab_updates where document = ${document})
         + (select coalesce(sum(octet_length(state)), 0) from collab_snapshots where document = ${document}) as bytes`;
  return Number(row.bytes);
}

/** An accepted update waiting for its commit; its seq is given by the database when it is stored. */
export type PendingUpdate = {
  document: string;
  update: Uint8Array;
  userId: number;
  agencyId: string;
  at: Date;
  /** The bus's ticket for it: acknowledged to the other processes once it is stored (decision 048). */
  ticket?: number;
};

type Row = {
  document: string;
  update: Uint8Array;
  user_id: number;
  agency_id: string;
  first_at: Date;
  last_at: Date;
  changes: number;
};

export type UpdateStoreOptions = {
  /** How long an accepted update may wait before its commit starts. */
  flushDelayMs: number;
  /** Rows since the last snapshot that make a new one worth writing. */
  snapshotEvery: number;
  /** Called after a document's rows are committed, with how many were written and the seq of the last. */
  onStored?: (document: string, rows: number, lastSeq: number) => void;
  /** Called after a batch is committed, with the updates it held. */
  onCommitted?: (batch: PendingUpdate[]) => void;
  onError?: (error: unknown) => void;
};

/**
 * Queues accepted updates and commits them together, so a burst of typing is one transaction. Consecutive updates
 * from one person to one document within a batch become one row (they are well inside the same minute). Each row's seq
 * comes from the database (`allocateSeqs`), in the order the updates were accepted here.
 */
export class UpdateStore {
  private pending: PendingUpdate[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Documents whose seq counter this store has brought level with what is stored. */
  private readonly counted = new Set<string>();

  constructor(
    private readonly sql: Sql,
    private readonly options: UpdateStoreOptions,
  ) {}

  add(update: PendingUpdate): void {
    this.pending.push(update);
    if (!this.timer && !this.closed) this.timer = setTimeout(() => this.flushQuietly(), this.options.flushDelayMs);
  }

  /** Commits everything queued so far; resolves once it is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.flushing.then(() => this.writeBatch());
    this.flushing = next.catch(() => {});
    return next;
  }

  /** For timers: a failure was reported through onError and the batch is queued again, so nothing more to do. */
  private flushQuietly(): void {
    this.flush().catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async writeBatch(): Promise<void> {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const rows = rowsOf(batch);
    const perDocument = new Map<string, number>();
    for (const row of rows) perDocument.set(row.document, (perDocument.get(row.document) ?? 0) + 1);
    const documents = [...perDocument.keys()];
    let lastSeqs: Map<string, number>;
    try {
      const uncounted = documents.filter((document) => !this.counted.has(document));
      if (uncounted.length) await levelSeqCounters(this.sql, uncounted);
      for (const document of uncounted) this.counted.add(document);
      lastSeqs = await storeWithSeqs(this.sql, perDocument, rows);
    } catch (error) {
      for (const document of documents) this.counted.delete(document);
      // Nothing is dropped: the batch goes back to the front of the queue and is tried again.
      this.pending = batch.concat(this.pending);
      if (!this.timer && !this.closed) this.timer = setTimeout(() => this.flushQuietly(), 1000);
      this.options.onError?.(error);
      throw error;
    }
    for (const [document, count] of perDocument) this.options.onStored?.(document, count, lastSeqs.get(document)!);
    this.options.onCommitted?.(batch);
  }
}

/** Consecutive updates of one person to one document become one row. */
function rowsOf(batch: PendingUpdate[]): Row[] {
  const rows: Row[] = [];
  for (const item of batch) {
    const last = rows[rows.length - 1];
    if (last && last.document === item.document && last.user_id === item.userId) {
      last.update = Y.mergeUpdates([last.update, item.update]);
      last.last_at = item.at;
      last.changes += 1;
    } else {
      rows.push({
        document: item.document,
        update: item.update,
        user_id: item.userId,
        agency_id: item.agencyId,
        first_at: item.at,
        last_at: item.at,
        changes: 1,
      });
    }
  }
  return rows;
}

/**
 * Stores one document's updates, attributed, in the caller's transaction (which holds the document's counter):
 * for updates another process accepted and could not store (decision 048).
 */
export async function storeInTransaction(tx: Sql, document: string, updates: PendingUpdate[]): Promise<void> {
  const rows = rowsOf(updates);
  if (rows.length === 0) return;
  await levelSeqCounters(tx, [document]);
  await storeWithSeqs(tx, new Map([[document, rows.length]]), rows);
}

/**
 * Makes each document's seq counter (`collab_documents`) at least what is stored: rows written without it (the seed, a
 * restore) and a snapshot's `upto_seq` are counted in, since a seq at or below a snapshot's would be skipped on load.
 * Only ever raises a counter; run once per document by each store, and again after a failed commit.
 */
export async function levelSeqCounters(sql: Sql, documents: string[]): Promise<void> {
  await sql`
    insert into collab_documents as d (document, last_seq)
    select w.document, greatest(
      coalesce((select max(u.seq) from collab_updates u where u.document = w.document), 0),
      coalesce((select s.upto_seq from collab_snapshots s where s.document = w.document), 0))
    from unnest(${[...documents].sort()}::text[]) as w (document)
    order by w.document
    on conflict (document) do update set last_seq = greatest(d.last_seq, excluded.last_seq)`;
}

/**
 * Stores a batch's rows under new seqs taken from each document's counter, in one statement: the counter's row stays
 * locked until the rows are committed, so another process storing the same document waits and numbers after it, and
 * per document seq order is commit order. Each document's rows take its new seqs in the order accepted (a row `back`
 * rows before its document's last in the batch takes the counter minus `back`). The rows travel as arrays and their
 * updates as one byte string with offsets, so the statement's text is the same for every batch. Stores nothing, and
 * throws, if a counter is missing; returns each document's last seq.
 */
async function storeWithSeqs(sql: Sql, counts: Map<string, number>, rows: Row[]): Promise<Map<string, number>> {
  // Two processes storing the same documents in one batch could deadlock on the counters: the database ends one
  // transaction, nothing of it is stored, and its batch is tried again.
  const documents = [...counts.keys()].sort();
  const after = new Map(counts);
  const back: number[] = [];
  const offsets: number[] = [];
  const lengths: number[] = [];
  let offset = 0;
  for (const row of rows) {
    const behind = after.get(row.document)! - 1;
    after.set(row.document, behind);
    back.push(behind);
    offsets.push(offset);
    lengths.push(row.update.byteLength);
    offset += row.update.byteLength;
  }
  const updates = Buffer.concat(rows.map((row) => row.update));
  const allocated = await sql<{ document: string; lastSeq: string; stored: string }[]>`
    with allocated as (
      update collab_documents d set last_seq = d.last_seq + w.n
      from (select * from unnest(${documents}::text[], ${documents.map((document) => counts.get(document)!)}::int[]) as w (document, n)
            order by document) w
      where d.document = w.document
      returning d.document, d.last_seq),
    stored as (
      insert into collab_updates (document, seq, update, user_id, agency_id, first_at, last_at, changes)
      select r.document, a.last_seq - r.back, substring(${updates}::bytea from r.off + 1 for r.len), r.user_id, r.agency_id,
             r.first_at, r.last_at, r.changes
      from unnest(${rows.map((row) => row.document)}::text[], ${back}::int[], ${offsets}::int[], ${lengths}::int[],
                  ${rows.map((row) => row.user_id)}::bigint[], ${rows.map((row) => row.agency_id)}::text[],
                  ${rows.map((row) => row.first_at.toISOString())}::timestamptz[],
                  ${rows.map((row) => row.last_at.toISOString())}::timestamptz[], ${rows.map((row) => row.changes)}::int[])
        as r (document, back, off, len, user_id, agency_id, first_at, last_at, changes)
      join allocated a on a.document = r.document
      where (select count(*) from allocated) = ${documents.length}
      returning 1)
    select document, last_seq as "lastSeq", (select count(*) from stored) as stored from allocated`;
  // All or nothing: a counter missing (or behind, a unique violation) stores no row; levelled, then tried again.
  if (allocated.length !== documents.length || allocated.some((row) => Number(row.stored) !== rows.length))
    throw new Error("a document's seq counter is missing");
  return new Map(allocated.map((row) => [row.document, Number(row.lastSeq)]));
}

/** Writes the merged state as the document's snapshot, covering every update up to `uptoSeq`. */
export async function writeSnapshot(sql: Sql, document: string, state: Uint8Array, uptoSeq: number, at: Date): Promise<void> {
  const bytes = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  await sql`
    insert into collab_snapshots (document, state, upto_seq, created_at) values (${document}, ${bytes}, ${uptoSeq}, ${at})
    on conflict (document) do update set state = excluded.state, upto_seq = excluded.upto_seq, created_at = excluded.created_at
    where collab_snapshots.upto_seq < excluded.upto_seq`;
}

/**
 * Merges the log to one row per person per minute, for minutes that have ended, keeping who wrote what: only runs of
 * consecutive rows by the same person in the same minute are merged, so every remaining point in the log is still a
 * state the document really passed through. `afterSeq`: rows up to here were merged before. Returns the last seq
 * looked at, and how many rows it removed.
 */
export async function mergeLogByPersonAndMinute(
  sql: Sql,
  document: string,
  before: Date,
  afterSeq = 0,
): Promise<{ upToSeq: number; removed: number }> {
  // The rows' bytes are read only for the runs that are merged: most rows are runs of one (already merged, or one
  // person's turn between another's), and a process's first pass reads the document's whole history.
  const rows = await sql<{ id: string; seq: string; userId: string | null; agencyId: string | null; firstAt: Date; lastAt: Date; changes: number; minute: Date }[]>`
    select id, seq, user_id as "userId", agency_id as "agencyId", first_at as "firstAt", last_at as "lastAt", changes,
           date_trunc('minute', first_at) as minute
    from collab_updates
    where document = ${document} and seq > ${afterSeq} and last_at < date_trunc('minute', ${before}::timestamptz)
    order by seq`;
  if (rows.length === 0) return { upToSeq: afterSeq, removed: 0 };
  type LogRow = (typeof rows)[number];
  const runs: LogRow[][] = [];
  for (const row of rows) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (previous && previous.userId === row.userId && previous.minute.getTime() === row.minute.getTime()) run.push(row);
    else runs.push([row]);
  }
  let removed = 0;
  const toMerge = runs.filter((run) => run.length > 1);
  if (toMerge.length)
    await inTransaction(sql, async (tx) => {
      const ids = toMerge.flatMap((run) => run.map((row) => row.id));
      const updates = new Map(
        (await tx<{ id: string; update: Uint8Array }[]>`select id, update from collab_updates where id in ${tx(ids)}`).map((row) => [row.id, row.update]),
      );
      for (const run of toMerge) {
        const merged = compactUpdate(Y.mergeUpdates(run.map((row) => updates.get(row.id)!)));
        const last = run[run.length - 1];
        await tx`delete from collab_updates where id in ${tx(run.map((row) => row.id))}`;
        await tx`
          insert into collab_updates (document, seq, update, user_id, agency_id, first_at, last_at, changes)
          values (${document}, ${last.seq}, ${Buffer.from(merged)}, ${last.userId}, ${last.agencyId},
                  ${run[0].firstAt}, ${last.lastAt}, ${run.reduce((sum, row) => sum + row.changes, 0)})`;
        removed += run.length - 1;
      }
    });
  // The last run may still grow if its person's next row lands in the same minute: look at it again next time.
  const lastRun = runs[runs.length - 1];
  return { upToSeq: Number(lastRun[0].seq) - 1, removed };
}

/**
 * Copies a document whole to a new name, row for row: every stored update with who made it and when, its snapshot,
 * its sequence and the people its Yjs client ids belong to, so the copy's history reads as the original's. Writing to
 * the original must be held (or ended) while this runs, in the transaction that hands the document on.
 */
export async function copyDocument(sql: Sql, from: string, to: string): Promise<void> {
  await sql`insert into collab_updates (document, seq, update, user_id, agency_id, first_at, last_at, changes)
            select ${to}, seq, update, user_id, agency_id, first_at, last_at, changes from collab_updates where document = ${from}`;
  await sql`insert into collab_snapshots (document, state, upto_seq, created_at)
            select ${to}, state, upto_seq, created_at from collab_snapshots where document = ${from}`;
  await sql`insert into collab_documents (document, last_seq) select ${to}, last_seq from collab_documents where document = ${from}`;
  await sql`insert into collab_clients (document, client_id, user_id, claimed_at)
            select ${to}, client_id, user_id, claimed_at from collab_clients where document = ${from}`;
}
