// A person's sign-in activity, read back from the audit trail: their sign-ins (and failed attempts on their email
// address), sign-outs, password changes and what administrators did to their account. Read by the person themselves
// and by their agency's administrators (issue 16); only rows whose target names the person, which the partial index
// audit_events_account covers.
import type { Sql } from "../../db/client";
import { agencyPeopleRoom } from "../../common/realtime-events";
import type { EventHub } from "../services";
import { actionInWords, outcomeInWords } from "./action-words";

export const ACCOUNT_ACTIVITY_DAYS = 90;
export const ACCOUNT_ACTIVITY_LIMIT = 200;
/**
 * At most this many of the events on one person's address, and as many on their account: a flood of failed attempts
 * on one address (anyone can type it) cannot push everyone else's events off an agency's page. Each is one backward
 * scan of the partial index, however large the agency.
 */
export const ACCOUNT_ACTIVITY_PER_TARGET = 50;

const accountActions: readonly string[] = [
  "sign-in",
  "sign-in:second-factor",
  "set-up:authenticator",
  "confirm:identity",
  "make:recovery-codes",
  "add:passkey",
  "remove:passkey",
  "reset-second-factor:person",
  "sign-out",
  "sign-out:other-session",
  "sign-out:other-sessions",
  "change-password",
  "set-password:link",
  "request:password-reset",
  "add:person",
  "reset-password:person",
  "send-link:person",
  "deactivate:person",
  "reactivate:person",
];

/**
 * Why an attempt failed, in words, for the reasons the portal itself writes. Anything else in an event's details (an
 * administrator's reason for deactivating someone) stays in the audit trail and is not shown here.
 */
const reasonWords: Record<string, string> = {
  "wrong password": "wrong password",
  deactivated: "the account was deactivated",
  throttled: "too many failed attempts",
  "no active account": "no active account",
  "wrong code": "wrong or used code",
  "wrong or used recovery code": "wrong or used recovery code",
  "another person": "signed in to their agency's service as someone else",
  "no second factor from the provider": "their agency's service did not ask for a second factor",
  "took too long": "took more than 10 minutes",
  "refused by the provider": "their agency's service did not sign them in",
  "passkey not accepted": "passkey not accepted",
  "unknown passkey": "a passkey not added to any account",
};

export type AccountEvent = {
  at: Date;
  /** What happened, in the trail's words. */
  what: string;
  /** Done, Failed or Refused, with the portal's reason when it gave one. */
  result: string;
  /** Whose account it was. */
  person: { id: number; fullName: string };
  /** Who did it, when known and not the person themselves (an administrator). */
  by: string | null;
  userAgent: string;
  ip: string;
};

type Subject = { id: number; fullName: string; email: string };

async function activityOf(sql: Sql, people: Subject[], now: Date): Promise<AccountEvent[]> {
  if (people.length === 0) return [];
  const byTarget = new Map<string, Subject>();
  for (const person of people) {
    byTarget.set(`user:${person.id}`, person);
    byTarget.set(`email:${person.email.trim().toLowerCase()}`, person);
  }
  const since = new Date(now.getTime() - ACCOUNT_ACTIVITY_DAYS * 86_400_000);
  const rows = await sql<
    { at: Date; action: string; outcome: string; target: string; ip: string; userAgent: string; details: Record<string, unknown>; actorId: string | null; actorName: string | null }[]
  >`
    select e.at, e.action, e.outcome, e.target, e.ip, e.user_agent as "userAgent", e.details,
           e.user_id as "actorId", actor.full_name as "actorName"
    from unnest(${[...byTarget.keys()]}::text[]) as t (target)
    cross join lateral (
      select * from audit_events e
      where (e.target like 'user:%' or e.target like 'email:%') and e.target = t.target
        and e.action = any(${accountActions}::text[]) and e.at >= ${since}
      order by e.at desc, e.id desc
      limit ${ACCOUNT_ACTIVITY_PER_TARGET}) e
    left join users actor on actor.id = e.user_id
    order by e.at desc, e.id desc
    limit ${ACCOUNT_ACTIVITY_LIMIT}`;
  return rows.map((row) => {
    const person = byTarget.get(row.target)!;
    const reason = typeof row.details.reason === "string" && Object.hasOwn(reasonWords, row.details.reason) ? reasonWords[row.details.reason] : null;
    const newBrowser = row.action === "sign-in" && row.details.told === true ? "from a browser not used before, emailed to them" : null;
    const proofWords: Record<string, string> = {
      authenticator: "with their authenticator app",
      "recovery-code": "with a recovery code",
      password: "with their password",
      "single sign-on": "through their agency's sign-in",
      passkey: "with a passkey",
    };
    const proof = row.outcome === "success" && typeof row.details.proof === "string" ? (proofWords[row.details.proof] ?? null) : null;
    // Signed in through their agency's own service (decision 057), rather than with a password.
    const through = row.action === "sign-in" && row.outcome === "success" && row.details.method === "single sign-on" ? "through their agency's sign-in" : null;
    const note = reason ?? ([through ?? proof, newBrowser].filter(Boolean).join(", ") || null);
    return {
      at: row.at,
      what: actionInWords(row.action),
      result: `${outcomeInWords(row.outcome)}${note ? `: ${note}` : ""}`,
      person: { id: person.id, fullName: person.fullName },
      by: row.actorId !== null && Number(row.actorId) !== person.id ? (row.actorName ?? "Someone no longer listed") : null,
      userAgent: row.userAgent,
      ip: row.ip,
    };
  });
}

/**
 * Account activity, newest first (the last 90 days, at most 200 events): one person's own, or everyone's in an agency
 * for its administrators.
 */
export async function accountActivity(sql: Sql, of: { userId: number } | { agencyId: string }, now: Date): Promise<AccountEvent[]> {
  const people = await sql<Subject[]>`
    select id, full_name as "fullName", email from users
    where id = ${"userId" in of ? of.userId : null} or agency_id = ${"agencyId" in of ? of.agencyId : null}`;
  return activityOf(
    sql,
    people.map((person) => ({ ...person, id: Number(person.id) })),
    now,
  );
}

/** An account event's person, when the event names one by id (`user:<id>`): whose activity pages to tell. */
export function accountEventPerson(event: { action: string; target?: string }): number | null {
  if (!accountActions.includes(event.action)) return null;
  const id = /^user:([1-9]\d{0,14})$/.exec(event.target ?? "")?.[1];
  return id ? Number(id) : null;
}

/**
 * Tells the open activity pages that show this person's account (their own, and their agency's administrators'),
 * content-free, that something happened to it: each fetches its rows again through its own loader.
 */
export async function tellAccountActivity(sql: Sql, events: EventHub, userId: number, agencyId?: string): Promise<void> {
  const agency = agencyId ?? (await sql<{ agencyId: string }[]>`select agency_id as "agencyId" from users where id = ${userId}`)[0]?.agencyId;
  events.publish({ room: `user:${userId}`, what: "account" });
  if (agency) events.publish({ room: agencyPeopleRoom(agency), what: "account" });
}
