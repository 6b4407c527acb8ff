import type { Sql } from "../../db/client";
import { createAccountLink, endAccountLinks, linkPath } from "../auth/account-links";
import { invalidateUserSessions } from "../auth/sessions";
import { noticeMessage, REACTIVATION_HOURS, reactivationMessage, sendNotice } from "../mail/account-mail";
import { agencyName, type MailDeps } from "./invitations";

export type SetActiveResult = { changed: boolean; sessionsEnded: number; emailSent: boolean };

/**
 * Deactivating (with the reason, which is kept in the record and the audit trail, never emailed) ends the person's
 * password, every session and every sign-in link at once, as an administrator's reset does. Reactivating does not
 * bring the old password back: whoever knew it then (anyone the person told, or anyone who asked them for it while
 * they were deactivated) cannot use it. The person is emailed a single-use link, valid as long as an invitation, to
 * choose a new one. The person is told either way.
 */
export async function setPersonActive(
  deps: MailDeps,
  opts: { userId: number; agencyId: string; by: number } & ({ active: false; reason: string } | { active: true; origin: string }),
): Promise<SetActiveResult> {
  const { now } = deps;
  const reason = opts.active ? "" : opts.reason;
  const result = await deps.sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const [person] = await t<{ fullName: string; email: string }[]>`
      update users set active = ${opts.active}, deactivation_reason = ${reason},
        deactivated_at = ${opts.active ? null : now}, deactivated_by = ${opts.active ? null : opts.by},
        password_hash = '', must_change_password = false
      where id = ${opts.userId} and agency_id = ${opts.agencyId} and active <> ${opts.active}
      returning full_name as "fullName", email`;
    if (!person) return { person, sessionsEnded: 0, link: null };
    const sessionsEnded = await invalidateUserSessions(t, opts.userId);
    if (!opts.active) {
      await endAccountLinks(t, opts.userId, now);
      return { person, sessionsEnded, link: null };
    }
    const link = await createAccountLink(t, { userId: opts.userId, purpose: "reset", createdBy: opts.by, now, hours: REACTIVATION_HOURS });
    return { person, sessionsEnded, link };
  });
  if (!result.person) return { changed: false, sessionsEnded: 0, emailSent: false };
  const agency = await agencyName(deps.sql, opts.agencyId);
  const message = result.link
    ? reactivationMessage({ ...result.person, agencyName: agency }, `${opts.active ? opts.origin : ""}${linkPath(result.link.token)}`, result.link.expiresAt, now)
    : noticeMessage(result.person, { kind: "deactivated", agencyName: agency }, now);
  const emailSent = await sendNotice(deps.mailer, message);
  return { changed: true, sessionsEnded: result.sessionsEnded, emailSent };
}
