// The second step of signing in: a code from the person's authenticator app, or (with `?with=recovery-code`) one of
// their recovery codes. Only someone who has just given their password reaches it.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { giveSecondFactor } from "../../server/auth/second-factor";
import { sessionCookie } from "../../server/auth/session-cookie";
import { ErrorSummary } from "../components/forms";
import { Column, LinkParagraph, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SecondFactorInput, SignOutInstead } from "../components/second-factor";
import { parseForm } from "../../common/forms/form-errors";
import { authenticatorCodeSchema, recoveryCodeSchema } from "../../common/forms/second-factor";
import { getHalfSignedIn, getSignedIn, proofContext, proofRefusal, safeNextPath } from "../utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.recovery ? "Use a recovery code" : "Enter the code from your authenticator app") },
];

/** The person half signed in with an authenticator app to give a code from, or a redirect to where they belong. */
async function halfSignedInWithApp(request: Request, context: LoaderFunctionArgs["context"]) {
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"));
  const signedIn = await getHalfSignedIn(request, context);
  if (!signedIn) throw redirect((await getSignedIn(request, context)) ? next : "/sign-in");
  if (!signedIn.user.hasAuthenticator) throw redirect(`/sign-in/set-up${url.search}`);
  return { signedIn, next, recovery: url.searchParams.get("with") === "recovery-code", search: url.search };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { next, recovery } = await halfSignedInWithApp(request, context);
  const other = new URLSearchParams(next === "/" ? {} : { next });
  if (!recovery) other.set("with", "recovery-code");
  return { recovery, otherWay: `/sign-in/code${other.size ? `?${other}` : ""}` };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { signedIn, next, recovery } = await halfSignedInWithApp(request, context);
  const form = await request.formData();
  const parsed = recovery ? parseForm(recoveryCodeSchema, form) : parseForm(authenticatorCodeSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  const given = "recoveryCode" in parsed.data ? parsed.data.recoveryCode : parsed.data.code;
  const result = await giveSecondFactor(context.services.sql, proofContext(context, signedIn), recovery ? "recovery-code" : "authenticator", given);
  if (!result.ok) {
    const field = recovery ? "recoveryCode" : "code";
    const wrong = recovery
      ? "That recovery code is not right, or has been used. Check it and try again."
      : "That code is not right, or has been used. Wait for a new code and try again.";
    return data({ errors: { [field]: proofRefusal(result, wrong) } }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  return redirect(next, { headers: { "Set-Cookie": sessionCookie(context.services, result.value.token, result.value.expiresAt) } });
}

export default function SecondStep() {
  const { recovery, otherWay } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors as Record<string, string> | undefined;
  return (
    <Column width="two-thirds">
      <ErrorSummary errors={errors} order={["code", "recoveryCode"]} />
      <PageHeading>{recovery ? "Use a recovery code" : "Enter the code from your authenticator app"}</PageHeading>
      <Form method="post" noValidate>
        <SecondFactorInput recovery={recovery} errors={errors} />
        <SubmitButton>Continue</SubmitButton>
      </Form>
      <LinkParagraph to={otherWay}>{recovery ? "Use your authenticator app instead" : "I cannot use my authenticator app"}</LinkParagraph>
      <p className="govuk-body">
        If you have lost your app and your recovery codes, ask your agency&apos;s administrator to reset your second
        factor.
      </p>
      <SignOutInstead />
    </Column>
  );
}
