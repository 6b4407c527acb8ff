// An administrator's reset: the person's password stops working and every session ends at once; a single-use link
// to choose a new one goes to the person's own email. The administrator never sees a password or the link.
import type { Sql } from "../../db/client";
import { createAccountLink, linkPath } from "../auth/account-links";
import { invalidateUserSessions } from "../auth/sessions";
import { resetMessage, sendNotice } from "../mail/account-mail";
import type { MailDeps } from "./invitations";

export async function resetPassword(
  deps: MailDeps,
  opts: { userId: number; agencyId: string; by: number; origin: string },
): Promise<{ email: string; fullName: string; sessionsEnded: number; emailSent: boolean } | null> {
  const made = await deps.sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const [person] = await t<{ email: string; fullName: string }[]>`
      update users set password_hash = '', must_change_password = false
      where id = ${opts.userId} and agency_id = ${opts.agencyId} and active
      returning email, full_name as "fullName"`;
    if (!person) return null;
    const sessionsEnded = await invalidateUserSessions(t, opts.userId);
    const link = await createAccountLink(t, { userId: opts.userId, purpose: "reset", createdBy: opts.by, now: deps.now });
    return { person, sessionsEnded, ...link };
  });
  if (!made) return null;
  const emailSent = await sendNotice(deps.mailer, resetMessage(made.person, `${opts.origin}${linkPath(made.token)}`, made.expiresAt, true));
  return { email: made.person.email, fullName: made.person.fullName, sessionsEnded: made.sessionsEnded, emailSent };
}
