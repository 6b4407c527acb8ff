import type { Sql } from "../../db/client";
import { invalidateUserSessions } from "../auth/sessions";

/** Deactivating ends every session of the person at once; reactivating lets them sign in again. */
export async function setPersonActive(
  sql: Sql,
  opts: { userId: number; agencyId: string; active: boolean; by: number; now: Date },
): Promise<{ changed: boolean; sessionsEnded: number }> {
  return sql.begin(async (tx) => {
    const changed = await tx`
      update users set active = ${opts.active},
        deactivated_at = ${opts.active ? null : opts.now}, deactivated_by = ${opts.active ? null : opts.by}
      where id = ${opts.userId} and agency_id = ${opts.agencyId} and active <> ${opts.active}
      returning id`;
    const sessionsEnded = opts.active ? 0 : await invalidateUserSessions(tx as unknown as Sql, opts.userId);
    return { changed: changed.length > 0, sessionsEnded };
  });
}
