import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { signIn } from "../../server/auth/sign-in";
import { signInCookies } from "../../server/auth/session-cookie";
import { readDeviceToken } from "../../server/auth/devices";
import { SuccessBanner } from "../components/banners";
import { ErrorSummary, SignInEmailInput, TextInput } from "../components/forms";
import { Column, LinkParagraph, PageHeading, SubmitButton } from "../components/page";
import { parseForm } from "../../common/forms/form-errors";
import { signInSchema } from "../../common/forms/sign-in";
import { attemptContext, getSignedIn, safeNextPath, secondStepPath } from "../utils/auth.server";
import { pageTitle } from "../components/page-title";
import { singleSignOnChoices } from "../utils/single-sign-on.server";

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

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
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
  const errors = actionData?.errors;
  // After a failed attempt the password box starts empty again, as GOV.UK sign-in pages do.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => setAttempt((count) => count + 1), [actionData]);
  return (
    <Column width="two-thirds">
      {signedOut && !errors ? <SuccessBanner id="signed-out-title" heading="You have signed out" /> : null}
      <ErrorSummary errors={errors} order={["email", "password"]} />
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
          error={"password" in (errors ?? {}) ? (errors as Record<string, string>).password : undefined}
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
    </Column>
  );
}
