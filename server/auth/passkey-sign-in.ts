// Signing in with a passkey alone (decision 058): a discoverable passkey, its person checked by the authenticator (a
// PIN, a face), is both factors at once. Throttled as passwords are, per passkey and per address, and, once it
// succeeds, the same as any sign-in: the browser recognised or emailed, the audit row, the activity pages told.
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { Sql } from "../../db/client";
import { tellAccountActivity } from "../audit/account-activity";
import { recordAudit } from "../audit/record-audit";
import type { Mailer } from "../mail/mailer";
import { usePasskey, type PasskeyRefusal, type RelyingParty } from "./passkeys";
import { beginAttempt, emailKey, markAttemptSucceeded, startSession, type AttemptContext } from "./sign-in";

export type PasskeySignInResult =
  | { ok: true; token: string; userId: number; expiresAt: Date; deviceToken: string }
  | { ok: false; reason: "passkey"; refusal: PasskeyRefusal }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/** The audit trail's reason for a refused passkey, in the words the activity pages know. */
const refusalReason: Record<PasskeyRefusal, string> = {
  challenge: "passkey not accepted",
  unknown: "unknown passkey",
  rejected: "passkey not accepted",
  deactivated: "deactivated",
  "already-added": "passkey not accepted",
};

export async function signInWithPasskey(
  sql: Sql,
  opts: AttemptContext & { response: AuthenticationResponseJSON; relyingParty: RelyingParty; deviceToken: string | null; mailer: Mailer },
): Promise<PasskeySignInResult> {
  // Counted under the passkey's id (nobody can guess one of those) and, with everything else, under the address.
  const attempt = await beginAttempt(sql, { key: `passkey:${opts.response.id.slice(0, 300)}`, proof: "passkey", ip: opts.ip, now: opts.now, throttle: opts.throttle });
  const base = { at: opts.now, action: "sign-in", ip: opts.ip, userAgent: opts.userAgent };
  if (attempt.waitMinutes > 0) {
    const { write, suppressed } = opts.refusals.take(`sign-in:${opts.ip}`, opts.now);
    if (write)
      await recordAudit(sql, {
        ...base,
        outcome: "denied",
        target: "passkey",
        details: { proof: "passkey", reason: "throttled", ...(suppressed ? { suppressedSinceLastRow: suppressed } : {}) },
      });
    return { ok: false, reason: "throttled", retryAfterMinutes: attempt.waitMinutes };
  }
  const used = await usePasskey(sql, { response: opts.response, sessionId: null, userId: null, relyingParty: opts.relyingParty, now: opts.now });
  const [user] =
    used.userId === null
      ? []
      : await sql<{ id: string; agencyId: string; fullName: string; email: string }[]>`
          select id, agency_id as "agencyId", full_name as "fullName", email from users where id = ${used.userId}`;
  // Every passkey sign-in is listed under its person's address, as a password's is (a passkey nobody has: no one's).
  const target = user ? `email:${emailKey(user.email)}` : "passkey";
  if (!used.ok || !user) {
    const refusal = used.ok ? "unknown" : used.reason;
    await recordAudit(sql, {
      ...base,
      userId: user ? Number(user.id) : null,
      agencyId: user?.agencyId ?? null,
      outcome: "failure",
      target,
      details: { proof: "passkey", reason: refusalReason[refusal] },
    });
    if (user) await tellAccountActivity(sql, opts.events, Number(user.id), user.agencyId);
    return { ok: false, reason: "passkey", refusal };
  }
  await markAttemptSucceeded(sql, attempt.id);
  const person = { ...user, id: Number(user.id) };
  const started = await startSession(sql, person, { ...opts, method: "passkey", secondFactorGiven: true });
  await recordAudit(sql, { ...base, userId: person.id, agencyId: person.agencyId, outcome: "success", target, details: { proof: "passkey", ...started.details } });
  await tellAccountActivity(sql, opts.events, person.id, person.agencyId);
  const { token, userId, expiresAt, deviceToken } = started.result;
  return { ok: true, token, userId, expiresAt, deviceToken };
}
