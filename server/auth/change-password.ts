import type { Sql } from "../../db/client";
import { hashPassword, verifyPassword } from "./password";
import { invalidateUserSessions } from "./sessions";

/** Changes a password after checking the current one; every other session of the person ends. */
export async function changePassword(
  sql: Sql,
  opts: { userId: number; sessionId: string; currentPassword: string; newPassword: string },
): Promise<{ ok: true } | { ok: false; field: "currentPassword"; message: string }> {
  const [user] = await sql<{ passwordHash: string }[]>`select password_hash as "passwordHash" from users where id = ${opts.userId}`;
  if (!user || !(await verifyPassword(user.passwordHash, opts.currentPassword)))
    return { ok: false, field: "currentPassword", message: "Your current password is not right" };
  const passwordHash = await hashPassword(opts.newPassword);
  await sql`update users set password_hash = ${passwordHash}, must_change_password = false where id = ${opts.userId}`;
  await invalidateUserSessions(sql, opts.userId, opts.sessionId);
  return { ok: true };
}
