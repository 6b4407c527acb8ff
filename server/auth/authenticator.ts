// Second factors (decision 056): an authenticator app's codes (TOTP, RFC 6238: HMAC-SHA1, 30-second steps, six digits)
// and ten single-use recovery codes, kept as SHA-256 hashes. A code is accepted for the step it was made in or the one
// either side (a phone's clock drifts), and each step at most once per person: a code seen once, or any older one, is
// refused after it (RFC 6238 section 5.2).
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import type { Sql } from "../../db/client";

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now whose codes are still accepted. */
export const TOTP_DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

export function totpStep(now: Date): bigint {
  return BigInt(Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS));
}

/** The code an authenticator app shows in this step. */
export function totpCode(secret: Uint8Array, step: bigint): string {
  return generateHOTP(secret, step, TOTP_DIGITS);
}

/** The key as people type it into an app: base32, in groups of four. */
export function displayKey(secret: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(secret).replace(/(.{4})(?=.)/g, "$1 ");
}

/** The otpauth:// address a QR code carries. */
export function keyUri(secret: Uint8Array, accountName: string): string {
  return createTOTPKeyURI("Partnership Portal", accountName, secret, TOTP_STEP_SECONDS, TOTP_DIGITS);
}

/** The step whose code this is, within the drift allowed, or null. Compared in constant time. */
function matchingStep(secret: Uint8Array, code: string, now: Date): bigint | null {
  const given = new TextEncoder().encode(code);
  const current = totpStep(now);
  let found: bigint | null = null;
  for (let offset = -TOTP_DRIFT_STEPS; offset <= TOTP_DRIFT_STEPS; offset++) {
    const step = current + BigInt(offset);
    const expected = new TextEncoder().encode(totpCode(secret, step));
    if (expected.length === given.length && constantTimeEqual(expected, given) && found === null) found = step;
  }
  return found;
}

export type AuthenticatorSetUp = { secret: Uint8Array; confirmed: boolean; setupSessionId: string | null };

/** The person's authenticator app: confirmed (a factor), being set up, or none. */
export async function authenticatorOf(sql: Sql, userId: number): Promise<AuthenticatorSetUp | null> {
  const [row] = await sql<{ secret: Uint8Array; confirmed: boolean; setupSessionId: string | null }[]>`
    select secret, confirmed_at is not null as confirmed, setup_session_id as "setupSessionId"
    from authenticator_apps where user_id = ${userId}`;
  return row ? { secret: new Uint8Array(row.secret), confirmed: row.confirmed, setupSessionId: row.setupSessionId } : null;
}

/**
 * The key to set up in this session: the same on reload, but a new one for any other session, so that someone else
 * with the password who opened the page first cannot know the key the person then scans.
 */
export async function beginAuthenticatorSetUp(sql: Sql, opts: { userId: number; sessionId: string; now: Date }): Promise<AuthenticatorSetUp> {
  const secret = new Uint8Array(20);
  crypto.getRandomValues(secret);
  await sql`
    insert into authenticator_apps (user_id, secret, created_at, setup_session_id)
    values (${opts.userId}, ${Buffer.from(secret)}, ${opts.now}, ${opts.sessionId})
    on conflict (user_id) do update set secret = excluded.secret, created_at = excluded.created_at, setup_session_id = excluded.setup_session_id
    where authenticator_apps.confirmed_at is null and authenticator_apps.setup_session_id is distinct from excluded.setup_session_id`;
  return (await authenticatorOf(sql, opts.userId))!;
}

/**
 * The first code from the app being set up in this session makes it the person's factor. False when it is not the
 * app's code, or the key was not set up in this session.
 */
export async function confirmAuthenticator(sql: Sql, opts: { userId: number; sessionId: string; code: string; now: Date }): Promise<boolean> {
  const setUp = await authenticatorOf(sql, opts.userId);
  if (!setUp || setUp.confirmed || setUp.setupSessionId !== opts.sessionId) return false;
  const step = matchingStep(setUp.secret, opts.code, opts.now);
  if (step === null) return false;
  const confirmed = await sql`
    update authenticator_apps set confirmed_at = ${opts.now}, last_used_step = ${step.toString()}, setup_session_id = null
    where user_id = ${opts.userId} and confirmed_at is null and setup_session_id = ${opts.sessionId} returning user_id`;
  return confirmed.length === 1;
}

/** True when the code is the person's app's for now and its step has not been used: the step is then used up. */
export async function acceptAuthenticatorCode(sql: Sql, opts: { userId: number; code: string; now: Date }): Promise<boolean> {
  const setUp = await authenticatorOf(sql, opts.userId);
  if (!setUp?.confirmed) return false;
  const step = matchingStep(setUp.secret, opts.code, opts.now);
  if (step === null) return false;
  // One statement, so two requests with the same code cannot both be let in.
  const taken = await sql`
    update authenticator_apps set last_used_step = ${step.toString()}
    where user_id = ${opts.userId} and confirmed_at is not null and last_used_step < ${step.toString()} returning user_id`;
  return taken.length === 1;
}

function recoveryCodeHash(code: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseRecoveryCode(code))));
}

/** Recovery codes are read case-blind, with spaces and dashes ignored: "ABCDE-FGHIJ" is "abcdefghij". */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

/**
 * Ten new recovery codes, replacing any the person had: each ten characters (50 random bits), shown as xxxxx-xxxxx.
 * The person's app row is locked meanwhile, so two requests at once leave one set, not both.
 */
export function replaceRecoveryCodes(sql: Sql, userId: number, now: Date): Promise<string[]> {
  return sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    await t`select 1 from authenticator_apps where user_id = ${userId} for update`;
    return writeRecoveryCodes(t, userId, now);
  });
}

async function writeRecoveryCodes(sql: Sql, userId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = new Uint8Array(7);
    crypto.getRandomValues(bytes);
    const text = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
  await sql`delete from recovery_codes where user_id = ${userId}`;
  await sql`insert into recovery_codes ${sql(codes.map((code) => ({ user_id: userId, code_hash: recoveryCodeHash(code), created_at: now })))}`;
  return codes;
}

/**
 * Ten recovery codes for someone who has just set up their app and has none yet (to show them once), or null when
 * they have had theirs: never made twice, however many tabs ask at once.
 */
export async function firstRecoveryCodes(sql: Sql, userId: number, now: Date): Promise<string[] | null> {
  return sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const [app] = await t`select 1 from authenticator_apps where user_id = ${userId} and confirmed_at is not null for update`;
    if (!app) return null;
    const [had] = await t`select 1 from recovery_codes where user_id = ${userId} limit 1`;
    return had ? null : writeRecoveryCodes(t, userId, now);
  });
}

/** True when this is one of the person's recovery codes not used before; it is then used up. */
export async function useRecoveryCode(sql: Sql, opts: { userId: number; code: string; now: Date }): Promise<boolean> {
  const normalised = normaliseRecoveryCode(opts.code);
  if (!/^[a-z2-7]{10}$/.test(normalised)) return false;
  const used = await sql`
    update recovery_codes set used_at = ${opts.now}
    where user_id = ${opts.userId} and code_hash = ${recoveryCodeHash(normalised)} and used_at is null returning user_id`;
  return used.length === 1;
}

export async function recoveryCodesLeft(sql: Sql, userId: number): Promise<number> {
  const [row] = await sql<{ left: number }[]>`
    select count(*)::int as left from recovery_codes where user_id = ${userId} and used_at is null`;
  return row.left;
}

/**
 * Forgets a person's authenticator app, recovery codes and passkeys (decision 058: a passkey would otherwise still sign
 * in whoever holds it): they set up a new app at their next sign-in.
 */
export async function removeSecondFactors(sql: Sql, userId: number): Promise<void> {
  await sql`delete from passkeys where user_id = ${userId}`;
  await sql`delete from recovery_codes where user_id = ${userId}`;
  await sql`delete from authenticator_apps where user_id = ${userId}`;
}
