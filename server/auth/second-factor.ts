// The second step of signing in, and proving it is you again before the most sensitive actions (decision 056): a code
// from the person's authenticator app or one of their recovery codes, throttled as passwords are (per person and per
// address), each attempt in the audit trail and on the person's activity page; or one of their passkeys (decision 058). Given at sign-in, it replaces the
// half-signed-in session with a new one signed in in full.
import type { Sql } from "../../db/client";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { tellAccountActivity } from "../audit/account-activity";
import { recordAudit } from "../audit/record-audit";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { acceptAuthenticatorCode, confirmAuthenticator, useRecoveryCode } from "./authenticator";
import { usePasskey, type PasskeyRefusal, type RelyingParty } from "./passkeys";
import { verifyPassword } from "./password";
import { completeSession, confirmSession } from "./sessions";
import { beginAttempt, markAttemptSucceeded, type AttemptContext } from "./sign-in";

/**
 * What the person gives: a code from their app, a recovery code, a passkey, or (only where they have no factor) their
 * password.
 */
export type Proof = "authenticator" | "recovery-code" | "password" | "passkey";

export type ProofContext = AttemptContext & { sessionId: string; user: { id: number; agencyId: string } };

export type ProofResult<T> = { ok: true; value: T } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/** Why an attempt failed, as the audit trail and the activity pages word it. */
const wrongProof: Record<Proof, string> = {
  authenticator: "wrong code",
  "recovery-code": "wrong or used recovery code",
  password: "wrong password",
  passkey: "passkey not accepted",
};

const auditAction = { "sign-in": "sign-in:second-factor", "set-up": "set-up:authenticator", confirm: "confirm:identity" } as const;

/**
 * Runs one attempt: throttled first, then `check`; recorded either way. `check` returns null when the proof is wrong.
 */
async function attempt<T>(
  sql: Sql,
  ctx: ProofContext,
  purpose: keyof typeof auditAction,
  proof: Proof,
  check: () => Promise<T | null>,
): Promise<ProofResult<T>> {
  const base = { at: ctx.now, userId: ctx.user.id, agencyId: ctx.user.agencyId, action: auditAction[purpose], target: `user:${ctx.user.id}`, ip: ctx.ip, userAgent: ctx.userAgent };
  const started = await beginAttempt(sql, { key: `user:${ctx.user.id}`, proof: "second-factor", ip: ctx.ip, now: ctx.now, throttle: ctx.throttle });
  if (started.waitMinutes > 0) {
    const { write, suppressed } = ctx.refusals.take(`second-factor:${ctx.ip}`, ctx.now);
    if (write) {
      await recordAudit(sql, { ...base, outcome: "denied", details: { proof, reason: "throttled", ...(suppressed ? { suppressedSinceLastRow: suppressed } : {}) } });
      await tellAccountActivity(sql, ctx.events, ctx.user.id, ctx.user.agencyId);
    }
    return { ok: false, reason: "throttled", retryAfterMinutes: started.waitMinutes };
  }
  const value = await check();
  if (value !== null) await markAttemptSucceeded(sql, started.id);
  await recordAudit(sql, { ...base, outcome: value !== null ? "success" : "failure", details: value !== null ? { proof } : { proof, reason: wrongProof[proof] } });
  if (value !== null && purpose === "set-up") ctx.events.publish({ room: OVERSIGHT_ROOM, what: "oversight" });
  await tellAccountActivity(sql, ctx.events, ctx.user.id, ctx.user.agencyId);
  return value !== null ? { ok: true, value } : { ok: false, reason: "invalid" };
}

/** A code: from the person's app, or a recovery code. */
export type CodeProof = "authenticator" | "recovery-code";

function accepts(sql: Sql, ctx: ProofContext, proof: CodeProof, code: string): Promise<boolean> {
  const opts = { userId: ctx.user.id, code, now: ctx.now };
  return proof === "authenticator" ? acceptAuthenticatorCode(sql, opts) : useRecoveryCode(sql, opts);
}

/** The second step of signing in: on success, the new session's token. */
export function giveSecondFactor(
  sql: Sql,
  ctx: ProofContext,
  proof: CodeProof,
  code: string,
): Promise<ProofResult<{ token: string; expiresAt: Date }>> {
  return attempt(sql, ctx, "sign-in", proof, async () => {
    if (!(await accepts(sql, ctx, proof, code))) return null;
    return completeSession(sql, { sessionId: ctx.sessionId, factor: proof, now: ctx.now, settings: ctx.sessions });
  });
}

/** Setting up an authenticator app at sign-in: its first code confirms it. On success, the new session's token. */
export function setUpAuthenticator(sql: Sql, ctx: ProofContext, code: string): Promise<ProofResult<{ token: string; expiresAt: Date }>> {
  return attempt(sql, ctx, "set-up", "authenticator", async () => {
    if (!(await confirmAuthenticator(sql, { userId: ctx.user.id, sessionId: ctx.sessionId, code, now: ctx.now }))) return null;
    return completeSession(sql, { sessionId: ctx.sessionId, factor: "authenticator", now: ctx.now, settings: ctx.sessions });
  });
}

/** Proving it is you again, in a session signed in in full: its confirmation time moves on. */
export function confirmIdentity(sql: Sql, ctx: ProofContext, proof: CodeProof | "password", given: string): Promise<ProofResult<true>> {
  return attempt(sql, ctx, "confirm", proof, async () => {
    const right =
      proof === "password"
        ? await passwordMatches(sql, ctx.user.id, given)
        : await accepts(sql, ctx, proof, given);
    if (!right) return null;
    await confirmSession(sql, ctx.sessionId, ctx.now);
    return true;
  });
}

async function passwordMatches(sql: Sql, userId: number, password: string): Promise<boolean> {
  const [row] = await sql<{ passwordHash: string }[]>`select password_hash as "passwordHash" from users where id = ${userId}`;
  return Boolean(row) && (await verifyPassword(row.passwordHash, password));
}

/** A passkey's answer to the challenge made in this session, and the site it must have been made for. */
export type PasskeyAnswer = { response: AuthenticationResponseJSON; relyingParty: RelyingParty };

export type PasskeyProofResult<T> = ProofResult<T> | { ok: false; reason: "passkey"; refusal: PasskeyRefusal };

/** Runs one attempt with a passkey of the person's, in this session; a refusal says why (PasskeyRefusal). */
async function passkeyAttempt<T>(
  sql: Sql,
  ctx: ProofContext,
  purpose: "sign-in" | "confirm",
  answer: PasskeyAnswer,
  then: () => Promise<T | null>,
): Promise<PasskeyProofResult<T>> {
  let refusal = null as PasskeyRefusal | null;
  const result = await attempt(sql, ctx, purpose, "passkey", async () => {
    const used = await usePasskey(sql, { ...answer, sessionId: ctx.sessionId, userId: ctx.user.id, now: ctx.now });
    if (!used.ok) refusal = used.reason;
    return used.ok ? then() : null;
  });
  return !result.ok && result.reason === "invalid" && refusal ? { ok: false, reason: "passkey", refusal } : result;
}

/** The second step of signing in given with a passkey: on success, the new session's token. */
export function giveSecondFactorPasskey(sql: Sql, ctx: ProofContext, answer: PasskeyAnswer): Promise<PasskeyProofResult<{ token: string; expiresAt: Date }>> {
  return passkeyAttempt(sql, ctx, "sign-in", answer, () =>
    completeSession(sql, { sessionId: ctx.sessionId, factor: "passkey", now: ctx.now, settings: ctx.sessions }),
  );
}

/** Proving it is you again with a passkey. */
export function confirmIdentityWithPasskey(sql: Sql, ctx: ProofContext, answer: PasskeyAnswer): Promise<PasskeyProofResult<true>> {
  return passkeyAttempt(sql, ctx, "confirm", answer, async () => {
    await confirmSession(sql, ctx.sessionId, ctx.now);
    return true as const;
  });
}
