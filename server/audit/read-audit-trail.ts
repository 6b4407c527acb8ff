// Reads the audit trail back for the people who may read it (issue 13 item 6; decision 042): a case's, or the whole
// partnership's, newest first, a page at a time by keyset (the entry a page starts after), never counting the table.
import type { Sql } from "../../db/client";

export type AuditOutcome = "success" | "failure" | "denied";

/** Which entries: all of them are optional; instants are from (inclusive) and until (exclusive). */
export type AuditTrailQuery = {
  caseId: number | null;
  userId: number | null;
  agencyId: string | null;
  fromInstant: Date | null;
  untilInstant: Date | null;
};

/**
 * Where a page starts: after the entry `key` names (`<microseconds since 1970>-<id>`), going to older entries, or
 * to newer ones; or at that entry, going to older ones (`first`: a page as it was shown, whatever was written since).
 * A key is only ever made here (`pageKey`) and checked by the filter's schema.
 */
export type AuditTrailPageStart = { direction: "older" | "newer" | "first"; key: string } | null;

export type AuditTrailEntry = {
  id: string;
  at: Date;
  personName: string | null;
  agencyName: string | null;
  action: string;
  outcome: AuditOutcome;
  ip: string;
  caseReference: string | null;
};

export type AuditTrailPage = {
  entries: AuditTrailEntry[];
  /** The key to the next page of older entries, or null at the oldest. */
  older: string | null;
  /** The key to the page of newer entries, or null at the newest. */
  newer: string | null;
  /** The key of this page's first entry, or null for an empty page. */
  first: string | null;
};

type Row = AuditTrailEntry & { micros: string };

const pageKey = (row: Row) => `${row.micros}-${row.id}`;

export async function readAuditTrail(
  sql: Sql,
  query: AuditTrailQuery,
  opts: { start: AuditTrailPageStart; pageSize: number },
): Promise<AuditTrailPage> {
  const { start, pageSize } = opts;
  const newer = start?.direction === "newer";
  const [micros, id] = start ? start.key.split("-") : ["0", "0"];
  // The entry a page starts from, as an instant to the microsecond (a JavaScript Date keeps only milliseconds).
  const startAt = sql`(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`;
  // Written so an index on (…, at) narrows the scan to one side of the start before the id breaks a tie.
  const startCondition = !start
    ? sql``
    : newer
      ? sql`and e.at >= ${startAt} and (e.at > ${startAt} or e.id > ${id}::bigint)`
      : start.direction === "first"
        ? sql`and e.at <= ${startAt} and (e.at < ${startAt} or e.id <= ${id}::bigint)`
        : sql`and e.at <= ${startAt} and (e.at < ${startAt} or e.id < ${id}::bigint)`;
  const rows = await sql<Row[]>`
    select e.id::text as id, e.at, (extract(epoch from e.at) * 1000000)::bigint::text as micros,
      u.full_name as "personName", a.name as "agencyName", e.action, e.outcome, e.ip, c.reference as "caseReference"
    from audit_events e
    left join users u on u.id = e.user_id
    left join agencies a on a.id = e.agency_id
    left join cases c on c.id = e.case_id
    where true
      ${query.caseId === null ? sql`` : sql`and e.case_id = ${query.caseId}`}
      ${query.userId === null ? sql`` : sql`and e.user_id = ${query.userId}`}
      ${query.agencyId === null ? sql`` : sql`and e.agency_id = ${query.agencyId}`}
      ${query.fromInstant === null ? sql`` : sql`and e.at >= ${query.fromInstant}`}
      ${query.untilInstant === null ? sql`` : sql`and e.at < ${query.untilInstant}`}
      ${startCondition}
    order by ${newer ? sql`e.at asc, e.id asc` : sql`e.at desc, e.id desc`}
    limit ${pageSize + 1}`;
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (newer) page.reverse();
  const entries = page.map(({ micros: _micros, ...entry }) => entry);
  if (page.length === 0) return { entries, older: null, newer: null, first: null };
  return {
    entries,
    // Coming from newer entries, there are newer ones; going to newer ones, there are older ones (where we came from).
    older: newer || more ? pageKey(page[page.length - 1]) : null,
    newer: (newer ? more : start !== null) ? pageKey(page[0]) : null,
    first: pageKey(page[0]),
  };
}

export type TrailPerson = { id: number; fullName: string; agencyName: string };

/** The people who appear in a case's trail, to filter it by: no one else is named on the case's page. */
export async function listPeopleInCaseTrail(sql: Sql, caseId: number): Promise<TrailPerson[]> {
  const rows = await sql<{ id: string; fullName: string; agencyName: string }[]>`
    select u.id::text as id, u.full_name as "fullName", a.name as "agencyName"
    from users u join agencies a on a.id = u.agency_id
    where u.id in (select e.user_id from audit_events e where e.case_id = ${caseId} and e.user_id is not null)
    order by a.name, u.full_name, u.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Everyone in the partnership, to filter the partnership's trail by. */
export async function listPeopleInPartnership(sql: Sql): Promise<TrailPerson[]> {
  const rows = await sql<{ id: string; fullName: string; agencyName: string }[]>`
    select u.id::text as id, u.full_name as "fullName", a.name as "agencyName"
    from users u join agencies a on a.id = u.agency_id
    order by a.name, u.full_name, u.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function listAgencies(sql: Sql): Promise<{ id: string; name: string }[]> {
  return sql<{ id: string; name: string }[]>`select id, name from agencies order by name`;
}

/** A case's id from its reference (references are written in capitals; so is what people type, before this), or null. */
export async function findCaseByReference(sql: Sql, reference: string): Promise<number | null> {
  const [row] = await sql<{ id: string }[]>`select id::text as id from cases where reference = ${reference.toUpperCase()}`;
  return row ? Number(row.id) : null;
}

/** A case's reference, for a page that may not show the child's name. */
export async function caseReference(sql: Sql, caseId: number): Promise<string | null> {
  const [row] = await sql<{ reference: string }[]>`select reference from cases where id = ${caseId}`;
  return row?.reference ?? null;
}
