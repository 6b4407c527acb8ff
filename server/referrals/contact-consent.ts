// The screening team's record of the family's consent on a contact: given, refused, or dispensed with (the reason and
// the social care manager who decided). Every record is a new row; the latest is the consent now.
import type { Sql } from "../../db/client";
import type { ConsentAnswer } from "../../common/forms/contact-decisions";

export type ContactConsent = {
  id: number;
  consent: ConsentAnswer;
  reason: string;
  managerName: string | null;
  byName: string;
  byAgencyName: string;
  at: Date;
};

/** A contact's consent records, newest first: the first is its consent now. */
export async function listContactConsent(sql: Sql, contactId: number): Promise<ContactConsent[]> {
  const rows = await sql<{ id: string; consent: ConsentAnswer; reason: string; manager_name: string | null; by_name: string; agency_name: string; at: Date }[]>`
    select c.id, c.consent, c.reason, m.full_name as manager_name, u.full_name as by_name, a.name as agency_name, c.at
      from contact_consent c join users u on u.id = c.by_user_id join agencies a on a.id = c.by_agency_id
      left join users m on m.id = c.manager_user_id
     where c.contact_id = ${contactId} order by c.at desc, c.id desc`;
  return rows.map((row) => ({
    id: Number(row.id),
    consent: row.consent,
    reason: row.reason,
    managerName: row.manager_name,
    byName: row.by_name,
    byAgencyName: row.agency_name,
    at: row.at,
  }));
}

/** The social care managers who may decide to dispense with consent (and who authorise decisions): active ones. */
export async function listDecidingManagers(sql: Sql): Promise<{ userId: number; label: string }[]> {
  const rows = await sql<{ id: string; full_name: string; job_title: string; agency_name: string }[]>`
    select u.id, u.full_name, u.job_title, a.name as agency_name
      from users u join agencies a on a.id = u.agency_id
     where u.active and u.role = 'manager' and a.kind = 'social_care' order by u.full_name, u.id`;
  return rows.map((row) => ({ userId: Number(row.id), label: `${row.full_name}, ${row.job_title || "manager"}, ${row.agency_name}` }));
}

export type NewConsent = {
  contactId: number;
  consent: ConsentAnswer;
  reason: string;
  managerUserId: number | null;
  byUserId: number;
  byAgencyId: string;
  at: Date;
};

export type ConsentRecorded = { ok: true; id: number } | { ok: false; problem: "not-a-manager" | "decided" };

/**
 * Records consent. Dispensed with names a manager, who must be an active social care manager now (checked in the
 * same statement as the insert, so a hostile id records nothing). A decided contact records nothing.
 */
export async function recordContactConsent(sql: Sql, consent: NewConsent): Promise<ConsentRecorded> {
  try {
    const rows = await sql<{ id: string }[]>`
      insert into contact_consent (contact_id, consent, reason, manager_user_id, by_user_id, by_agency_id, at)
      select ${consent.contactId}, ${consent.consent}, ${consent.reason}, ${consent.managerUserId}, ${consent.byUserId},
             ${consent.byAgencyId}, ${consent.at}
       where ${consent.managerUserId}::bigint is null
          or exists (select 1 from users u join agencies a on a.id = u.agency_id
                      where u.id = ${consent.managerUserId} and u.active and u.role = 'manager' and a.kind = 'social_care')
      returning id`;
    return rows.length ? { ok: true, id: Number(rows[0].id) } : { ok: false, problem: "not-a-manager" };
  } catch (error) {
    if (isDecidedRefusal(error)) return { ok: false, problem: "decided" };
    throw error;
  }
}

/** Whether a database error is migration 018's trigger refusing a change to a decided contact. */
export function isDecidedRefusal(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "23514" && typeof message === "string" && /has been decided/.test(message);
}
