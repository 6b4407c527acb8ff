// An agency's people, as its administrator manages them.
import type { Sql } from "../../db/client";
import type { Role } from "../access/policy";

export type AgencyPerson = {
  id: number;
  fullName: string;
  email: string;
  jobTitle: string;
  role: Role;
  active: boolean;
  /** False until they follow their invitation or reset link and choose one. */
  hasPassword: boolean;
  /** Has set up an authenticator app (decision 056). */
  hasAuthenticator: boolean;
  /** Has added a passkey (decision 058). */
  hasPasskey: boolean;
  activeSessions: number;
};

export async function listAgencyPeople(sql: Sql, agencyId: string, now: Date): Promise<AgencyPerson[]> {
  const rows = await sql<AgencyPerson[]>`
    select u.id, u.full_name as "fullName", u.email, u.job_title as "jobTitle", u.role, u.active,
           u.password_hash <> '' as "hasPassword",
           exists (select 1 from authenticator_apps f where f.user_id = u.id and f.confirmed_at is not null) as "hasAuthenticator",
           exists (select 1 from passkeys p where p.user_id = u.id) as "hasPasskey",
           (select count(*)::int from sessions s where s.user_id = u.id and s.expires_at > ${now}) as "activeSessions"
    from users u where u.agency_id = ${agencyId}
    order by u.active desc, u.full_name`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function getAgencyPerson(sql: Sql, agencyId: string, userId: number): Promise<AgencyPerson | null> {
  if (!Number.isSafeInteger(userId)) return null;
  const [row] = await sql<AgencyPerson[]>`
    select id, full_name as "fullName", email, job_title as "jobTitle", role, active, password_hash <> '' as "hasPassword",
           exists (select 1 from authenticator_apps f where f.user_id = users.id and f.confirmed_at is not null) as "hasAuthenticator",
           exists (select 1 from passkeys p where p.user_id = users.id) as "hasPasskey",
           0 as "activeSessions"
    from users where id = ${userId} and agency_id = ${agencyId}`;
  return row ? { ...row, id: Number(row.id) } : null;
}
