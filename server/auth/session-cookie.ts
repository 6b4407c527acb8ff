// The session cookie: HttpOnly, SameSite=Lax, Secure unless configured off for plain-HTTP testing.
import { parse, serialize } from "cookie";
import type { IncomingHttpHeaders } from "node:http";
import { SESSION_COOKIE, type Services } from "../services";

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  return parse(cookieHeader)[SESSION_COOKIE] ?? null;
}

export function readSessionTokenFromHeaders(headers: IncomingHttpHeaders): string | null {
  return readSessionToken(headers.cookie);
}

export function sessionCookie(services: Services, token: string, expiresAt: Date): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: services.config.COOKIE_SECURE,
    path: "/",
    expires: expiresAt,
  });
}

export function clearedSessionCookie(services: Services): string {
  return serialize(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    secure: services.config.COOKIE_SECURE,
    path: "/",
    maxAge: 0,
  });
}
