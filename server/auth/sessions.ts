// Sessions after the Lucia design: a random token in the cookie, only its SHA-256 stored, sliding idle expiry,
// an absolute lifetime, revoked by deleting the row.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Sql } from "../../db/client";
import type { AgencyKind, Role } from "../access/policy";
import type { signInMethodNames } from "../../common/format";

export type SessionSettings = { idleMinutes: number; absoluteHours: number };

export type SessionUser = {
  id: number;
  fullName: string;
  email: string;
  role: Role;
  jobTitle: string;
  agencyId: string;
  agencyName: string;
  agencyKind: AgencyKind;
  agencyColour: string;
  mustChangePassword: boolean;
  /** Has a confirmed authenticator app (their second factor). */
  hasAuthenticator: boolean;
  /** Has a passkey (decision 058): a second factor too, so the second step offers it. */
  hasPasskey: boolean;
  /** Their agency's people may sign in with a password alone (a recorded exemption, decision 056). */
  secondFactorExempt: boolean;
};

export type Session = {
  id: string;
  userId: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string;
  userAgent: string;
  /**
   * Signed in in full: the second factor given, or the agency exempt. A session that is not may only finish signing in
   * (authenticate refuses it at every door but those pages).
   */
  signedInFully: boolean;
  /** When the person last proved who they are in this session; the most sensitive actions ask for it to be recent. */
  confirmedAt: Date;
};

// Only refresh last_seen_at when it is this stale, so a page view is not always a write.
const LAST_SEEN_RESOLUTION_MS = 60_000;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * A new session. `method`: how its person signed in; with a second factor (or given `secondFactorAt`) it is signed in
 * in full, otherwise only once the factor is given (completeSession) unless their agency is exempt.
 */
export async function createSession(
  sql: Sql,
  opts: {
    userId: number;
    now: Date;
    settings: SessionSettings;
    ip: string;
    userAgent: string;
    deviceHash?: string | null;
    method?: SignInMethod;
    secondFactorAt?: Date | null;
  },
): Promise<{ token: string; session: Omit<Session, "signedInFully"> }> {
  const token = generateSessionToken();
  const session = {
    id: sessionIdFromToken(token),
    userId: opts.userId,
    createdAt: opts.now,
    lastSeenAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + opts.settings.absoluteHours * 3_600_000),
    ip: opts.ip.slice(0, 100),
    userAgent: opts.userAgent.slice(0, 500),
    confirmedAt: opts.now,
  };
  await sql`
    insert into sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent, device_hash, method,
                          second_factor_at, confirmed_at)
    values (${session.id}, ${session.userId}, ${session.createdAt}, ${session.lastSeenAt}, ${session.expiresAt},
            ${session.ip}, ${session.userAgent}, ${opts.deviceHash ?? null}, ${opts.method ?? "password"},
            ${opts.secondFactorAt ?? null}, ${session.confirmedAt})`;
  return { token, session };
}

/** A second factor given after the first (a password, or an agency's single sign-on). */
export type SecondFactor = "authenticator" | "recovery-code" | "passkey";

/**
 * A session whose person has just given their second factor becomes a new session (a new token, so a token seen before
 * the factor is worth nothing after it), signed in in full, on the same browser; the old one ends. Its method names
 * both: the first factor the old session was opened with, and `factor`.
 */
export async function completeSession(
  sql: Sql,
  opts: { sessionId: string; factor: SecondFactor; now: Date; settings: SessionSettings },
): Promise<{ token: string; expiresAt: Date } | null> {
  return sql.begin(async (tx) => {
    const [old] = await tx<{ userId: number; ip: string; userAgent: string; deviceHash: string | null; method: SignInMethod }[]>`
      delete from sessions where id = ${opts.sessionId}
      returning user_id as "userId", ip, user_agent as "userAgent", device_hash as "deviceHash", method`;
    if (!old) return null;
    const { token, session } = await createSession(tx as unknown as Sql, {
      userId: Number(old.userId),
      now: opts.now,
      settings: opts.settings,
      ip: old.ip,
      userAgent: old.userAgent,
      deviceHash: old.deviceHash,
      method: `${old.method === "sso" ? "sso" : "password"}+${opts.factor}`,
      secondFactorAt: opts.now,
    });
    return { token, expiresAt: session.expiresAt };
  });
}

/** The person has just proved who they are again (their second factor, or password where they have none). */
export async function confirmSession(sql: Sql, sessionId: string, now: Date): Promise<void> {
  await sql`update sessions set confirmed_at = ${now} where id = ${sessionId}`;
}

/** The session and its user, or null when the token is unknown, expired, or its user deactivated. */
export async function validateSessionToken(
  sql: Sql,
  token: string,
  opts: { now: Date; settings: SessionSettings; touch?: boolean },
): Promise<{ session: Session; user: SessionUser } | null> {
  return (await validateSessionTokens(sql, [token], opts))[0];
}

/**
 * Each token's session and user (null where unknown, expired, or its user deactivated), in one query. An ended session
 * is deleted. `touch: false` leaves last_seen_at to the caller (the access watch touches open sockets' sessions in
 * one statement); otherwise it is moved on when stale.
 */
export async function validateSessionTokens(
  sql: Sql,
  tokens: readonly string[],
  opts: { now: Date; settings: SessionSettings; touch?: boolean },
): Promise<({ session: Session; user: SessionUser } | null)[]> {
  const ids = tokens.map((token) => (/^[a-z2-7]{32}$/.test(token) ? sessionIdFromToken(token) : null));
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return ids.map(() => null);
  const rows = await sql<(Session & Omit<SessionUser, "id"> & { active: boolean; secondFactorAt: Date | null })[]>`
    select s.id, s.user_id as "userId", s.created_at as "createdAt", s.last_seen_at as "lastSeenAt",
           s.expires_at as "expiresAt", s.ip, s.user_agent as "userAgent", s.second_factor_at as "secondFactorAt",
           s.confirmed_at as "confirmedAt",
           u.full_name as "fullName", u.email, u.role, u.job_title as "jobTitle", u.active,
           u.must_change_password as "mustChangePassword",
           exists (select 1 from authenticator_apps f where f.user_id = u.id and f.confirmed_at is not null) as "hasAuthenticator",
           exists (select 1 from passkeys p where p.user_id = u.id) as "hasPasskey",
           exists (select 1 from second_factor_exemptions e where e.agency_id = u.agency_id) as "secondFactorExempt",
           a.id as "agencyId", a.name as "agencyName", a.kind as "agencyKind", a.colour as "agencyColour"
    from sessions s join users u on u.id = s.user_id join agencies a on a.id = u.agency_id
    where s.id = any(${wanted}::text[])`;
  const now = opts.now.getTime();
  const found = new Map<string, { session: Session; user: SessionUser }>();
  const ended: string[] = [];
  const stale: string[] = [];
  for (const row of rows) {
    const idleEnd = row.lastSeenAt.getTime() + opts.settings.idleMinutes * 60_000;
    if (!row.active || now >= row.expiresAt.getTime() || now >= idleEnd) {
      ended.push(row.id);
      continue;
    }
    if (opts.touch !== false && now - row.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      row.lastSeenAt = opts.now;
      stale.push(row.id);
    }
    found.set(row.id, {
      session: {
        id: row.id,
        userId: Number(row.userId),
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
        ip: row.ip,
        userAgent: row.userAgent,
        signedInFully: row.secondFactorAt !== null || row.secondFactorExempt,
        confirmedAt: row.confirmedAt ?? row.createdAt,
      },
      user: {
        id: Number(row.userId),
        fullName: row.fullName,
        email: row.email,
        role: row.role,
        jobTitle: row.jobTitle,
        agencyId: row.agencyId,
        agencyName: row.agencyName,
        agencyKind: row.agencyKind,
        agencyColour: row.agencyColour,
        mustChangePassword: row.mustChangePassword,
        hasAuthenticator: row.hasAuthenticator,
        hasPasskey: row.hasPasskey,
        secondFactorExempt: row.secondFactorExempt,
      },
    });
  }
  if (ended.length) await sql`delete from sessions where id in ${sql(ended)}`;
  if (stale.length) await sql`update sessions set last_seen_at = ${opts.now} where id in ${sql(stale)}`;
  return ids.map((id) => (id === null ? null : (found.get(id) ?? null)));
}

export async function invalidateSession(sql: Sql, sessionId: string): Promise<void> {
  await sql`delete from sessions where id = ${sessionId}`;
}

/**
 * Ends every session of a person, or all but one (signing the others out), and forgets the browsers they signed in
 * from but the kept session's: whoever used one of them must sign in again, and is then told of as a new browser.
 * Returns how many sessions ended.
 */
export async function invalidateUserSessions(sql: Sql, userId: number, exceptSessionId?: string): Promise<number> {
  await sql`
    delete from known_devices where user_id = ${userId}
      and device_hash is distinct from (select device_hash from sessions where id = ${exceptSessionId ?? ""} and user_id = ${userId})`;
  const ended = exceptSessionId
    ? await sql`delete from sessions where user_id = ${userId} and id <> ${exceptSessionId} returning id`
    : await sql`delete from sessions where user_id = ${userId} returning id`;
  return ended.length;
}

/** How a session's person proved who they are (sessions.method). */
export type SignInMethod = keyof typeof signInMethodNames;

export async function listUserSessions(
  sql: Sql,
  userId: number,
  opts: { now: Date; settings: SessionSettings },
): Promise<(Omit<Session, "signedInFully" | "confirmedAt"> & { method: SignInMethod })[]> {
  const idleCutoff = new Date(opts.now.getTime() - opts.settings.idleMinutes * 60_000);
  const rows = await sql<(Omit<Session, "signedInFully" | "confirmedAt"> & { method: SignInMethod })[]>`
    select id, user_id as "userId", created_at as "createdAt", last_seen_at as "lastSeenAt",
           expires_at as "expiresAt", ip, user_agent as "userAgent", method
    from sessions
    where user_id = ${userId} and expires_at > ${opts.now} and last_seen_at > ${idleCutoff}
    order by last_seen_at desc`;
  return rows.map((row) => ({ ...row, userId: Number(row.userId) }));
}

/**
 * Of these sessions, the ones still valid now: not expired, not idle too long, their person still active, signed in in
 * full (an exemption withdrawn leaves password-only sessions short of it).
 */
export async function stillValidSessions(sql: Sql, sessionIds: string[], opts: { now: Date; settings: SessionSettings }): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const idleCutoff = new Date(opts.now.getTime() - opts.settings.idleMinutes * 60_000);
  const rows = await sql<{ id: string }[]>`
    select s.id from sessions s join users u on u.id = s.user_id
    where s.id in ${sql(sessionIds)} and u.active and s.expires_at > ${opts.now} and s.last_seen_at > ${idleCutoff}
      and (s.second_factor_at is not null or exists (select 1 from second_factor_exemptions e where e.agency_id = u.agency_id))`;
  return new Set(rows.map((row) => row.id));
}

/** Live work (typing, a socket event) keeps a session alive as a page request does. */
export async function touchSessions(sql: Sql, sessionIds: string[], now: Date): Promise<void> {
  if (sessionIds.length === 0) return;
  const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  await sql`update sessions set last_seen_at = ${now} where id in ${sql(sessionIds)} and last_seen_at < ${staleBefore}`;
}
