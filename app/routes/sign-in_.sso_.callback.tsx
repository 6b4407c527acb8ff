// Where an agency's sign-in service sends the browser back (the portal's redirect URI, decision 057). The answer is
// checked before anything is believed; a refusal says what the person can do next, and changes nothing.
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readDeviceToken } from "../../server/auth/devices";
import { clearedSingleSignOnCookie, readSingleSignOnState, signInCookies } from "../../server/auth/session-cookie";
import { answerFromProvider, type ProviderSignInResult } from "../../server/auth/single-sign-on/sign-in";
import { linkOrigin } from "../../server/mail/link-origin";
import { singleSignOnAnswerSchema } from "../../common/forms/single-sign-on";
import { ErrorSummary } from "../components/forms";
import { Column, LinkParagraph, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { attemptContext, secondStepPath } from "../utils/auth.server";
import { SINGLE_SIGN_ON_CALLBACK } from "../utils/single-sign-on.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Error: You have not been signed in") }];

type Refusal = (ProviderSignInResult & { ok: false })["reason"];

const ANSWER_NOT_TRUSTED =
  "The answer from your agency's sign-in service could not be trusted, so you have not been signed in. Try again. If it happens again, tell your agency's administrator.";

/** What the person is told, by why the answer was refused. */
const told: Record<Refusal, string> = {
  "wrong state": "Your sign-in was started in another browser or window, or has already been used. Sign in again from this browser.",
  "unknown or used state": "Your sign-in was started in another browser or window, or has already been used. Sign in again from this browser.",
  "took too long": "Your sign-in took more than 10 minutes, so it has stopped. Sign in again.",
  "refused by the provider": "Your agency's sign-in service did not sign you in. Try again, or sign in with your email address and password.",
  "provider unavailable": "Your agency's sign-in service is not answering. Try again in a few minutes, or sign in with your email address and password.",
  "wrong issuer": ANSWER_NOT_TRUSTED,
  "wrong audience": ANSWER_NOT_TRUSTED,
  "wrong nonce": ANSWER_NOT_TRUSTED,
  "expired token": ANSWER_NOT_TRUSTED,
  "untrusted token": ANSWER_NOT_TRUSTED,
  "not signed in again": "Your agency's sign-in service did not ask you to sign in again just now, so it cannot confirm it is you. Try again.",
  "no usable email": "Your agency's sign-in service did not give an email address the portal can use, so it cannot tell who you are. Tell your agency's administrator.",
  "email not verified": "Your agency's sign-in service has not confirmed your email address, so the portal cannot tell who you are. Tell your agency's administrator.",
  "email outside the agency's domains": "You signed in with an email address that is not one of your agency's. Sign in with your work account.",
  "unknown person": "You do not have an account on the Partnership Portal. Ask your agency's administrator to invite you.",
  deactivated: "Your account on the Partnership Portal has been deactivated. Ask your agency's administrator if you need it again.",
  "another person": "You signed in to your agency's service as someone else. To confirm it is you, sign in there as yourself.",
  "no second factor from the provider":
    "Your agency's sign-in service did not ask for a second factor, so it cannot confirm it is you. Use your authenticator app instead.",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const url = new URL(request.url);
  const origin = linkOrigin(services, request.url);
  const query = singleSignOnAnswerSchema.safeParse(Object.fromEntries(url.searchParams));
  const browserState = readSingleSignOnState(services, request.headers.get("cookie"));
  const result: ProviderSignInResult =
    !query.success || !origin
      ? { ok: false, agencyId: null, purpose: null, reason: "wrong state" }
      : await answerFromProvider(services.sql, services.singleSignOn, {
          ...attemptContext(context),
          callbackUrl: new URL(`${SINGLE_SIGN_ON_CALLBACK}${url.search}`, origin),
          browserState,
          deviceToken: readDeviceToken(services.config, request.headers.get("cookie")),
          mailer: services.mailer,
        });
  // The browser's trip is over, whatever the answer, unless the answer was not for this browser's trip at all.
  const headers = new Headers();
  if (result.ok || result.reason !== "wrong state") headers.append("Set-Cookie", clearedSingleSignOnCookie(services));
  if (!result.ok) {
    const confirming = result.purpose === "confirm";
    return data(
      { problem: told[result.reason], back: confirming ? "/account/confirm" : "/sign-in", confirming },
      { status: result.reason === "provider unavailable" ? 503 : 400, headers },
    );
  }
  if (result.purpose === "confirm") return redirect(result.next, { headers });
  const { signIn } = result;
  for (const cookie of signInCookies(services, signIn).getSetCookie()) headers.append("Set-Cookie", cookie);
  const to = signIn.secondStep ? secondStepPath({ hasAuthenticator: signIn.secondStep === "code" }, result.next) : result.next;
  return redirect(to, { headers });
}

export default function NotSignedIn() {
  const { problem, back, confirming } = useLoaderData<typeof loader>();
  return (
    <Column width="two-thirds">
      <ErrorSummary errors={{ form: problem }} />
      <PageHeading>{confirming ? "It has not been confirmed that it is you" : "You have not been signed in"}</PageHeading>
      <LinkParagraph to={back}>{confirming ? "Confirm it is you another way" : "Go to the sign-in page"}</LinkParagraph>
    </Column>
  );
}
