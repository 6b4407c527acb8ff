import type { Sql } from "../../db/client";
import { hashPassword } from "../auth/password";
import { invalidateUserSessions } from "../auth/sessions";
import { generateTemporaryPassword } from "./add-person";

/** A new one-time password for a person of the agency; their sessions end and they choose their own at sign-in. */
export async function resetPassword(
  sql: Sql,
  opts: { userId: number; agencyId: string },
): Promise<{ temporaryPassword: string } | null> {
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return sql.begin(async (tx) => {
    const updated = await tx`
      update users set password_hash = ${passwordHash}, must_change_password = true
      where id = ${opts.userId} and agency_id = ${opts.agencyId} and active
      returning id`;
    if (updated.length === 0) return null;
    await invalidateUserSessions(tx as unknown as Sql, opts.userId);
    return { temporaryPassword };
  });
}
