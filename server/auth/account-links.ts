// Single-use, short-lived links that let a person choose their own password: an invitation (72 hours) or a reset
// (1 hour; 72 after a reactivation). Like session tokens, the token is random and only its SHA-256 is stored; a newer
// link from an administrator supersedes every older one, one the person asked for only the older ones they asked for.
// Following the link (GET) only looks; choosing the password (POST) uses it up.
import type { Sql } from "../../db/client";
import { INVITATION_HOURS, noticeMessage, RESET_HOURS, sendNotice } from "../mail/account-mail";
import type { Mailer } from "../mail/mailer";
import { hashPassword } from "./password";
import { recogniseDevice } from "./devices";
import { createSession, generateSessionToken, invalidateUserSessions, sessionIdFromToken, type SessionSettings } from "./sessions";

export type LinkPurpose = "invitation" | "reset";

export type LinkState =
  | { state: "valid"; purpose: LinkPurpose; userId: number; fullName: string; email: string }
  | { state: "used" | "superseded" | "expired" | "unknown" };

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export const linkPath = (token: string) => `/set-password/${token}`;

/**
 * Makes a new link for the person. Call inside the transaction that made the change.
 *
 * A link an administrator sent (`createdBy` set: an invitation, a reset, a reactivation) ends every older link. A link
 * the person asked for themselves ("Forgotten your password?", `createdBy` null) ends only older links asked for that
 * way: anyone can ask for one, so asking must never end the invitation or reset an administrator sent. Whichever link
 * is used first ends all the others.
 */
export async function createAccountLink(
  tx: Sql,
  opts: { userId: number; purpose: LinkPurpose; createdBy: number | null; now: Date; hours?: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const hours = opts.hours ?? (opts.purpose === "invitation" ? INVITATION_HOURS : RESET_HOURS);
  const expiresAt = new Date(opts.now.getTime() + hours * 3_600_000);
  if (opts.createdBy === null) await endSelfServiceLinks(tx, opts.userId, opts.now);
  else await endAccountLinks(tx, opts.userId, opts.now);
  await tx`
    insert into account_links (token_hash, user_id, purpose, created_at, expires_at, created_by)
    values (${sessionIdFromToken(token)}, ${opts.userId}, ${opts.purpose}, ${opts.now}, ${expiresAt}, ${opts.createdBy})`;
  return { token, expiresAt };
}

/** Ends every unused link of the person (a newer link from an administrator, a deactivation, a password change). */
export async function endAccountLinks(sql: Sql, userId: number, now: Date): Promise<void> {
  await sql`update account_links set superseded_at = ${now}
    where user_id = ${userId} and used_at is null and superseded_at is null`;
}

async function endSelfServiceLinks(sql: Sql, userId: number, now: Date): Promise<void> {
  await sql`update account_links set superseded_at = ${now}
    where user_id = ${userId} and used_at is null and superseded_at is null and created_by is null`;
}

/** What a link is now, without using it up (mail scanners fetch links before people do). */
export async function checkAccountLink(sql: Sql, token: string, now: Date): Promise<LinkState> {
  if (!TOKEN_PATTERN.test(token)) return { state: "unknown" };
  const [row] = await sql<
    { purpose: LinkPurpose; userId: number; fullName: string; email: string; active: boolean; usedAt: Date | null; supersededAt: Date | null; expiresAt: Date }[]
  >`
    select l.purpose, l.user_id as "userId", u.full_name as "fullName", u.email, u.active, l.used_at as "usedAt",
           l.superseded_at as "supersededAt", l.expires_at as "expiresAt"
    from account_links l join users u on u.id = l.user_id
    where l.token_hash = ${sessionIdFromToken(token)}`;
  if (!row) return { state: "unknown" };
  if (row.usedAt) return { state: "used" };
  if (row.supersededAt || !row.active) return { state: "superseded" };
  if (row.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  return { state: "valid", purpose: row.purpose, userId: Number(row.userId), fullName: row.fullName, email: row.email };
}

export type UseLinkResult =
  | {
      ok: true;
      userId: number;
      agencyId: string;
      purpose: LinkPurpose;
      fullName: string;
      email: string;
      token: string;
      expiresAt: Date;
      sessionsEnded: number;
      /** What the browser keeps to be known at its next sign-in (devices.ts). */
      deviceToken: string;
    }
  | { ok: false; state: Exclude<LinkState["state"], "valid"> };

/**
 * Uses the link up (once: the first of two racing requests wins), sets the person's password, ends every session
 * they had and every other link, and signs them in with a new session. After a reset they are told by email.
 */
export async function setPasswordWithLink(
  deps: { sql: Sql; mailer: Mailer },
  opts: { token: string; newPassword: string; now: Date; ip: string; userAgent: string; sessions: SessionSettings; deviceToken: string | null },
): Promise<UseLinkResult> {
  const { sql } = deps;
  const checked = await checkAccountLink(sql, opts.token, opts.now);
  if (checked.state !== "valid") return { ok: false, state: checked.state };
  const passwordHash = await hashPassword(opts.newPassword);
  const result: UseLinkResult = await sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const [used] = await t<{ userId: number; purpose: LinkPurpose; agencyId: string; fullName: string; email: string }[]>`
      update account_links l set used_at = ${opts.now}
      from users u
      where l.token_hash = ${sessionIdFromToken(opts.token)} and u.id = l.user_id and u.active
        and l.used_at is null and l.superseded_at is null and l.expires_at > ${opts.now}
      returning l.user_id as "userId", l.purpose, u.agency_id as "agencyId", u.full_name as "fullName", u.email`;
    if (!used) return { ok: false, state: "used" } as const;
    const userId = Number(used.userId);
    await t`update users set password_hash = ${passwordHash}, must_change_password = false where id = ${userId}`;
    await endAccountLinks(t, userId, opts.now);
    const sessionsEnded = await invalidateUserSessions(t, userId);
    // Every browser was forgotten with the sessions; this one is known from now on, as a password sign-in's would be.
    const device = await recogniseDevice(t, { userId, email: used.email, token: opts.deviceToken, now: opts.now, userAgent: opts.userAgent });
    const { token, session } = await createSession(t, { userId, now: opts.now, settings: opts.sessions, ip: opts.ip, userAgent: opts.userAgent, deviceHash: device.hash });
    return {
      ok: true,
      userId,
      agencyId: used.agencyId,
      purpose: used.purpose,
      fullName: used.fullName,
      email: used.email,
      token,
      expiresAt: session.expiresAt,
      sessionsEnded,
      deviceToken: device.token,
    };
  });
  if (result.ok && result.purpose === "reset") await sendNotice(deps.mailer, noticeMessage(result, { kind: "password-changed" }, opts.now));
  return result;
}
