// The browsers a person signs in from. Each browser keeps a random token in a long-lived cookie; the portal stores only
// its SHA-256 against the person, so a sign-in from a browser they have not used before can be told to them by email.
// The token proves nothing and opens nothing: it only says "seen before".
import { parse, serialize } from "cookie";
import type { Sql } from "../../db/client";
import type { Config } from "../config";
import { generateSessionToken, sessionIdFromToken } from "./sessions";

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
  /** The token the browser keeps from now on (its own, or a new one). */
  token: string;
  /** Signed in from this browser before. */
  known: boolean;
  /** The person has signed in from some browser before: a first sign-in ever is not news to them. */
  hadAny: boolean;
};

/** Records that the person signed in from this browser, and whether it (or any browser) was known before. */
export async function recogniseDevice(
  sql: Sql,
  opts: { userId: number; token: string | null; now: Date; userAgent: string },
): Promise<DeviceCheck> {
  const token = opts.token ?? generateSessionToken();
  const [row] = await sql<{ known: boolean; hadAny: boolean }[]>`
    with before as (
      select exists (select 1 from known_devices where user_id = ${opts.userId} and device_hash = ${sessionIdFromToken(token)}) as known,
             exists (select 1 from known_devices where user_id = ${opts.userId}) as "hadAny"),
    seen as (
      insert into known_devices (user_id, device_hash, first_seen_at, last_seen_at, user_agent)
      values (${opts.userId}, ${sessionIdFromToken(token)}, ${opts.now}, ${opts.now}, ${opts.userAgent.slice(0, 500)})
      on conflict (user_id, device_hash) do update set last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent)
    select known, "hadAny" from before`;
  return { token, known: row.known, hadAny: row.hadAny };
}
