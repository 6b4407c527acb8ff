// "Forgotten your password?": a reset link to the address, if it is an active account's. The answer is the same
// whether or not it is, and requests are throttled per address asked about and per network address, so the form can
// neither list accounts nor flood anyone's inbox. The old password keeps working until the link is used, and the link
// ends no invitation or reset an administrator sent, so a stranger asking cannot lock anyone out.
import type { Sql } from "../../db/client";
import { resetMessage, sendNotice } from "../mail/account-mail";
import type { Mailer } from "../mail/mailer";
import { createAccountLink, linkPath } from "./account-links";
import { emailKey } from "./sign-in";

export const RESET_REQUESTS = { perEmail: 3, perAddress: 12, windowMinutes: 60 } as const;

export type ForgottenPasswordResult = { ok: true; sentTo: number | null } | { ok: false; retryAfterMinutes: number };

/** Advisory lock namespaces (the two-key form, apart from the migration runner's one-key lock). */
const LOCK_RESET_EMAIL = 7_263_531;
const LOCK_RESET_ADDRESS = 7_263_532;

type Outcome = { ok: false; retryAfterMinutes: number } | { ok: true; person: { id: number; fullName: string; email: string } | null; link: { token: string; expiresAt: Date } | null };

export async function requestPasswordReset(
  deps: { sql: Sql; mailer: Mailer; now: Date },
  opts: { email: string; ip: string; origin: string },
): Promise<ForgottenPasswordResult> {
  const { sql, now } = deps;
  const key = emailKey(opts.email).slice(0, 320);
  const ip = opts.ip.slice(0, 100);
  const windowMs = RESET_REQUESTS.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  // Counting and recording happen under one lock per address asked about and one per network address, so requests
  // sent together are counted one after another and the limits hold exactly. Always the email's lock first, then the
  // network address's: two requests never wait on each other in opposite orders.
  const outcome: Outcome = await sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    await t`select pg_advisory_xact_lock(${LOCK_RESET_EMAIL}::int, hashtext(${key}))`;
    await t`select pg_advisory_xact_lock(${LOCK_RESET_ADDRESS}::int, hashtext(${ip}))`;
    const [counts] = await t<{ byEmail: number; byAddress: number; oldestEmail: Date | null; oldestAddress: Date | null }[]>`
      select (select count(*)::int from password_reset_requests where email_key = ${key} and at > ${since}) as "byEmail",
             (select count(*)::int from password_reset_requests where ip = ${ip} and at > ${since}) as "byAddress",
             (select min(at) from password_reset_requests where email_key = ${key} and at > ${since}) as "oldestEmail",
             (select min(at) from password_reset_requests where ip = ${ip} and at > ${since}) as "oldestAddress"`;
    const waits = [
      counts.byEmail >= RESET_REQUESTS.perEmail ? counts.oldestEmail : null,
      counts.byAddress >= RESET_REQUESTS.perAddress ? counts.oldestAddress : null,
    ]
      .filter((oldest): oldest is Date => oldest !== null)
      .map((oldest) => Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 60_000)));
    if (waits.length) return { ok: false, retryAfterMinutes: Math.max(...waits) };
    await t`insert into password_reset_requests (at, email_key, ip) values (${now}, ${key}, ${ip})`;

    const [person] = await t<{ id: number; fullName: string; email: string }[]>`
      select id, full_name as "fullName", email from users where lower(email) = ${key} and active`;
    if (!person) return { ok: true, person: null, link: null };
    // Asked for by whoever typed the address (createdBy null): it ends no invitation or administrator's reset.
    const link = await createAccountLink(t, { userId: Number(person.id), purpose: "reset", createdBy: null, now });
    return { ok: true, person: { ...person, id: Number(person.id) }, link };
  });
  if (!outcome.ok) return outcome;
  if (!outcome.person || !outcome.link) return { ok: true, sentTo: null };
  // Not awaited: how long the mail server takes must not tell the asker whether the account exists.
  void sendNotice(deps.mailer, resetMessage(outcome.person, `${opts.origin}${linkPath(outcome.link.token)}`, outcome.link.expiresAt, false));
  return { ok: true, sentTo: outcome.person.id };
}
