// The browsers a person signs in from. Each browser keeps a random token in a long-lived cookie; the portal stores only
// its SHA-256 against the person, so a sign-in from a browser they have not used before can be told to them by email.
// The token proves nothing and opens nothing: it only says "seen before".
import { parse, serialize } from "cookie";
import type { Sql } from "../../db/client";
import type { Config } from "../config";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { generateSessionToken } from "./sessions";

const DEVICE_COOKIE_DAYS = 400; // the longest a browser keeps a cookie

export function deviceCookieName(config: Pick<Config, "COOKIE_SECURE">): string {
  return config.COOKIE_SECURE ? "__Host-pp_device" : "pp_device";
}

/** The browser's device token from its cookie header, or null when it has none (or not one the portal made). */
export function readDeviceToken(config: Pick<Config, "COOKIE_SECURE">, cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const token = parse(cookieHeader)[deviceCookieName(config)];
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

export function deviceCookie(config: Pick<Config, "COOKIE_SECURE">, token: string, now: Date): string {
  return serialize(deviceCookieName(config), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.COOKIE_SECURE,
    path: "/",
    expires: new Date(now.getTime() + DEVICE_COOKIE_DAYS * 86_400_000),
  });
}

export type DeviceCheck = {
  /** The token the browser keeps from now on: a new one at every sign-in, so a copied token stops being known. */
  token: string;
  /** The hash stored with the new session, so ending sessions forgets their browsers. */
  hash: string;
  /** Signed in from this browser before (and not forgotten since). */
  known: boolean;
  /**
   * The person has signed in before, by password or from an emailed link, as the audit trail says (so browsers used
   * before this was built count): a first sign-in ever is not news to them; any later one from a new browser is.
   */
  signedInBefore: boolean;
};

/** Stored instead of a browser's token: its SHA-256, under a label of its own. */
export function deviceHash(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`pp-device:${token}`)));
}

/**
 * Records that the person is signing in from this browser, under a new token that replaces the one it sent, and says
 * whether the browser, and the person, were known before. Call before the sign-in's own audit row is written.
 */
export async function recogniseDevice(
  sql: Sql,
  opts: { userId: number; email: string; token: string | null; now: Date; userAgent: string },
): Promise<DeviceCheck> {
  const sent = opts.token ? deviceHash(opts.token) : "";
  const token = generateSessionToken();
  const hash = deviceHash(token);
  const [row] = await sql<{ known: boolean; signedInBefore: boolean }[]>`
    with forgotten as (
      delete from known_devices where user_id = ${opts.userId} and device_hash = ${sent} returning first_seen_at),
    stored as (
      insert into known_devices (user_id, device_hash, first_seen_at, last_seen_at, user_agent)
      values (${opts.userId}, ${hash}, coalesce((select first_seen_at from forgotten), ${opts.now}), ${opts.now},
              ${opts.userAgent.slice(0, 500)}))
    select exists (select 1 from forgotten) as known,
           exists (select 1 from audit_events e
                   where (e.target like 'user:%' or e.target like 'email:%') and e.outcome = 'success'
                     and ((e.target = ${`email:${opts.email.trim().toLowerCase()}`} and e.action = 'sign-in')
                          or (e.target = ${`user:${opts.userId}`} and e.action = 'set-password:link'))) as "signedInBefore"`;
  return { token, hash, known: row.known, signedInBefore: row.signedInBefore };
}
