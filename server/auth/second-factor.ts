// The second step of signing in, and proving it is you again before the most sensitive actions (decision 056): a code
// from the person's authenticator app or one of their recovery codes, throttled as passwords are (per person and per
// address), each attempt in the audit trail and on the person's activity page. Given at sign-in, it replaces the
// half-signed-in session with a new one signed in in full.
import type { Sql } from "../../db/client";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { tellAccountActivity } from "../audit/account-activity";
import { recordAudit } from "../audit/record-audit";
import { acceptAuthenticatorCode, confirmAuthenticator, useRecoveryCode } from "./authenticator";
import { verifyPassword } from "./password";
import { completeSession, confirmSession } from "./sessions";
import { beginAttempt, markAttemptSucceeded, type AttemptContext } from "./sign-in";

/** What the person gives: a code from their app, a recovery code, or (only where they have no factor) their password. */
export type Proof = "authenticator" | "recovery-code" | "password";

export type ProofContext = AttemptContext & { sessionId: string; user: { id: number; agencyId: string } };

export type ProofResult<T> = { ok: true; value: T } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/** Why an attempt failed, as the audit trail and the activity pages word it. */
const wrongProof: Record<Proof, string> = { authenticator: "wrong code", "recovery-code": "wrong or used recovery code", password: "wrong password" };

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

function accepts(sql: Sql, ctx: ProofContext, proof: Exclude<Proof, "password">, code: string): Promise<boolean> {
  const opts = { userId: ctx.user.id, code, now: ctx.now };
  return proof === "authenticator" ? acceptAuthenticatorCode(sql, opts) : useRecoveryCode(sql, opts);
}

/** The second step of signing in: on success, the new session's token. */
export function giveSecondFactor(
  sql: Sql,
  ctx: ProofContext,
  proof: Exclude<Proof, "password">,
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
export function confirmIdentity(sql: Sql, ctx: ProofContext, proof: Proof, given: string): Promise<ProofResult<true>> {
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
