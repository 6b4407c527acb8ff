// The one authentication for all three doors — pages (Remix), socket.io and the collaboration upgrade: the session
// cookie in the request's headers, validated, turned into the actor the access policy judges.
import type { IncomingHttpHeaders } from "node:http";
import type { Actor } from "../access/policy";
import type { Services } from "../services";
import { readSessionToken } from "./session-cookie";
import { validateSessionToken, type Session, type SessionUser } from "./sessions";

export type Authenticated = { user: SessionUser; session: Session; actor: Actor };

/** The person a session is for, as the policy sees them. */
export function actorOf(user: Pick<SessionUser, "id" | "agencyId" | "agencyKind" | "role">): Actor {
  return { id: user.id, agencyId: user.agencyId, agencyKind: user.agencyKind, role: user.role };
}

/**
 * Who sent these headers: a valid session's person and actor, or null (no cookie, unknown, expired, deactivated, or not
 * yet signed in in full: the second factor not given). `together`: looked up with the other connections arriving now
 * (services.together), its session not touched here. `halfSignedIn`: a session still short of its second factor is
 * returned too, for the pages that finish signing in and nothing else.
 */
export async function authenticate(
  services: Services,
  headers: Headers | IncomingHttpHeaders,
  opts: { together?: boolean; halfSignedIn?: boolean } = {},
): Promise<Authenticated | null> {
  const cookie = headers instanceof Headers ? headers.get("cookie") : headers.cookie;
  const token = readSessionToken(services, cookie);
  if (!token) return null;
  const found = opts.together
    ? await services.together.session(token)
    : await validateSessionToken(services.sql, token, { now: services.clock(), settings: services.sessionSettings });
  if (!found || (!found.session.signedInFully && !opts.halfSignedIn)) return null;
  return { ...found, actor: actorOf(found.user) };
}
