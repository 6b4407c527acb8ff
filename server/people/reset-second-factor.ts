// An administrator's reset of a person's second factor (decision 056), for someone who has lost their phone and their
// recovery codes, or a passkey: the app, codes and passkeys stop working, and so does the password, as in a password reset (every session
// ends, and a single-use link to choose a new password goes to the person's own email). So a password alone, which
// someone else may have, never sets up the new app: whoever does must also hold the person's email. The person is
// told of the reset itself too. The administrator never sees a key, a code or the link.
import type { Sql } from "../../db/client";
import { removeSecondFactors } from "../auth/authenticator";
import { noticeMessage, sendNotice } from "../mail/account-mail";
import type { MailDeps } from "./invitations";
import { resetPassword } from "./reset-password";

export async function resetSecondFactor(
  deps: MailDeps,
  opts: { userId: number; agencyId: string; by: number; origin: string },
): Promise<{ email: string; fullName: string; sessionsEnded: number; emailSent: boolean } | null> {
  const person = await deps.sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const [found] = await t<{ email: string; fullName: string; agencyName: string }[]>`
      select u.email, u.full_name as "fullName", a.name as "agencyName"
      from users u join agencies a on a.id = u.agency_id
      where u.id = ${opts.userId} and u.agency_id = ${opts.agencyId} and u.active
        and (exists (select 1 from authenticator_apps f where f.user_id = u.id) or exists (select 1 from passkeys p where p.user_id = u.id))
      for update of u`;
    if (found) await removeSecondFactors(t, opts.userId);
    return found ?? null;
  });
  if (!person) return null;
  const reset = await resetPassword(deps, opts);
  const told = await sendNotice(deps.mailer, noticeMessage(person, { kind: "second-factor-reset", agencyName: person.agencyName }, deps.now));
  return { email: person.email, fullName: person.fullName, sessionsEnded: reset?.sessionsEnded ?? 0, emailSent: told && (reset?.emailSent ?? false) };
}
