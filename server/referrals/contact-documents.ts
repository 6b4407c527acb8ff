// The facts around a contact's live documents (decision 037): each agency's check (asked, completed, shared) and the
// front door's map, and whether the contact has been decided (and the case its decision opened). The documents'
// words are Yjs documents like every other; what the policy judges of them is read here.
import type { Sql } from "../../db/client";
import type { ContactRecordResource } from "../access/policy";
import { loadCaseFacts } from "../cases/case-facts";
import { isDecidedRefusal } from "./contact-consent";

/** Runs an insert the database refuses once the contact is decided (migration 021): null when it refused. */
async function unlessDecided<T>(insert: () => Promise<T>): Promise<T | null> {
  try {
    return await insert();
  } catch (error) {
    if (isDecidedRefusal(error)) return null;
    throw error;
  }
}

export const contactCheckName = (contactId: number, agencyId: string) => `contact:${contactId}:check:${agencyId}`;
export const contactMapName = (contactId: number) => `contact:${contactId}:map`;

/** Whether a sent contact has an authorised decision, and the case it opened or used (null: none, or not sent). */
export async function readContactStanding(sql: Sql, contactId: number): Promise<{ decided: boolean; caseId: number | null } | null> {
  const [row] = await sql<{ decided: boolean; caseId: string | null }[]>`
    select exists (select 1 from contact_decisions d where d.contact_id = c.id and d.step = 'authorised') as decided,
           (select d.case_id from contact_decisions d where d.contact_id = c.id and d.step = 'authorised') as "caseId"
      from contacts c where c.id = ${contactId} and c.status = 'submitted'`;
  return row ? { decided: row.decided, caseId: row.caseId === null ? null : Number(row.caseId) } : null;
}

/** The record the policy judges for a contact's document, with the case a decision opened, once there is one. */
async function contactRecord(
  sql: Sql,
  contactId: number,
  of: { authorAgencyId: string | null; restricted: boolean; completed: boolean },
  now: Date,
): Promise<{ resource: ContactRecordResource; caseId: number | null } | null> {
  const standing = await readContactStanding(sql, contactId);
  if (!standing) return null;
  const facts = standing.caseId === null ? null : await loadCaseFacts(sql, standing.caseId, now);
  return {
    caseId: standing.caseId,
    resource: {
      type: "contact-record",
      contactId,
      authorAgencyId: of.authorAgencyId,
      restricted: of.restricted,
      state: standing.decided ? "decided" : of.completed ? "completed" : "open",
      ...(facts ? { case: facts } : {}),
    },
  };
}

export type ContactCheck = {
  id: number;
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  asked: string;
  askedByName: string;
  askedByAgencyName: string;
  askedAt: Date;
  /** Restricted when asked (the police's), and not shared since. */
  restricted: boolean;
  completedAt: Date | null;
  completedByName: string | null;
  shared: { reason: string; byName: string; at: Date } | null;
};

const checkColumns = (sql: Sql) => sql`
  k.id, k.agency_id as "agencyId", a.name as "agencyName", a.kind as "agencyKind", k.asked,
  ask.full_name as "askedByName", aa.name as "askedByAgencyName", k.asked_at as "askedAt",
  (k.restricted and s.check_id is null) as restricted,
  cc.at as "completedAt", cu.full_name as "completedByName",
  s.reason as "sharedReason", su.full_name as "sharedByName", s.at as "sharedAt"`;

const checkJoins = (sql: Sql) => sql`
  from contact_checks k
  join agencies a on a.id = k.agency_id
  join users ask on ask.id = k.asked_by_user_id
  join agencies aa on aa.id = k.asked_by_agency_id
  left join contact_check_completions cc on cc.check_id = k.id
  left join users cu on cu.id = cc.by_user_id
  left join contact_check_shares s on s.check_id = k.id
  left join users su on su.id = s.by_user_id`;

type CheckRow = Omit<ContactCheck, "id" | "shared"> & { id: string; sharedReason: string | null; sharedByName: string | null; sharedAt: Date | null };

const toCheck = ({ sharedReason, sharedByName, sharedAt, ...row }: CheckRow): ContactCheck => ({
  ...row,
  id: Number(row.id),
  shared: sharedReason !== null && sharedAt !== null ? { reason: sharedReason, byName: sharedByName ?? "", at: sharedAt } : null,
});

/** Every check asked for on a contact, in the order they were asked. */
export async function listContactChecks(sql: Sql, contactId: number): Promise<ContactCheck[]> {
  const rows = await sql<CheckRow[]>`select ${checkColumns(sql)} ${checkJoins(sql)} where k.contact_id = ${contactId} order by k.asked_at, k.id`;
  return rows.map(toCheck);
}

/** One agency's check on a contact, or null when none was asked for. */
export async function readContactCheck(sql: Sql, contactId: number, agencyId: string): Promise<ContactCheck | null> {
  const [row] = await sql<CheckRow[]>`
    select ${checkColumns(sql)} ${checkJoins(sql)} where k.contact_id = ${contactId} and k.agency_id = ${agencyId}`;
  return row ? toCheck(row) : null;
}

/** The record the policy judges for an agency's check on a contact, or null when it was never asked for. */
export async function resolveContactCheck(sql: Sql, contactId: number, agencyId: string, now: Date = new Date()) {
  const check = await readContactCheck(sql, contactId, agencyId);
  if (!check) return null;
  return contactRecord(sql, contactId, { authorAgencyId: check.agencyId, restricted: check.restricted, completed: check.completedAt !== null }, now);
}

/** The agencies whose screeners check at the front door (an active screener of a screening agency), by name. */
export async function listCheckingAgencies(sql: Sql): Promise<{ id: string; name: string; kind: string }[]> {
  return sql<{ id: string; name: string; kind: string }[]>`
    select a.id, a.name, a.kind from agencies a
     where a.kind in ('social_care', 'police', 'health', 'education')
       and exists (select 1 from users u where u.agency_id = a.id and u.role = 'screener' and u.active)
     order by a.name`;
}

export type AskResult = { ok: true; id: number } | { ok: false; problem: "already-asked" | "not-checking" | "decided" };

/** Asks an agency to check what it holds. The police's checks are restricted from the start (decision 037). */
export async function askForCheck(
  sql: Sql,
  input: { contactId: number; agencyId: string; asked: string; byUserId: number; byAgencyId: string; at: Date },
): Promise<AskResult> {
  const checking = await listCheckingAgencies(sql);
  const agency = checking.find((candidate) => candidate.id === input.agencyId);
  if (!agency) return { ok: false, problem: "not-checking" };
  const rows = await unlessDecided(
    () => sql<{ id: string }[]>`
      insert into contact_checks (contact_id, agency_id, asked, restricted, asked_by_user_id, asked_by_agency_id, asked_at)
      values (${input.contactId}, ${input.agencyId}, ${input.asked}, ${agency.kind === "police"}, ${input.byUserId}, ${input.byAgencyId}, ${input.at})
      on conflict (contact_id, agency_id) do nothing
      returning id`,
  );
  if (!rows) return { ok: false, problem: "decided" };
  return rows[0] ? { ok: true, id: Number(rows[0].id) } : { ok: false, problem: "already-asked" };
}

/** Says a check is complete; false when it already was. */
export async function completeCheck(sql: Sql, input: { checkId: number; byUserId: number; at: Date }): Promise<boolean> {
  const rows = await unlessDecided(
    () => sql`insert into contact_check_completions (check_id, by_user_id, at) values (${input.checkId}, ${input.byUserId}, ${input.at})
              on conflict (check_id) do nothing returning check_id`,
  );
  return rows?.length === 1;
}

/** Shares a restricted check with the whole screening team, with the reason; false when it already was. */
export async function shareCheck(sql: Sql, input: { checkId: number; reason: string; byUserId: number; at: Date }): Promise<boolean> {
  const rows = await unlessDecided(
    () => sql`insert into contact_check_shares (check_id, reason, by_user_id, at) values (${input.checkId}, ${input.reason}, ${input.byUserId}, ${input.at})
              on conflict (check_id) do nothing returning check_id`,
  );
  return rows?.length === 1;
}

export type ContactMap = { startedByName: string; startedAt: Date; carriedTo: { caseId: number; mapId: number; at: Date } | null };

/** The front door's map on a contact, or null when none was started. */
export async function readContactMap(sql: Sql, contactId: number): Promise<ContactMap | null> {
  const [row] = await sql<{ startedByName: string; startedAt: Date; caseId: string | null; mapId: string | null; carriedAt: Date | null }[]>`
    select u.full_name as "startedByName", m.started_at as "startedAt", m.carried_to_case_id as "caseId",
           m.carried_to_map_id as "mapId", m.carried_at as "carriedAt"
      from contact_maps m join users u on u.id = m.started_by_user_id where m.contact_id = ${contactId}`;
  if (!row) return null;
  const carriedTo = row.caseId && row.mapId && row.carriedAt ? { caseId: Number(row.caseId), mapId: Number(row.mapId), at: row.carriedAt } : null;
  return { startedByName: row.startedByName, startedAt: row.startedAt, carriedTo };
}

/** The record the policy judges for the front door's map, or null when none was started. */
export async function resolveContactMap(sql: Sql, contactId: number, now: Date = new Date()) {
  const map = await readContactMap(sql, contactId);
  if (!map) return null;
  return contactRecord(sql, contactId, { authorAgencyId: null, restricted: false, completed: map.carriedTo !== null }, now);
}

/** Starts the front door's map; false when one was already started (the page then shows that one). */
export async function startContactMap(sql: Sql, input: { contactId: number; byUserId: number; at: Date }): Promise<boolean> {
  const rows = await unlessDecided(
    () => sql`insert into contact_maps (contact_id, started_by_user_id, started_at) values (${input.contactId}, ${input.byUserId}, ${input.at})
              on conflict (contact_id) do nothing returning contact_id`,
  );
  return rows?.length === 1;
}

/** The contact whose authorised decision convened this meeting, if one did. */
export async function contactOfMeeting(sql: Sql, meetingId: number): Promise<number | null> {
  const [row] = await sql<{ contactId: string }[]>`
    select contact_id as "contactId" from contact_decisions where meeting_id = ${meetingId} and step = 'authorised'`;
  return row ? Number(row.contactId) : null;
}
