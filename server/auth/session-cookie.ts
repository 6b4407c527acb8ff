// The session cookie: HttpOnly, SameSite=Lax, Secure unless configured off for plain-HTTP testing.
import { parse, serialize } from "cookie";
import type { IncomingHttpHeaders } from "node:http";
import { sessionCookieName, type Services } from "../services";
import { deviceCookie } from "./devices";

export function readSessionToken(services: Services, cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  return parse(cookieHeader)[sessionCookieName(services.config)] ?? null;
}

export function readSessionTokenFromHeaders(services: Services, headers: IncomingHttpHeaders): string | null {
  return readSessionToken(services, headers.cookie);
}

export function sessionCookie(services: Services, token: string, expiresAt: Date): string {
  return serialize(sessionCookieName(services.config), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: services.config.COOKIE_SECURE,
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(services: Services): string {
  return serialize(sessionCookieName(services.config), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: services.config.COOKIE_SECURE,
    path: "/",
    maxAge: 0,
  });
}

/** The cookies a browser is given as someone signs in: the session, and the browser's new device token. */
export function signInCookies(services: Services, signedIn: { token: string; expiresAt: Date; deviceToken: string }): Headers {
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(services, signedIn.token, signedIn.expiresAt));
  headers.append("Set-Cookie", deviceCookie(services.config, signedIn.deviceToken, services.clock()));
  return headers;
}

/**
 * While a browser is away at its agency's provider (decision 057): the state it was sent with, so only the browser that
 * set off is let back in with the answer. SameSite=Lax: the provider sends the browser back by a top-level GET.
 */
function singleSignOnCookieName(services: Services): string {
  return services.config.COOKIE_SECURE ? "__Host-pp_sso" : "pp_sso";
}

export function singleSignOnCookie(services: Services, state: string, minutes: number): string {
  return serialize(singleSignOnCookieName(services), state, {
    httpOnly: true,
    sameSite: "lax",
    secure: services.config.COOKIE_SECURE,
    path: "/",
    maxAge: minutes * 60,
  });
}

export function readSingleSignOnState(services: Services, cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  return parse(cookieHeader)[singleSignOnCookieName(services)] ?? null;
}

export function clearedSingleSignOnCookie(services: Services): string {
  return serialize(singleSignOnCookieName(services), "", { httpOnly: true, sameSite: "lax", secure: services.config.COOKIE_SECURE, path: "/", maxAge: 0 });
}
