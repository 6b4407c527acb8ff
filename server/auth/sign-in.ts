// Signing in: throttled per account and per address, the same answer and similar timing whether the email is
// unknown or the password wrong.
import type { Sql } from "../../db/client";
import { recordAudit } from "../audit/record-audit";
import { decoyPasswordHash, verifyPassword } from "./password";
import { createSession, type SessionSettings } from "./sessions";
import type { RefusalLimiter } from "../audit/refusal-limiter";

export type ThrottleSettings = { maxFailures: number; windowMinutes: number };

export type SignInResult =
  | { ok: true; token: string; userId: number; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export async function signIn(
  sql: Sql,
  opts: {
    email: string;
    password: string;
    ip: string;
    userAgent: string;
    now: Date;
    sessions: SessionSettings;
    throttle: ThrottleSettings;
    refusals: RefusalLimiter;
  },
): Promise<SignInResult> {
  const key = emailKey(opts.email).slice(0, 320);
  const attempt = await beginAttempt(sql, { key, ip: opts.ip, now: opts.now, throttle: opts.throttle });
  if (attempt.waitMinutes > 0) {
    const { write, suppressed } = opts.refusals.take(`sign-in:${opts.ip}`, opts.now);
    if (write)
      await recordAudit(sql, {
        at: opts.now,
        action: "sign-in",
        outcome: "denied",
        target: `email:${key}`,
        ip: opts.ip,
        userAgent: opts.userAgent,
        details: suppressed ? { reason: "throttled", suppressedSinceLastRow: suppressed } : { reason: "throttled" },
      });
    return { ok: false, reason: "throttled", retryAfterMinutes: attempt.waitMinutes };
  }

  const [user] = await sql<{ id: number; agencyId: string; passwordHash: string; active: boolean }[]>`
    select id, agency_id as "agencyId", password_hash as "passwordHash", active
    from users where lower(email) = ${key}`;
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), opts.password);
  const succeeded = Boolean(user && user.active && passwordMatches);
  if (succeeded) await markAttemptSucceeded(sql, attempt.id);
  await recordAudit(sql, {
    at: opts.now,
    userId: user ? Number(user.id) : null,
    agencyId: user?.agencyId ?? null,
    action: "sign-in",
    outcome: succeeded ? "success" : "failure",
    target: `email:${key}`,
    ip: opts.ip,
    userAgent: opts.userAgent,
    details: succeeded ? {} : { reason: !user ? "unknown email" : !user.active ? "deactivated" : "wrong password" },
  });
  if (!succeeded || !user) return { ok: false, reason: "invalid" };

  const { token, session } = await createSession(sql, {
    userId: Number(user.id),
    now: opts.now,
    settings: opts.sessions,
    ip: opts.ip,
    userAgent: opts.userAgent,
  });
  return { ok: true, token, userId: Number(user.id), expiresAt: session.expiresAt };
}

/**
 * Records a password attempt before the password is checked, counted as a failure until it succeeds, so that guesses
 * sent in parallel count each other. Returns minutes to wait (0: go ahead). Failures count within the window, per
 * account (since its last success) and per address; an address gets more room than an account, since offices share one.
 * Throttled attempts are recorded but not counted, so waiting is enough to be let in again.
 */
export async function beginAttempt(
  sql: Sql,
  opts: { key: string; ip: string; now: Date; throttle: ThrottleSettings },
): Promise<{ id: number; waitMinutes: number }> {
  const [attempt] = await sql<{ id: string }[]>`
    insert into sign_in_attempts (at, email_key, ip, succeeded) values (${opts.now}, ${opts.key}, ${opts.ip}, false)
    returning id`;
  const id = Number(attempt.id);
  const windowMs = opts.throttle.windowMinutes * 60_000;
  const since = new Date(opts.now.getTime() - windowMs);
  const [byAccount] = await sql<{ failures: number; oldest: Date | null }[]>`
    select count(*)::int as failures, min(at) as oldest from sign_in_attempts
    where email_key = ${opts.key} and at > ${since} and not succeeded and not throttled and id <> ${id}
      and at > coalesce((select max(at) from sign_in_attempts where email_key = ${opts.key} and succeeded), '-infinity')`;
  const [byAddress] = await sql<{ failures: number; oldest: Date | null }[]>`
    select count(*)::int as failures, min(at) as oldest from sign_in_attempts
    where ip = ${opts.ip} and at > ${since} and not succeeded and not throttled and id <> ${id}`;
  const waits = [
    byAccount.failures >= opts.throttle.maxFailures ? byAccount.oldest : null,
    byAddress.failures >= opts.throttle.maxFailures * 4 ? byAddress.oldest : null,
  ]
    .filter((oldest): oldest is Date => oldest !== null)
    .map((oldest) => Math.ceil((oldest.getTime() + windowMs - opts.now.getTime()) / 60_000));
  const waitMinutes = waits.length ? Math.max(1, ...waits) : 0;
  if (waitMinutes > 0) await sql`update sign_in_attempts set throttled = true where id = ${id}`;
  return { id, waitMinutes };
}

export async function markAttemptSucceeded(sql: Sql, id: number): Promise<void> {
  await sql`update sign_in_attempts set succeeded = true where id = ${id}`;
}
