// "Forgotten your password?": a reset link to the address, if it is an active account's. The answer is the same
// whether or not it is, and requests are throttled per address asked about and per network address, so the form can
// neither list accounts nor flood anyone's inbox. The old password keeps working until the link is used, so a
// stranger asking cannot lock anyone out.
import type { Sql } from "../../db/client";
import { resetMessage, sendNotice } from "../mail/account-mail";
import type { Mailer } from "../mail/mailer";
import { createAccountLink, linkPath } from "./account-links";
import { emailKey } from "./sign-in";

export const RESET_REQUESTS = { perEmail: 3, perAddress: 12, windowMinutes: 60 } as const;

export type ForgottenPasswordResult = { ok: true; sentTo: number | null } | { ok: false; retryAfterMinutes: number };

export async function requestPasswordReset(
  deps: { sql: Sql; mailer: Mailer; now: Date },
  opts: { email: string; ip: string; origin: string },
): Promise<ForgottenPasswordResult> {
  const { sql, now } = deps;
  const key = emailKey(opts.email).slice(0, 320);
  const windowMs = RESET_REQUESTS.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const [counts] = await sql<{ byEmail: number; byAddress: number; oldestEmail: Date | null; oldestAddress: Date | null }[]>`
    select (select count(*)::int from password_reset_requests where email_key = ${key} and at > ${since}) as "byEmail",
           (select count(*)::int from password_reset_requests where ip = ${opts.ip} and at > ${since}) as "byAddress",
           (select min(at) from password_reset_requests where email_key = ${key} and at > ${since}) as "oldestEmail",
           (select min(at) from password_reset_requests where ip = ${opts.ip} and at > ${since}) as "oldestAddress"`;
  const waits = [
    counts.byEmail >= RESET_REQUESTS.perEmail ? counts.oldestEmail : null,
    counts.byAddress >= RESET_REQUESTS.perAddress ? counts.oldestAddress : null,
  ]
    .filter((oldest): oldest is Date => oldest !== null)
    .map((oldest) => Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 60_000)));
  if (waits.length) return { ok: false, retryAfterMinutes: Math.max(...waits) };
  await sql`insert into password_reset_requests (at, email_key, ip) values (${now}, ${key}, ${opts.ip.slice(0, 100)})`;

  const [person] = await sql<{ id: number; fullName: string; email: string }[]>`
    select id, full_name as "fullName", email from users where lower(email) = ${key} and active`;
  if (!person) return { ok: true, sentTo: null };
  const userId = Number(person.id);
  const link = await sql.begin((tx) => createAccountLink(tx as unknown as Sql, { userId, purpose: "reset", createdBy: null, now }));
  // Not awaited: how long the mail server takes must not tell the asker whether the account exists.
  void sendNotice(deps.mailer, resetMessage(person, `${opts.origin}${linkPath(link.token)}`, link.expiresAt, false));
  return { ok: true, sentTo: userId };
}
