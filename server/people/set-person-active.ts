import type { Sql } from "../../db/client";
import { endAccountLinks } from "../auth/account-links";
import { invalidateUserSessions } from "../auth/sessions";
import { noticeMessage, sendNotice } from "../mail/account-mail";
import type { MailDeps } from "./invitations";

/**
 * Deactivating (with the reason, which is kept) ends every session and every sign-in link of the person at once;
 * reactivating lets them sign in again. The person is told either way.
 */
export async function setPersonActive(
  deps: MailDeps,
  opts: { userId: number; agencyId: string; active: boolean; by: number; reason?: string },
): Promise<{ changed: boolean; sessionsEnded: number }> {
  const { now } = deps;
  const reason = opts.active ? "" : (opts.reason ?? "");
  const result = await deps.sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const [person] = await t<{ fullName: string; email: string }[]>`
      update users set active = ${opts.active}, deactivation_reason = ${reason},
        deactivated_at = ${opts.active ? null : now}, deactivated_by = ${opts.active ? null : opts.by}
      where id = ${opts.userId} and agency_id = ${opts.agencyId} and active <> ${opts.active}
      returning full_name as "fullName", email`;
    if (!person || opts.active) return { person, sessionsEnded: 0 };
    await endAccountLinks(t, opts.userId, now);
    return { person, sessionsEnded: await invalidateUserSessions(t, opts.userId) };
  });
  if (result.person)
    await sendNotice(deps.mailer, noticeMessage(result.person, opts.active ? { kind: "reactivated" } : { kind: "deactivated", reason }, now));
  return { changed: Boolean(result.person), sessionsEnded: result.sessionsEnded };
}
