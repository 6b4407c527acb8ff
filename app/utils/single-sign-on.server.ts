// Setting off to an agency's provider from a page's own form (sign-in, or proving it is you again): where the browser
// goes next, or what to tell the person on the page they are on. Decision 057.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { beginSingleSignOn, SINGLE_SIGN_ON_MINUTES, type SingleSignOnPurpose } from "../../server/auth/single-sign-on/flow";
import { singleSignOnCookie } from "../../server/auth/session-cookie";
import { linkOrigin, NO_LINK_ORIGIN } from "../../server/mail/link-origin";

export const SINGLE_SIGN_ON_CALLBACK = "/sign-in/sso/callback";

/** Too many sign-ins set off from one address in a minute (services.signInStarts). */
export const TOO_MANY_STARTS = "Too many sign-ins have been started from your network in the last minute. Wait a minute, then try again.";

export const NOT_LISTED = "That agency does not sign its people in to the portal through its own service. Go back and sign in with your email address and password.";

/** The agencies a person may choose to sign in through, by name, in the order the deployment lists them. */
export async function singleSignOnChoices(context: AppLoadContext): Promise<{ agencyId: string; name: string }[]> {
  const { services } = context;
  const ids = services.singleSignOn.providers().map((provider) => provider.agencyId);
  if (ids.length === 0) return [];
  const names = new Map((await services.sql<{ id: string; name: string }[]>`select id, name from agencies where id = any(${ids}::text[])`).map((row) => [row.id, row.name]));
  return ids.filter((id) => names.has(id)).map((id) => ({ agencyId: id, name: names.get(id)! }));
}

/** Throws the redirect to the provider, or returns the message to show (the provider is not configured or not answering). */
export async function setOffToProvider(
  request: Request,
  context: AppLoadContext,
  opts: { agencyId: string; purpose: SingleSignOnPurpose; sessionId: string | null; next: string },
): Promise<string> {
  const { services } = context;
  const origin = linkOrigin(services, request.url);
  if (!origin) return NO_LINK_ORIGIN;
  if (!services.signInStarts.take(context.clientIp, services.clock()).write) return TOO_MANY_STARTS;
  const started = await beginSingleSignOn(services.sql, services.singleSignOn, {
    ...opts,
    redirectUri: `${origin}${SINGLE_SIGN_ON_CALLBACK}`,
    now: services.clock(),
  });
  if (!started.ok)
    return started.reason === "not configured"
      ? NOT_LISTED
      : "Your agency's sign-in service is not answering. Try again in a few minutes, or sign in with your email address and password.";
  throw redirect(started.url, { headers: { "Set-Cookie": singleSignOnCookie(services, started.state, SINGLE_SIGN_ON_MINUTES) } });
}
