import type { Sql } from "../../db/client";
import { noticeMessage, sendNotice } from "../mail/account-mail";
import type { Mailer } from "../mail/mailer";
import { endAccountLinks } from "./account-links";
import { hashPassword, verifyPassword } from "./password";
import { invalidateUserSessions } from "./sessions";
import { beginAttempt, emailKey, markAttemptSucceeded, type ThrottleSettings } from "./sign-in";

/**
 * Changes a password after checking the current one, throttled like signing in (whoever holds a session cannot guess
 * without limit); every other session of the person ends, and any sign-in link they were sent. They are told by email.
 */
export async function changePassword(
  sql: Sql,
  opts: { userId: number; sessionId: string; currentPassword: string; newPassword: string; ip: string; now: Date; throttle: ThrottleSettings; mailer: Mailer },
): Promise<{ ok: true; sessionsEnded: number } | { ok: false; field: "currentPassword"; message: string }> {
  const [user] = await sql<{ passwordHash: string; email: string; fullName: string }[]>`
    select password_hash as "passwordHash", email, full_name as "fullName" from users where id = ${opts.userId}`;
  if (!user) return { ok: false, field: "currentPassword", message: "Your current password is not right" };
  const attempt = await beginAttempt(sql, { key: emailKey(user.email), ip: opts.ip, now: opts.now, throttle: opts.throttle });
  if (attempt.waitMinutes > 0)
    return { ok: false, field: "currentPassword", message: `Too many wrong passwords. Wait ${attempt.waitMinutes} minutes, then try again.` };
  if (!(await verifyPassword(user.passwordHash, opts.currentPassword)))
    return { ok: false, field: "currentPassword", message: "Your current password is not right" };
  await markAttemptSucceeded(sql, attempt.id);
  const passwordHash = await hashPassword(opts.newPassword);
  await sql`update users set password_hash = ${passwordHash}, must_change_password = false where id = ${opts.userId}`;
  const sessionsEnded = await invalidateUserSessions(sql, opts.userId, opts.sessionId);
  await endAccountLinks(sql, opts.userId, opts.now);
  await sendNotice(opts.mailer, noticeMessage(user, { kind: "password-changed" }, opts.now));
  return { ok: true, sessionsEnded };
}
