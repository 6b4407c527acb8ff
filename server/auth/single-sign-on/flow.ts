// A trip to an agency's OpenID Connect provider and back (decision 057): the authorization code flow with PKCE, a
// state the browser holds and a nonce the ID token must carry, each trip used once and within ten minutes. What comes
// back is checked by openid-client (issuer, audience, nonce, signature, expiry); this module says what was wrong in
// words the audit trail keeps, and never takes a provider's word for anything it did not sign.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import * as oidc from "openid-client";
import type { Sql } from "../../../db/client";
import type { SingleSignOn } from "./providers";

export const SINGLE_SIGN_ON_MINUTES = 10;
/** Proving it is you again through the provider: it must have signed the person in within this long. */
const CONFIRM_SIGNED_IN_WITHIN_SECONDS = 120;

export type SingleSignOnPurpose = "sign-in" | "confirm";

const stateHash = (state: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(state)));

/**
 * Sets off to the agency's provider: where to send the browser, and the state the browser must keep (a cookie) to be
 * let back in. `confirm`: proving it is you again, so the provider is asked to sign the person in afresh.
 */
export async function beginSingleSignOn(
  sql: Sql,
  sso: SingleSignOn,
  opts: { agencyId: string; purpose: SingleSignOnPurpose; sessionId: string | null; next: string; redirectUri: string; now: Date },
): Promise<{ ok: true; url: string; state: string } | { ok: false; reason: "not configured" | "provider unavailable" }> {
  const [agency] = sso.provider(opts.agencyId) ? await sql`select 1 from agencies where id = ${opts.agencyId}` : [];
  if (!agency) return { ok: false, reason: "not configured" };
  let configuration: oidc.Configuration;
  try {
    configuration = await sso.configuration(opts.agencyId);
  } catch {
    return { ok: false, reason: "provider unavailable" };
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const expiresAt = new Date(opts.now.getTime() + SINGLE_SIGN_ON_MINUTES * 60_000);
  await sql`delete from single_sign_on_requests where expires_at < ${opts.now}`;
  await sql`
    insert into single_sign_on_requests (state_hash, agency_id, purpose, session_id, nonce, code_verifier, next_path, created_at, expires_at)
    values (${stateHash(state)}, ${opts.agencyId}, ${opts.purpose}, ${opts.sessionId}, ${nonce}, ${codeVerifier}, ${opts.next},
            ${opts.now}, ${expiresAt})`;
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: opts.redirectUri,
    scope: "openid email",
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...(opts.purpose === "confirm" ? { prompt: "login", max_age: "0" } : {}),
  });
  return { ok: true, url: url.href, state };
}

/** Why a provider's answer was not taken, as the audit trail words it. */
export type SingleSignOnRefusal =
  | "wrong state"
  | "unknown or used state"
  | "took too long"
  | "refused by the provider"
  | "provider unavailable"
  | "wrong issuer"
  | "wrong audience"
  | "wrong nonce"
  | "expired token"
  | "not signed in again"
  | "untrusted token"
  | "no usable email"
  | "email not verified";

export type SingleSignOnAnswer =
  | {
      ok: true;
      agencyId: string;
      purpose: SingleSignOnPurpose;
      sessionId: string | null;
      next: string;
      email: string;
      /** The provider says it asked for more than one factor (`amr` has "mfa"). */
      multiFactor: boolean;
    }
  | { ok: false; reason: SingleSignOnRefusal; agencyId: string | null; purpose: SingleSignOnPurpose | null; sessionId: string | null };

/**
 * The provider's answer, arriving at `callbackUrl` (the portal's redirect URI with the answer's query). `browserState`:
 * the state from the cookie of the browser that set off (null when it has none). The trip is used up either way once
 * its state is known, so an answer cannot be replayed.
 */
export async function finishSingleSignOn(
  sql: Sql,
  sso: SingleSignOn,
  opts: { callbackUrl: URL; browserState: string | null; now: Date },
): Promise<SingleSignOnAnswer> {
  const state = opts.callbackUrl.searchParams.get("state");
  const nothing = { agencyId: null, purpose: null, sessionId: null } as const;
  // Another browser's answer (a login CSRF), or none set off here: the trip, if any, is left for its own browser.
  if (!state || !opts.browserState || state !== opts.browserState) return { ok: false, reason: "wrong state", ...nothing };
  const [trip] = await sql<{ agencyId: string; purpose: SingleSignOnPurpose; sessionId: string | null; nonce: string; codeVerifier: string; next: string; expiresAt: Date }[]>`
    delete from single_sign_on_requests where state_hash = ${stateHash(state)}
    returning agency_id as "agencyId", purpose, session_id as "sessionId", nonce, code_verifier as "codeVerifier",
              next_path as "next", expires_at as "expiresAt"`;
  if (!trip) return { ok: false, reason: "unknown or used state", ...nothing };
  const known = { agencyId: trip.agencyId, purpose: trip.purpose, sessionId: trip.sessionId };
  if (opts.now >= trip.expiresAt) return { ok: false, reason: "took too long", ...known };
  if (opts.callbackUrl.searchParams.has("error")) return { ok: false, reason: "refused by the provider", ...known };
  let configuration: oidc.Configuration;
  try {
    configuration = await sso.configuration(trip.agencyId);
  } catch {
    return { ok: false, reason: "provider unavailable", ...known };
  }
  let claims: oidc.IDToken | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration, opts.callbackUrl, {
      pkceCodeVerifier: trip.codeVerifier,
      expectedState: state,
      expectedNonce: trip.nonce,
      idTokenExpected: true,
      // Proving it is you again: the provider must have signed the person in just now (it was asked to, with
      // prompt=login and max_age=0, but the browser carries that request and could drop it).
      ...(trip.purpose === "confirm" ? { maxAge: CONFIRM_SIGNED_IN_WITHIN_SECONDS } : {}),
    });
    claims = tokens.claims();
  } catch (error) {
    return { ok: false, reason: refusalOf(error), ...known };
  }
  if (!claims) return { ok: false, reason: "untrusted token", ...known };
  // Plain ASCII only, before lower-casing: Unicode case folding would turn "\u212Aate@" into "kate@", and a NUL byte
  // would never reach the database.
  const raw = typeof claims.email === "string" ? claims.email : "";
  if (!/^[\x21-\x7e]{3,320}$/.test(raw) || !raw.includes("@")) return { ok: false, reason: "no usable email", ...known };
  const email = raw.toLowerCase();
  const verified = claims.email_verified === true || (claims.email_verified === undefined && Boolean(sso.provider(trip.agencyId)?.acceptUnverifiedEmail));
  if (!verified) return { ok: false, reason: "email not verified", ...known };
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  return { ok: true, ...known, next: trip.next, email, multiFactor: amr.includes("mfa") };
}

/** What openid-client found wrong with the answer. */
function refusalOf(error: unknown): SingleSignOnRefusal {
  // openid-client's error carries oauth4webapi's, whose cause names the claim.
  type Found = { code?: string; cause?: Found & { claim?: string } };
  const outer = (error ?? {}) as Found;
  const inner = outer.cause && typeof outer.cause === "object" && "code" in outer.cause ? outer.cause : outer;
  const code = inner.code ?? outer.code;
  const cause = inner.cause;
  if (code === "OAUTH_AUTHORIZATION_RESPONSE_ERROR") return "refused by the provider";
  if (code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return cause?.claim === "auth_time" ? "not signed in again" : "expired token";
  if (code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" || code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED") {
    if (cause?.claim === "iss") return "wrong issuer";
    if (cause?.claim === "aud" || cause?.claim === "azp") return "wrong audience";
    if (cause?.claim === "nonce") return "wrong nonce";
  }
  if (error instanceof TypeError || code === "OAUTH_HTTP_REQUEST_FORBIDDEN") return "provider unavailable";
  return "untrusted token";
}
