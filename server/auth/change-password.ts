import type { Sql } from "../../db/client";
import { hashPassword, verifyPassword } from "./password";
import { invalidateUserSessions } from "./sessions";
import { beginAttempt, emailKey, markAttemptSucceeded, type ThrottleSettings } from "./sign-in";

/**
 * Changes a password after checking the current one, throttled like signing in (whoever holds a session cannot guess
 * without limit); every other session of the person ends.
 */
export async function changePassword(
  sql: Sql,
  opts: { userId: number; sessionId: string; currentPassword: string; newPassword: string; ip: string; now: Date; throttle: ThrottleSettings },
): Promise<{ ok: true } | { ok: false; field: "currentPassword"; message: string }> {
  const [user] = await sql<{ passwordHash: string; email: string }[]>`
    select password_hash as "passwordHash", email from users where id = ${opts.userId}`;
  if (!user) return { ok: false, field: "currentPassword", message: "Your current password is not right" };
  const attempt = await beginAttempt(sql, { key: emailKey(user.email), ip: opts.ip, now: opts.now, throttle: opts.throttle });
  if (attempt.waitMinutes > 0)
    return { ok: false, field: "currentPassword", message: `Too many wrong passwords. Wait ${attempt.waitMinutes} minutes, then try again.` };
  if (!(await verifyPassword(user.passwordHash, opts.currentPassword)))
    return { ok: false, field: "currentPassword", message: "Your current password is not right" };
  await markAttemptSucceeded(sql, attempt.id);
  const passwordHash = await hashPassword(opts.newPassword);
  await sql`update users set password_hash = ${passwordHash}, must_change_password = false where id = ${opts.userId}`;
  await invalidateUserSessions(sql, opts.userId, opts.sessionId);
  return { ok: true };
}
