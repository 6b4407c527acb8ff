// Passkeys (WebAuthn, decision 058): adding and removing them, and checking one when it is given, as a second factor
// or on its own. Every challenge is kept in the database (any node may receive the answer), used once, for five
// minutes, bound to the session it was made for or, for signing in without a password, to a row of its own.
import { sha256 } from "@oslojs/crypto/sha2";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Sql } from "../../db/client";
import type { Config } from "../config";

export const PASSKEY_CHALLENGE_MINUTES = 5;
/** EdDSA, ES256 and RS256: what passkeys are made with today. */
const ALGORITHMS = [-8, -7, -257];
const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

/** The site a passkey belongs to (its RP ID, a host name) and the origin the browser must say it was used on. */
export type RelyingParty = { id: string; origin: string };

/** PUBLIC_ORIGIN when set; otherwise the origin the request was addressed to (a developer's localhost). */
export function relyingParty(config: Pick<Config, "PUBLIC_ORIGIN">, requestUrl: string): RelyingParty {
  const origin = new URL(config.PUBLIC_ORIGIN ?? requestUrl).origin;
  return { id: new URL(origin).hostname, origin };
}

export type Passkey = { id: number; name: string; createdAt: Date; lastUsedAt: Date | null };

export async function listPasskeys(sql: Sql, userId: number): Promise<Passkey[]> {
  const rows = await sql<(Omit<Passkey, "id"> & { id: string })[]>`
    select id, name, created_at as "createdAt", last_used_at as "lastUsedAt" from passkeys
    where user_id = ${userId} order by created_at, id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Why a passkey's answer was refused, as the pages word it. */
export type PasskeyRefusal = "challenge" | "unknown" | "rejected" | "deactivated" | "already-added";

type Purpose = "register" | "authenticate" | "sign-in";

/** The user handle an authenticator keeps with the passkey: the same for every passkey of one person, and no name. */
function userHandle(userId: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(sha256(new TextEncoder().encode(`pp-passkey-user:${userId}`)));
}

async function storeChallenge(sql: Sql, opts: { challenge: string; purpose: Purpose; sessionId: string | null; now: Date }): Promise<void> {
  const expiresAt = new Date(opts.now.getTime() + PASSKEY_CHALLENGE_MINUTES * 60_000);
  await sql`delete from passkey_challenges where expires_at <= ${opts.now}`;
  // A session has one challenge for each purpose: asking again (another tab, a second try) replaces it.
  if (opts.sessionId === null)
    await sql`
      insert into passkey_challenges (challenge, purpose, session_id, created_at, expires_at)
      values (${opts.challenge}, ${opts.purpose}, null, ${opts.now}, ${expiresAt})`;
  else
    await sql`
      insert into passkey_challenges (challenge, purpose, session_id, created_at, expires_at)
      values (${opts.challenge}, ${opts.purpose}, ${opts.sessionId}, ${opts.now}, ${expiresAt})
      on conflict (session_id, purpose) where session_id is not null
      do update set challenge = excluded.challenge, created_at = excluded.created_at, expires_at = excluded.expires_at`;
}

/** Takes the challenge the answer was made for: true once, for its session (or none) and purpose, within its time. */
async function takeChallenge(sql: Sql, opts: { clientDataJSON: string; purpose: Purpose; sessionId: string | null; now: Date }): Promise<string | null> {
  const challenge = challengeOf(opts.clientDataJSON);
  if (challenge === null) return null;
  // Deleted whether or not it is still in time, so it is never taken twice: two answers at once cannot both win.
  const [taken] = await sql<{ expiresAt: Date }[]>`
    delete from passkey_challenges
    where challenge = ${challenge} and purpose = ${opts.purpose} and session_id is not distinct from ${opts.sessionId}
    returning expires_at as "expiresAt"`;
  return taken && taken.expiresAt > opts.now ? challenge : null;
}

/** The challenge the browser signed, from its client data (base64url JSON), or null when it cannot be read. */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const clientData: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    const challenge = (clientData as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === "string" && /^[A-Za-z0-9_-]{16,100}$/.test(challenge) ? challenge : null;
  } catch {
    return null;
  }
}

/** What the browser is asked to make a passkey with, for this person in this session. */
export async function beginPasskeyRegistration(
  sql: Sql,
  opts: { user: { id: number; email: string; fullName: string }; sessionId: string; relyingParty: RelyingParty; now: Date },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await sql<{ credentialId: string; transports: string[] }[]>`
    select credential_id as "credentialId", transports from passkeys where user_id = ${opts.user.id}`;
  const options = await generateRegistrationOptions({
    rpName: "Partnership Portal",
    rpID: opts.relyingParty.id,
    userName: opts.user.email,
    userDisplayName: opts.user.fullName,
    userID: userHandle(opts.user.id),
    attestationType: "none",
    // One authenticator holds one passkey of a person: the one they already have is not made again.
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
    // Discoverable, so it can sign in without a password; the authenticator must check it is the person (PIN, face).
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
  });
  await storeChallenge(sql, { challenge: options.challenge, purpose: "register", sessionId: opts.sessionId, now: opts.now });
  return options;
}

/** The browser's new passkey, checked against the challenge made in this session, stored under the name given. */
export async function finishPasskeyRegistration(
  sql: Sql,
  opts: { userId: number; sessionId: string; relyingParty: RelyingParty; now: Date; name: string; response: RegistrationResponseJSON },
): Promise<{ ok: true; passkeyId: number } | { ok: false; reason: PasskeyRefusal }> {
  const challenge = await takeChallenge(sql, { clientDataJSON: opts.response.response.clientDataJSON, purpose: "register", sessionId: opts.sessionId, now: opts.now });
  if (challenge === null) return { ok: false, reason: "challenge" };
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: opts.response,
      expectedChallenge: challenge,
      expectedOrigin: opts.relyingParty.origin,
      expectedRPID: opts.relyingParty.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch {
    return { ok: false, reason: "rejected" };
  }
  if (!verified.verified) return { ok: false, reason: "rejected" };
  const { credential } = verified.registrationInfo;
  // The library takes the id and key from the authenticator's signed data, of any length (even an empty id): only what
  // the table holds, and the id the browser named, are taken.
  if (!credential.id || credential.id.length > 1400 || credential.id !== opts.response.id || credential.publicKey.length > 4096)
    return { ok: false, reason: "rejected" };
  const transports = (opts.response.response.transports ?? []).filter((transport) => (TRANSPORTS as readonly string[]).includes(transport));
  const [added] = await sql<{ id: string }[]>`
    insert into passkeys (user_id, credential_id, public_key, counter, transports, name, created_at)
    values (${opts.userId}, ${credential.id}, ${Buffer.from(credential.publicKey)}, ${credential.counter}, ${transports},
            ${opts.name}, ${opts.now})
    on conflict (credential_id) do nothing returning id`;
  return added ? { ok: true, passkeyId: Number(added.id) } : { ok: false, reason: "already-added" };
}

/** Removes one of the person's passkeys: its name, or null when they have no such passkey. */
export async function removePasskey(sql: Sql, opts: { userId: number; passkeyId: number }): Promise<string | null> {
  const [removed] = await sql<{ name: string }[]>`
    delete from passkeys where id = ${opts.passkeyId} and user_id = ${opts.userId} returning name`;
  return removed?.name ?? null;
}

/**
 * What the browser is asked to sign: for a person in their session (their own passkeys), or, with neither, for
 * whoever holds a passkey of the portal (signing in without a password).
 */
export async function beginPasskeyAuthentication(
  sql: Sql,
  opts: { userId: number | null; sessionId: string | null; relyingParty: RelyingParty; now: Date },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const theirs =
    opts.userId === null
      ? []
      : await sql<{ credentialId: string; transports: string[] }[]>`
          select credential_id as "credentialId", transports from passkeys where user_id = ${opts.userId}`;
  const options = await generateAuthenticationOptions({
    rpID: opts.relyingParty.id,
    allowCredentials: theirs.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as (typeof TRANSPORTS)[number][] })),
    userVerification: "required",
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
  });
  await storeChallenge(sql, { challenge: options.challenge, purpose: opts.sessionId === null ? "sign-in" : "authenticate", sessionId: opts.sessionId, now: opts.now });
  return options;
}

/**
 * Checks a passkey's answer against the challenge made for this session (or, without one, for signing in), and that
 * the passkey is `userId`'s when given. Its signature count must move on (a copied authenticator shows as one going
 * back); it and the time it was used are then stored. Nothing is changed for a deactivated person's passkey.
 */
export async function usePasskey(
  sql: Sql,
  opts: { response: AuthenticationResponseJSON; sessionId: string | null; userId: number | null; relyingParty: RelyingParty; now: Date },
): Promise<{ ok: true; userId: number; passkeyId: number } | { ok: false; reason: PasskeyRefusal; userId: number | null }> {
  const purpose = opts.sessionId === null ? "sign-in" : "authenticate";
  const challenge = await takeChallenge(sql, { clientDataJSON: opts.response.response.clientDataJSON, purpose, sessionId: opts.sessionId, now: opts.now });
  if (challenge === null) return { ok: false, reason: "challenge", userId: opts.userId };
  const [passkey] = await sql<{ id: string; userId: string; publicKey: Uint8Array; counter: string; transports: string[]; active: boolean }[]>`
    select p.id, p.user_id as "userId", p.public_key as "publicKey", p.counter, p.transports, u.active
    from passkeys p join users u on u.id = p.user_id where p.credential_id = ${opts.response.id}`;
  if (!passkey || (opts.userId !== null && Number(passkey.userId) !== opts.userId)) return { ok: false, reason: "unknown", userId: opts.userId };
  const userId = Number(passkey.userId);
  if (!passkey.active) return { ok: false, reason: "deactivated", userId };
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response: opts.response,
      expectedChallenge: challenge,
      expectedOrigin: opts.relyingParty.origin,
      expectedRPID: opts.relyingParty.id,
      credential: { id: opts.response.id, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports },
      requireUserVerification: true,
    });
  } catch {
    // A bad signature, another origin, a count gone backwards: all refused alike.
    return { ok: false, reason: "rejected", userId };
  }
  if (!verified.verified) return { ok: false, reason: "rejected", userId };
  // Only from the count just checked, so two answers racing cannot both move it.
  const stored = await sql`
    update passkeys set counter = ${verified.authenticationInfo.newCounter}, last_used_at = ${opts.now}
    where id = ${passkey.id} and counter = ${passkey.counter} returning id`;
  return stored.length === 1 ? { ok: true, userId, passkeyId: Number(passkey.id) } : { ok: false, reason: "rejected", userId };
}
