// Guards for loaders and actions: who is signed in, or a redirect to sign in.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { authenticate, type Authenticated } from "../../server/auth/authenticate";
import { relyingParty, type RelyingParty } from "../../server/auth/passkeys";
import { confirmIdentity, type ProofContext } from "../../server/auth/second-factor";
import type { AttemptContext } from "../../server/auth/sign-in";
import { authenticatorCodeSchema, CONFIRMATION_MINUTES, confirmPasswordSchema } from "../../common/forms/second-factor";

export type SignedIn = Authenticated;

/** Who is signed in in full, or null. */
export function getSignedIn(request: Request, context: AppLoadContext): Promise<SignedIn | null> {
  return authenticate(context.services, request.headers);
}

/** Someone who has given their password but not yet their second factor, or null (for the second step's pages). */
export async function getHalfSignedIn(request: Request, context: AppLoadContext): Promise<SignedIn | null> {
  const found = await authenticate(context.services, request.headers, { halfSignedIn: true });
  return found && !found.session.signedInFully ? found : null;
}

/**
 * Where someone half signed in goes next: the second step of signing in (an app's code or a passkey, or setting up an
 * app when they have neither), coming back to `next` afterwards.
 */
export function secondStepPath(user: { hasAuthenticator: boolean; hasPasskey?: boolean }, next: string): string {
  const path = user.hasAuthenticator || user.hasPasskey ? "/sign-in/code" : "/sign-in/set-up";
  return next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`;
}

/**
 * The signed-in person, or a redirect: to sign in, or to the second step of signing in when only the password has been
 * given (every page asks for it, however it is reached), coming back here afterwards.
 */
export async function requireUser(
  request: Request,
  context: AppLoadContext,
  opts: { allowPasswordChange?: boolean } = {},
): Promise<SignedIn> {
  const signedIn = await authenticate(context.services, request.headers, { halfSignedIn: true });
  const url = new URL(request.url);
  const next = `${url.pathname}${url.search}`;
  if (!signedIn) throw redirect(next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
  if (!signedIn.session.signedInFully) throw redirect(secondStepPath(signedIn.user, next));
  if (signedIn.user.mustChangePassword && !opts.allowPasswordChange) throw redirect("/account/password");
  return signedIn;
}

/** Only paths on this site are followed after sign-in, never another site, however the address is disguised. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(next)) return "/";
  const base = "http://portal.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}`;
}

/** What an attempt to prove who someone is needs to know of the request and the portal (server/auth/sign-in.ts). */
export function attemptContext(context: AppLoadContext): AttemptContext {
  const { services } = context;
  return {
    ip: context.clientIp,
    userAgent: context.userAgent,
    now: services.clock(),
    sessions: services.sessionSettings,
    throttle: services.throttleSettings,
    refusals: services.refusals,
    events: services.events,
  };
}

/** The same for a second-factor attempt in this session (server/auth/second-factor.ts). */
export function proofContext(context: AppLoadContext, signedIn: SignedIn): ProofContext {
  return { ...attemptContext(context), sessionId: signedIn.session.id, user: { id: signedIn.user.id, agencyId: signedIn.user.agencyId } };
}

/** The site passkeys are made for and used on: PUBLIC_ORIGIN, or the origin this request was addressed to. */
export function passkeySite(request: Request, context: AppLoadContext): RelyingParty {
  return relyingParty(context.services.config, request.url);
}

/** A refused code, in the words the second step's pages show. */
export function proofRefusal(result: { reason: "invalid" } | { reason: "throttled"; retryAfterMinutes: number }, wrong: string): string {
  if (result.reason === "invalid") return wrong;
  const minutes = result.retryAfterMinutes;
  return `Too many wrong codes. Wait ${minutes} ${minutes === 1 ? "minute" : "minutes"}, then try again.`;
}

/**
 * Before the most sensitive actions (signing off, sharing a restricted record, granting a role, exporting): the person
 * must have given their second factor (or, with none, their password) within the last 15 minutes, or is sent to do so,
 * coming back to this page (an action's form is then sent again by them, knowingly).
 */
export function requireRecentConfirmation(request: Request, context: AppLoadContext, signedIn: SignedIn): void {
  if (!confirmationAsked(context, signedIn)) return;
  throw redirect(`/account/confirm?next=${encodeURIComponent(pageOf(request))}`);
}

/**
 * What the person would give to prove it is them before one of the most sensitive actions, when their last proof is
 * over 15 minutes old: a code from their app, or (with no app: an exempt agency, or a provider's second factor) their
 * password. Null when none is needed now.
 */
export function confirmationAsked(context: AppLoadContext, signedIn: SignedIn): ConfirmingProof | null {
  const age = context.services.clock().getTime() - signedIn.session.confirmedAt.getTime();
  if (age <= CONFIRMATION_MINUTES * 60_000) return null;
  return confirmingProof(context, signedIn);
}

/**
 * How a person proves it is them again: their app; with none, a passkey (decision 058); with neither, their agency's
 * sign-in if it vouches for a second factor (decision 057); a password only where their agency is exempt.
 */
export type ConfirmingProof = "authenticator" | "passkey" | "password" | "provider";

export function confirmingProof(context: AppLoadContext, signedIn: SignedIn): ConfirmingProof {
  if (signedIn.user.hasAuthenticator) return "authenticator";
  if (signedIn.user.hasPasskey) return "passkey";
  if (!signedIn.user.secondFactorExempt && context.services.singleSignOn.provider(signedIn.user.agencyId)?.trustMfa) return "provider";
  return "password";
}

/**
 * For a form that holds one of the most sensitive actions together with words the person typed for it (a reason): the
 * proof is given in the form itself (`confirmCode`, the box <ConfirmInForm> shows when asked), so nothing typed is
 * lost to a trip to the confirm page. Null when confirmed (within 15 minutes, or by the code just given); otherwise what
 * to say beside the box, with nothing done.
 */
export async function confirmInForm(request: Request, context: AppLoadContext, signedIn: SignedIn, form: FormData): Promise<string | null> {
  const proof = confirmationAsked(context, signedIn);
  if (!proof) return null;
  // A passkey (a ceremony of its own) or their agency's sign-in (another site): not inside this form.
  if (proof === "provider" || proof === "passkey") requireRecentConfirmation(request, context, signedIn);
  const given = form.get("confirmCode");
  const parsed = proof === "password" ? confirmPasswordSchema.safeParse({ password: given ?? "" }) : authenticatorCodeSchema.safeParse({ code: given ?? "" });
  if (!parsed.success) return parsed.error.issues[0].message;
  const value = "password" in parsed.data ? parsed.data.password : parsed.data.code;
  const result = await confirmIdentity(context.services.sql, proofContext(context, signedIn), proof as "authenticator" | "password", value);
  if (result.ok) return null;
  return proofRefusal(result, proof === "password" ? "That password is not right" : "That code is not right, or has been used. Wait for a new code and try again.");
}

/** The page a request came from: its own address for a page, the sending page (same site only) for a form. */
function pageOf(request: Request): string {
  const url = new URL(request.url);
  if (request.method !== "GET") {
    try {
      const from = new URL(request.headers.get("referer") ?? "");
      if (from.origin === url.origin) return safeNextPath(`${from.pathname}${from.search}`);
    } catch {
      // no sending page: this one
    }
  }
  return `${url.pathname}${url.search}`;
}
