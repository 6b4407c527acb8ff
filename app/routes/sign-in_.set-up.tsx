// Setting up an authenticator app, at the first sign-in (or after an administrator reset someone's second factor):
// the key as a QR code and as text, then the app's first code to confirm it. Every page sends a person here until
// they have done it (requireUser), however they try to go elsewhere.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { beginAuthenticatorSetUp, displayKey, keyUri } from "../../server/auth/authenticator";
import { setUpAuthenticator } from "../../server/auth/second-factor";
import { noticeMessage, sendNotice } from "../../server/mail/account-mail";
import { sessionCookie } from "../../server/auth/session-cookie";
import { ErrorSummary } from "../components/forms";
import { Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SecondFactorInput, SignOutInstead } from "../components/second-factor";
import { parseForm } from "../../common/forms/form-errors";
import { authenticatorCodeSchema } from "../../common/forms/second-factor";
import { getHalfSignedIn, getSignedIn, proofContext, proofRefusal, safeNextPath } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Set up an authenticator app") }];

async function halfSignedInWithoutApp(request: Request, context: LoaderFunctionArgs["context"]) {
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"));
  const signedIn = await getHalfSignedIn(request, context);
  if (!signedIn) throw redirect((await getSignedIn(request, context)) ? next : "/sign-in");
  if (signedIn.user.hasAuthenticator || signedIn.user.hasPasskey) throw redirect(`/sign-in/code${url.search}`);
  return { signedIn, next };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { signedIn } = await halfSignedInWithoutApp(request, context);
  const { secret } = await beginAuthenticatorSetUp(context.services.sql, { userId: signedIn.user.id, sessionId: signedIn.session.id, now: context.services.clock() });
  // Drawn here from the portal's own address: no script, nothing fetched.
  const qr = await QRCode.toString(keyUri(secret, signedIn.user.email), { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { qr, key: displayKey(secret), email: signedIn.user.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { signedIn, next } = await halfSignedInWithoutApp(request, context);
  const parsed = parseForm(authenticatorCodeSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  const result = await setUpAuthenticator(context.services.sql, proofContext(context, signedIn), parsed.data.code);
  if (!result.ok) {
    const wrong = "That code is not right. Check the app shows the Partnership Portal, wait for a new code and try again.";
    return data({ errors: { code: proofRefusal(result, wrong) } }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  // Told by email, so that someone else with the password who set one up is noticed (sent without waiting).
  void sendNotice(context.services.mailer, noticeMessage(signedIn.user, { kind: "authenticator-set-up" }, context.services.clock()));
  const codes = `/account/recovery-codes${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`;
  return redirect(codes, { headers: { "Set-Cookie": sessionCookie(context.services, result.value.token, result.value.expiresAt) } });
}

export default function SetUpAuthenticator() {
  const { qr, key, email } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors as Record<string, string> | undefined;
  return (
    <Column width="two-thirds">
      <ErrorSummary errors={errors} order={["code"]} />
      <PageHeading>Set up an authenticator app</PageHeading>
      <p className="govuk-body">
        The portal holds information about children from every agency, so signing in takes two steps: your password,
        then a code from an app on your phone. Any authenticator app works, such as Microsoft Authenticator or Google
        Authenticator.
      </p>
      <h2 className="govuk-heading-m">1. Add the portal to your app</h2>
      <p className="govuk-body">In your app, choose to add an account, then scan this QR code.</p>
      <div className="app-qr-code" role="img" aria-label={`QR code to add ${email} to an authenticator app`} dangerouslySetInnerHTML={{ __html: qr }} />
      <p className="govuk-body">If you cannot scan it, enter this key instead:</p>
      <p className="govuk-body">
        <code className="app-authenticator-key" data-testid="authenticator-key">
          {key}
        </code>
      </p>
      <h2 className="govuk-heading-m">2. Enter the code it shows</h2>
      <Form method="post" noValidate>
        <SecondFactorInput recovery={false} errors={errors} />
        <SubmitButton>Continue</SubmitButton>
      </Form>
      <SignOutInstead />
    </Column>
  );
}
