// Who must give a second factor (decision 056): everyone, unless their agency has an exemption, which is never silent:
// it is recorded with who made it, when and why, and the partnership manager sees each one beside the share of every
// agency's people who have set up a second factor (an authenticator app or a passkey).
import type { Sql } from "../../db/client";

export type AgencySecondFactors = {
  agencyId: string;
  agencyName: string;
  /** Active people with a password (able to sign in). */
  people: number;
  /** Of them, those with an authenticator app or a passkey (decision 058). */
  withSecondFactor: number;
  exemption: { reason: string; recordedBy: string; recordedAt: Date } | null;
};

export async function secondFactorsByAgency(sql: Sql): Promise<AgencySecondFactors[]> {
  const rows = await sql<(Omit<AgencySecondFactors, "exemption"> & { reason: string | null; recordedBy: string | null; recordedAt: Date | null })[]>`
    select a.id as "agencyId", a.name as "agencyName",
           count(u.id)::int as people,
           count(u.id) filter (where exists (select 1 from authenticator_apps f where f.user_id = u.id and f.confirmed_at is not null)
                                or exists (select 1 from passkeys p where p.user_id = u.id))::int as "withSecondFactor",
           e.reason, r.full_name as "recordedBy", e.recorded_at as "recordedAt"
    from agencies a
    left join users u on u.agency_id = a.id and u.active and u.password_hash <> ''
    left join second_factor_exemptions e on e.agency_id = a.id
    left join users r on r.id = e.recorded_by
    group by a.id, a.name, e.reason, r.full_name, e.recorded_at
    order by a.name`;
  return rows.map(({ reason, recordedBy, recordedAt, ...row }) => ({
    ...row,
    exemption: reason !== null && recordedAt !== null ? { reason, recordedBy: recordedBy ?? "Unknown", recordedAt } : null,
  }));
}

/** Records an exemption; false when the agency does not exist or is exempt already. */
export async function recordExemption(sql: Sql, opts: { agencyId: string; reason: string; by: number; now: Date }): Promise<boolean> {
  const made = await sql`
    insert into second_factor_exemptions (agency_id, reason, recorded_by, recorded_at)
    select id, ${opts.reason}, ${opts.by}, ${opts.now} from agencies where id = ${opts.agencyId}
    on conflict (agency_id) do nothing returning agency_id`;
  return made.length === 1;
}

/**
 * Withdraws an exemption. Returns the sessions it leaves short of a second factor (signed in with a password alone),
 * by person, so their open pages can be stopped at once; null when the agency was not exempt.
 */
export async function withdrawExemption(sql: Sql, agencyId: string): Promise<Map<number, string[]> | null> {
  return sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const removed = await t`delete from second_factor_exemptions where agency_id = ${agencyId} returning agency_id`;
    if (removed.length === 0) return null;
    const rows = await t<{ id: string; userId: number }[]>`
      select s.id, s.user_id as "userId" from sessions s join users u on u.id = s.user_id
      where u.agency_id = ${agencyId} and s.second_factor_at is null`;
    const byPerson = new Map<number, string[]>();
    for (const row of rows) byPerson.set(Number(row.userId), [...(byPerson.get(Number(row.userId)) ?? []), row.id]);
    return byPerson;
  });
}
