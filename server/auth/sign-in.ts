// Signing in: throttled per account and per address, the same answer and similar timing whether the email is
// unknown or the password wrong.
import { isIP } from "node:net";
import type { Sql } from "../../db/client";
import { describeDevice } from "../../common/format";
import { tellAccountActivity } from "../audit/account-activity";
import { recordAudit } from "../audit/record-audit";
import type { RefusalLimiter } from "../audit/refusal-limiter";
import { noticeMessage, sendNotice } from "../mail/account-mail";
import type { Mailer } from "../mail/mailer";
import type { EventHub } from "../services";
import { recogniseDevice } from "./devices";
import { decoyPasswordHash, verifyPassword } from "./password";
import { createSession, type SessionSettings, type SignInMethod } from "./sessions";

export type ThrottleSettings = { maxFailures: number; windowMinutes: number };

export type SignInResult =
  /** `deviceToken`: what the browser keeps to be known next time (decision 055). */
  /**
   * `secondStep`: what the person must still do before the session is signed in in full (decision 056): give a code
   * from their authenticator app (or use a passkey), set one up, or nothing (their agency is exempt).
   */
  | { ok: true; token: string; userId: number; expiresAt: Date; deviceToken: string; secondStep: SecondStep }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

export type SecondStep = "code" | "set-up" | null;

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** What every attempt to prove who someone is (a password, a code) needs to know of its request and the portal. */
export type AttemptContext = {
  ip: string;
  userAgent: string;
  now: Date;
  sessions: SessionSettings;
  throttle: ThrottleSettings;
  refusals: RefusalLimiter;
  /** Told of every attempt on a known account, for its activity pages. */
  events: EventHub;
};

export async function signIn(
  sql: Sql,
  opts: AttemptContext & {
    email: string;
    password: string;
    /** The browser's device token, if it has one (devices.ts). */
    deviceToken: string | null;
    mailer: Mailer;
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

  const user = await findPerson(sql, { email: key });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), opts.password);
  const succeeded = Boolean(user && user.active && passwordMatches);
  if (succeeded) await markAttemptSucceeded(sql, attempt.id);
  const started = succeeded && user ? await startSession(sql, user, { ...opts, method: "password", secondFactorGiven: false }) : null;
  await recordAudit(sql, {
    at: opts.now,
    userId: user?.id ?? null,
    agencyId: user?.agencyId ?? null,
    action: "sign-in",
    outcome: succeeded ? "success" : "failure",
    target: `email:${key}`,
    ip: opts.ip,
    userAgent: opts.userAgent,
    details: started ? started.details : { reason: !user ? "unknown email" : !user.active ? "deactivated" : "wrong password" },
  });
  if (user) await tellAccountActivity(sql, opts.events, user.id, user.agencyId);
  return started ? started.result : { ok: false, reason: "invalid" };
}

/** A person about to be signed in, however they proved who they are. */
export type SigningInPerson = {
  id: number;
  agencyId: string;
  fullName: string;
  email: string;
  active: boolean;
  passwordHash: string;
  /** Their agency's people may sign in without a second factor (decision 056). */
  exempt: boolean;
  hasAuthenticator: boolean;
  hasPasskey: boolean;
};

/** The person with this email (already lower-cased), within one agency if given; null when there is none. */
export async function findPerson(sql: Sql, where: { email: string; agencyId?: string }): Promise<SigningInPerson | null> {
  const [person] = await sql<SigningInPerson[]>`
    select id, agency_id as "agencyId", password_hash as "passwordHash", active, full_name as "fullName", email,
           exists (select 1 from second_factor_exemptions e where e.agency_id = users.agency_id) as exempt,
           exists (select 1 from authenticator_apps f where f.user_id = users.id and f.confirmed_at is not null) as "hasAuthenticator",
           exists (select 1 from passkeys p where p.user_id = users.id) as "hasPasskey"
    from users where lower(email) = ${where.email} ${where.agencyId === undefined ? sql`` : sql`and agency_id = ${where.agencyId}`}`;
  return person ? { ...person, id: Number(person.id) } : null;
}

/**
 * Someone has proved who they are (a password, a passkey, their agency's provider): their browser is recognised, or told of by
 * email when it is new to them, and a session opened, signed in in full when `secondFactorGiven` (or their agency is
 * exempt), otherwise waiting for the second step. `details`: what the sign-in's audit row records of the browser.
 */
export async function startSession(
  sql: Sql,
  person: Pick<SigningInPerson, "id" | "fullName" | "email"> & Partial<Pick<SigningInPerson, "exempt" | "hasAuthenticator" | "hasPasskey">>,
  opts: AttemptContext & { deviceToken: string | null; mailer: Mailer; method: SignInMethod; secondFactorGiven: boolean },
): Promise<{ result: SignInResult & { ok: true }; details: { newDevice: boolean; told: boolean } }> {
  const device = await recogniseDevice(sql, { userId: person.id, email: person.email, token: opts.deviceToken, now: opts.now, userAgent: opts.userAgent });
  // A person's first sign-in ever is not news to them; a browser they have not used before is. Sent without waiting:
  // a slow mail server does not hold up the sign-in (sendNotice logs a failure).
  const told = !device.known && device.signedInBefore;
  if (told)
    void sendNotice(
      opts.mailer,
      noticeMessage(person, { kind: "new-device", device: describeDevice(opts.userAgent), address: isIP(opts.ip) ? opts.ip : "unknown" }, opts.now),
    );
  const { token, session } = await createSession(sql, {
    userId: person.id,
    now: opts.now,
    settings: opts.sessions,
    ip: opts.ip,
    userAgent: opts.userAgent,
    deviceHash: device.hash,
    method: opts.method,
    secondFactorAt: opts.secondFactorGiven ? opts.now : null,
  });
  const secondStep: SecondStep = opts.secondFactorGiven || person.exempt ? null : person.hasAuthenticator || person.hasPasskey ? "code" : "set-up";
  return {
    result: { ok: true, token, userId: person.id, expiresAt: session.expiresAt, deviceToken: device.token, secondStep },
    // newDevice: a browser not signed in from before; told: so, and not the person's first sign-in, so emailed.
    details: { newDevice: !device.known, told },
  };
}

/**
 * Records a password attempt before the password is checked, counted as a failure until it succeeds, so that guesses
 * sent in parallel count each other. Returns minutes to wait (0: go ahead). Failures count within the window, per
 * account (since its last success) and per address; an address gets more room than an account, since offices share one.
 * Throttled attempts are recorded but not counted, so waiting is enough to be let in again.
 */
export async function beginAttempt(
  sql: Sql,
  opts: { key: string; ip: string; now: Date; throttle: ThrottleSettings; proof?: "password" | "second-factor" | "passkey" },
): Promise<{ id: number; waitMinutes: number }> {
  // A person's password attempts, code attempts and passkey attempts are counted apart (a typed "email" could be
  // anything); an address's failures count together.
  const proof = opts.proof ?? "password";
  const [attempt] = await sql<{ id: string }[]>`
    insert into sign_in_attempts (at, email_key, ip, succeeded, proof) values (${opts.now}, ${opts.key}, ${opts.ip}, false, ${proof})
    returning id`;
  const id = Number(attempt.id);
  const windowMs = opts.throttle.windowMinutes * 60_000;
  const since = new Date(opts.now.getTime() - windowMs);
  const [byAccount] = await sql<{ failures: number; oldest: Date | null }[]>`
    select count(*)::int as failures, min(at) as oldest from sign_in_attempts
    where email_key = ${opts.key} and proof = ${proof} and at > ${since} and not succeeded and not throttled and id <> ${id}
      and at > coalesce((select max(at) from sign_in_attempts where email_key = ${opts.key} and proof = ${proof} and succeeded), '-infinity')`;
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
