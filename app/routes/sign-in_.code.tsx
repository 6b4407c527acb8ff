// The second step of signing in: a code from the person's authenticator app, or (with `?with=recovery-code`) one of
// their recovery codes, or one of their passkeys (decision 058; all they are offered if they have no app). Only
// someone who has just given their password reaches it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { beginPasskeyAuthentication } from "../../server/auth/passkeys";
import { giveSecondFactor, giveSecondFactorPasskey } from "../../server/auth/second-factor";
import { sessionCookie } from "../../server/auth/session-cookie";
import { ErrorSummary } from "../components/forms";
import { Column, LinkParagraph, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { UseAPasskey, type Ceremony } from "../components/passkeys";
import { SecondFactorInput, SignOutInstead } from "../components/second-factor";
import { parseForm } from "../../common/forms/form-errors";
import { passkeyRefusalMessages, UNREADABLE_ANSWER, usePasskeySchema } from "../../common/forms/passkeys";
import { authenticatorCodeSchema, recoveryCodeSchema } from "../../common/forms/second-factor";
import { getHalfSignedIn, getSignedIn, passkeySite, proofContext, proofRefusal, safeNextPath, type SignedIn } from "../utils/auth.server";

const headings = { code: "Enter the code from your authenticator app", recovery: "Use a recovery code", passkey: "Use your passkey" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(headings[data?.shown ?? "code"]) }];

/** The person half signed in with an authenticator app or a passkey to give, or a redirect to where they belong. */
async function halfSignedInWithApp(request: Request, context: LoaderFunctionArgs["context"]) {
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"));
  const signedIn = await getHalfSignedIn(request, context);
  if (!signedIn) throw redirect((await getSignedIn(request, context)) ? next : "/sign-in");
  if (!signedIn.user.hasAuthenticator && !signedIn.user.hasPasskey) throw redirect(`/sign-in/set-up${url.search}`);
  return { signedIn, next, recovery: url.searchParams.get("with") === "recovery-code", search: url.search };
}

/** What the page asks for: a code from the app, a recovery code, or (for someone with no app) their passkey. */
function shownOf(signedIn: SignedIn, recovery: boolean): keyof typeof headings {
  return recovery ? "recovery" : signedIn.user.hasAuthenticator ? "code" : "passkey";
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { signedIn, next, recovery } = await halfSignedInWithApp(request, context);
  const other = new URLSearchParams(next === "/" ? {} : { next });
  if (!recovery) other.set("with", "recovery-code");
  const shown = shownOf(signedIn, recovery);
  return { recovery, shown, hasPasskey: signedIn.user.hasPasskey, otherWay: shown === "passkey" ? null : `/sign-in/code${other.size ? `?${other}` : ""}` };
}

type ActionData = { errors?: Record<string, string>; ceremony?: Ceremony };

export async function action({ request, context }: ActionFunctionArgs) {
  const { signedIn, next, recovery } = await halfSignedInWithApp(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (signedIn.user.hasPasskey && intent === "passkey-begin") {
    const options = await beginPasskeyAuthentication(context.services.sql, {
      userId: signedIn.user.id,
      sessionId: signedIn.session.id,
      relyingParty: passkeySite(request, context),
      now: context.services.clock(),
    });
    return data<ActionData>({ ceremony: { kind: "authenticate", options } });
  }
  if (signedIn.user.hasPasskey && intent === "passkey") {
    const answer = parseForm(usePasskeySchema, form);
    if (!answer.success) return data<ActionData>({ errors: { credential: answer.errors.credential ?? UNREADABLE_ANSWER } }, { status: 400 });
    const given = await giveSecondFactorPasskey(context.services.sql, proofContext(context, signedIn), {
      response: answer.data.credential,
      relyingParty: passkeySite(request, context),
    });
    if (!given.ok) {
      const message = given.reason === "passkey" ? passkeyRefusalMessages[given.refusal] : proofRefusal(given, passkeyRefusalMessages.rejected);
      return data<ActionData>({ errors: { credential: message } }, { status: given.reason === "throttled" ? 429 : 400 });
    }
    return redirect(next, { headers: { "Set-Cookie": sessionCookie(context.services, given.value.token, given.value.expiresAt) } });
  }
  if (shownOf(signedIn, recovery) === "passkey") return data<ActionData>({ errors: { credential: "Use your passkey to continue" } }, { status: 400 });
  const parsed = recovery ? parseForm(recoveryCodeSchema, form) : parseForm(authenticatorCodeSchema, form);
  if (!parsed.success) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
  const given = "recoveryCode" in parsed.data ? parsed.data.recoveryCode : parsed.data.code;
  const result = await giveSecondFactor(context.services.sql, proofContext(context, signedIn), recovery ? "recovery-code" : "authenticator", given);
  if (!result.ok) {
    const field = recovery ? "recoveryCode" : "code";
    const wrong = recovery
      ? "That recovery code is not right, or has been used. Check it and try again."
      : "That code is not right, or has been used. Wait for a new code and try again.";
    return data<ActionData>({ errors: { [field]: proofRefusal(result, wrong) } }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return redirect(next, { headers: { "Set-Cookie": sessionCookie(context.services, result.value.token, result.value.expiresAt) } });
}

export default function SecondStep() {
  const { recovery, shown, hasPasskey, otherWay } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <Column width="two-thirds">
      <ErrorSummary errors={errors} order={["code", "recoveryCode", "credential"]} />
      <PageHeading>{headings[shown]}</PageHeading>
      {shown === "passkey" ? (
        <p className="govuk-body">Use the passkey you added to your account: your device asks for your fingerprint, face or PIN.</p>
      ) : (
        <Form method="post" noValidate>
          <SecondFactorInput recovery={recovery} errors={errors} />
          <SubmitButton>Continue</SubmitButton>
        </Form>
      )}
      <UseAPasskey hasPasskey={hasPasskey} only={shown === "passkey"} ceremony={result?.ceremony} />
      {otherWay ? <LinkParagraph to={otherWay}>{recovery ? "Use your authenticator app instead" : "I cannot use my authenticator app"}</LinkParagraph> : null}
      <p className="govuk-body">
        If you have lost your app and your recovery codes, ask your agency&apos;s administrator to reset your second
        factor.
      </p>
      <SignOutInstead />
    </Column>
  );
}
