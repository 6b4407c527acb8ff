// Signing in through an agency's own provider, and proving it is you again through it (decision 057). The provider
// says who the person is; the portal decides whether that is one of its people: the email must be at one of the
// agency's domains and belong to an active person of that agency (nobody is made an account by signing in). Every
// answer, taken or refused, is in the audit trail and on the person's activity pages where there is a person.
import type { Sql } from "../../../db/client";
import { tellAccountActivity } from "../../audit/account-activity";
import { recordAudit } from "../../audit/record-audit";
import type { Mailer } from "../../mail/mailer";
import { confirmSession } from "../sessions";
import { findPerson, startSession, type AttemptContext, type SignInResult } from "../sign-in";
import { finishSingleSignOn, type SingleSignOnAnswer, type SingleSignOnPurpose, type SingleSignOnRefusal } from "./flow";
import type { SingleSignOn } from "./providers";

/** Why the answer was about someone the portal does not let in. */
type PersonRefusal = "email outside the agency's domains" | "unknown person" | "deactivated" | "another person" | "no second factor from the provider";

export type ProviderSignInResult =
  | { ok: true; purpose: "sign-in"; next: string; signIn: SignInResult & { ok: true } }
  | { ok: true; purpose: "confirm"; next: string }
  | { ok: false; agencyId: string | null; purpose: SingleSignOnPurpose | null; reason: SingleSignOnRefusal | PersonRefusal };

/** The provider's answer at the portal's redirect URI: checked, then the person signed in (or their identity confirmed). */
export async function answerFromProvider(
  sql: Sql,
  sso: SingleSignOn,
  opts: AttemptContext & { callbackUrl: URL; browserState: string | null; deviceToken: string | null; mailer: Mailer },
): Promise<ProviderSignInResult> {
  const answer = await finishSingleSignOn(sql, sso, { callbackUrl: opts.callbackUrl, browserState: opts.browserState, now: opts.now });
  const action = answer.purpose === "confirm" ? "confirm:identity" : "sign-in";
  const base = { at: opts.now, action, ip: opts.ip, userAgent: opts.userAgent };
  if (!answer.ok) {
    // Anyone can set off and send back nonsense: refusals before a person is known are limited per address.
    const { write, suppressed } = opts.refusals.take(`single-sign-on:${opts.ip}`, opts.now);
    if (write)
      await recordAudit(sql, {
        ...base,
        agencyId: answer.agencyId,
        outcome: "failure",
        target: answer.agencyId ? `agency:${answer.agencyId}` : "single-sign-on",
        details: { method: "single sign-on", reason: answer.reason, ...(suppressed ? { suppressedSinceLastRow: suppressed } : {}) },
      });
    return { ok: false, agencyId: answer.agencyId, purpose: answer.purpose, reason: answer.reason };
  }

  const { person, refusal } = await personFor(sql, answer);
  const trusted = answer.multiFactor && Boolean(sso.provider(answer.agencyId)?.trustMfa);
  const confirmRefusal = answer.purpose !== "confirm" || !person ? null : person.id !== (await sessionUser(sql, answer.sessionId)) ? "another person" : !trusted ? "no second factor from the provider" : null;
  const refused = refusal ?? confirmRefusal;
  const audit = { ...base, userId: person?.id ?? null, agencyId: person?.agencyId ?? answer.agencyId, target: `email:${answer.email}` };
  if (refused || !person) {
    await recordAudit(sql, { ...audit, outcome: "failure", details: { method: "single sign-on", reason: refused } });
    if (person) await tellAccountActivity(sql, opts.events, person.id, person.agencyId);
    return { ok: false, agencyId: answer.agencyId, purpose: answer.purpose, reason: refused ?? "unknown person" };
  }

  if (answer.purpose === "confirm") {
    await confirmSession(sql, answer.sessionId!, opts.now);
    await recordAudit(sql, { ...audit, outcome: "success", details: { method: "single sign-on", proof: "single sign-on" } });
    await tellAccountActivity(sql, opts.events, person.id, person.agencyId);
    return { ok: true, purpose: "confirm", next: answer.next };
  }
  const started = await startSession(sql, person, { ...opts, method: trusted ? "sso+mfa" : "sso", secondFactorGiven: trusted });
  await recordAudit(sql, { ...audit, outcome: "success", details: { method: "single sign-on", providerSecondFactor: trusted, ...started.details } });
  await tellAccountActivity(sql, opts.events, person.id, person.agencyId);
  return { ok: true, purpose: "sign-in", next: answer.next, signIn: started.result };
}

/** The agency's active person with the answer's email, or why there is none to let in. */
async function personFor(
  sql: Sql,
  answer: SingleSignOnAnswer & { ok: true },
): Promise<{ person: Awaited<ReturnType<typeof findPerson>>; refusal: PersonRefusal | null }> {
  const [agency] = await sql<{ domains: string[] }[]>`select email_domains as domains from agencies where id = ${answer.agencyId}`;
  const domain = answer.email.slice(answer.email.lastIndexOf("@") + 1);
  if (!answer.email.includes("@") || !agency?.domains.some((allowed) => allowed.toLowerCase() === domain))
    return { person: null, refusal: "email outside the agency's domains" };
  const person = await findPerson(sql, { email: answer.email, agencyId: answer.agencyId });
  if (!person) return { person: null, refusal: "unknown person" };
  return { person, refusal: person.active ? null : "deactivated" };
}

async function sessionUser(sql: Sql, sessionId: string | null): Promise<number | null> {
  if (!sessionId) return null;
  const [row] = await sql<{ userId: string }[]>`select user_id as "userId" from sessions where id = ${sessionId}`;
  return row ? Number(row.userId) : null;
}
