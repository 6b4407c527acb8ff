import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { beginPasskeyAuthentication } from "../../server/auth/passkeys";
import { signInWithPasskey } from "../../server/auth/passkey-sign-in";
import { signIn } from "../../server/auth/sign-in";
import { signInCookies } from "../../server/auth/session-cookie";
import { readDeviceToken } from "../../server/auth/devices";
import { SuccessBanner } from "../components/banners";
import { ErrorSummary, SignInEmailInput, TextInput } from "../components/forms";
import { Column, LinkParagraph, PageHeading, SubmitButton } from "../components/page";
import { parseForm } from "../../common/forms/form-errors";
import { passkeyRefusalMessages, UNREADABLE_ANSWER, usePasskeySchema } from "../../common/forms/passkeys";
import { signInSchema } from "../../common/forms/sign-in";
import { attemptContext, getSignedIn, passkeySite, safeNextPath, secondStepPath } from "../utils/auth.server";
import { PasskeyButton, PasskeyCeremony, type Ceremony } from "../components/passkeys";
import { pageTitle } from "../components/page-title";
import { singleSignOnChoices, TOO_MANY_STARTS } from "../utils/single-sign-on.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Sign in") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getSignedIn(request, context)) throw redirect(safeNextPath(url.searchParams.get("next")));
  const next = safeNextPath(url.searchParams.get("next"));
  const providers = (await singleSignOnChoices(context)).map(({ agencyId, name }) => ({
    name,
    href: `/sign-in/sso/${encodeURIComponent(agencyId)}${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`,
  }));
  return { signedOut: url.searchParams.get("signed-out") === "1", providers };
}

/** Signing in with a passkey alone (decision 058): a challenge for whoever holds one, then its answer. */
async function passkeyAction(request: Request, context: ActionFunctionArgs["context"], form: FormData) {
  const { services } = context;
  if (form.get("intent") === "passkey-begin") {
    // Each challenge is a row: limited per address, as trips to an agency's provider are.
    if (!services.signInStarts.take(context.clientIp, services.clock()).write)
      return data({ errors: { credential: TOO_MANY_STARTS }, values: undefined }, { status: 429 });
    const options = await beginPasskeyAuthentication(services.sql, { userId: null, sessionId: null, relyingParty: passkeySite(request, context), now: services.clock() });
    return data({ ceremony: { kind: "authenticate", options } as Ceremony, errors: undefined, values: undefined });
  }
  const parsed = parseForm(usePasskeySchema, form);
  if (!parsed.success) return data({ errors: { credential: parsed.errors.credential ?? UNREADABLE_ANSWER }, values: undefined }, { status: 400 });
  const result = await signInWithPasskey(services.sql, {
    ...attemptContext(context),
    response: parsed.data.credential,
    relyingParty: passkeySite(request, context),
    deviceToken: readDeviceToken(services.config, request.headers.get("cookie")),
    mailer: services.mailer,
  });
  if (!result.ok && result.reason === "throttled") {
    const minutes = result.retryAfterMinutes;
    return data({ errors: { credential: `Too many failed attempts to sign in. Wait ${minutes} ${minutes === 1 ? "minute" : "minutes"}, then try again.` }, values: undefined }, { status: 429 });
  }
  if (!result.ok) return data({ errors: { credential: passkeyRefusalMessages[result.refusal] }, values: undefined }, { status: 400 });
  return redirect(safeNextPath(new URL(request.url).searchParams.get("next")), { headers: signInCookies(services, result) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "passkey-begin" || form.get("intent") === "passkey") return passkeyAction(request, context, form);
  const parsed = parseForm(signInSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { services } = context;
  const result = await signIn(services.sql, {
    ...attemptContext(context),
    email: parsed.data.email,
    password: parsed.data.password,
    deviceToken: readDeviceToken(services.config, request.headers.get("cookie")),
    mailer: services.mailer,
  });
  const values = { email: parsed.data.email };
  if (!result.ok && result.reason === "throttled") {
    const minutes = result.retryAfterMinutes;
    return data(
      { errors: { email: `Too many failed attempts to sign in. Wait ${minutes} ${minutes === 1 ? "minute" : "minutes"}, then try again.` }, values },
      { status: 429 },
    );
  }
  if (!result.ok) return data({ errors: { email: "Enter a correct email address and password" }, values }, { status: 400 });
  const next = safeNextPath(new URL(request.url).searchParams.get("next"));
  const to = result.secondStep ? secondStepPath({ hasAuthenticator: result.secondStep === "code" }, next) : next;
  return redirect(to, { headers: signInCookies(services, result) });
}

export default function SignIn() {
  const { signedOut, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors as Record<string, string> | undefined;
  // After a failed attempt the password box starts empty again, as GOV.UK sign-in pages do.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => setAttempt((count) => count + 1), [actionData]);
  return (
    <Column width="two-thirds">
      {signedOut && !errors ? <SuccessBanner id="signed-out-title" heading="You have signed out" /> : null}
      <ErrorSummary errors={errors} order={["email", "password", "credential"]} />
      <PageHeading>Sign in to the Partnership Portal</PageHeading>
      <p className="govuk-body">Use your work email address and the password you chose from your invitation email.</p>
      <Form method="post" noValidate>
        <SignInEmailInput error={errors?.email} defaultValue={actionData?.values?.email} />
        <TextInput
          key={attempt}
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors?.password}
        />
        <SubmitButton disabled={navigation.state === "submitting"}>Sign in</SubmitButton>
      </Form>
      <LinkParagraph to="/forgotten-password">Forgotten your password?</LinkParagraph>
      {providers.length ? (
        <>
          <h2 className="govuk-heading-m">Sign in through your agency</h2>
          <p className="govuk-body">If your agency signs you in to its own systems, you can use the same account here.</p>
          {providers.map((provider) => (
            // A full page load: the browser goes on to the agency's own sign-in service.
            <a key={provider.href} href={provider.href} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Sign in through {provider.name}
            </a>
          ))}
        </>
      ) : null}
      <h2 className="govuk-heading-m">Or use a passkey</h2>
      <p className="govuk-body">If you have added a passkey to your account, it signs you in on its own.</p>
      <Form method="post" noValidate>
        <PasskeyButton intent="passkey-begin" secondary>
          Sign in with a passkey
        </PasskeyButton>
      </Form>
      <PasskeyCeremony ceremony={actionData && "ceremony" in actionData ? actionData.ceremony : null} fields={{ intent: "passkey" }} />
    </Column>
  );
}
