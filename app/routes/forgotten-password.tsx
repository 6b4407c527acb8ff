// "Forgotten your password?": a reset link by email. The same answer whether or not the address has an account.
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "../../server/auth/forgotten-password";
import { RESET_HOURS } from "../../server/mail/account-mail";
import { linkOrigin } from "../../server/mail/link-origin";
import { ErrorSummary, SignInEmailInput } from "../components/forms";
import { BackLink, Column, LinkParagraph, PageHeading, SubmitButton } from "../components/page";
import { forgottenPasswordSchema } from "../../common/forms/account-links";
import { parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { pageTitle } from "../components/page-title";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Forgotten your password?") }];

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgottenPasswordSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors as FieldErrors, values: parsed.values, sentTo: null }, { status: 400 });
  const { email } = parsed.data;
  const origin = linkOrigin(context.services, request.url);
  if (!origin)
    return data(
      { errors: { form: "The portal cannot send reset links until whoever runs it sets its web address. Ask your agency's administrator to send you one." } as FieldErrors, values: { email }, sentTo: null },
      { status: 503 },
    );
  const { services } = context;
  const result = await requestPasswordReset({ sql: services.sql, mailer: services.mailer, now: services.clock() }, { email, ip: context.clientIp, origin });
  const target = `email:${email.toLowerCase().slice(0, 320)}`;
  if (!result.ok) {
    await audit(context, null, { action: "request:password-reset", outcome: "denied", target, details: { reason: "throttled" } });
    const minutes = result.retryAfterMinutes;
    return data(
      { errors: { email: `Too many reset links have been asked for. Wait ${minutes} ${minutes === 1 ? "minute" : "minutes"}, then try again.` } as FieldErrors, values: { email }, sentTo: null },
      { status: 429 },
    );
  }
  await audit(context, null, {
    action: "request:password-reset",
    outcome: result.sentTo ? "success" : "failure",
    target: result.sentTo ? `user:${result.sentTo}` : target,
    details: result.sentTo ? {} : { reason: "no active account" },
  });
  return { errors: undefined, values: { email }, sentTo: email };
}

export default function ForgottenPassword() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  if (actionData?.sentTo)
    return (
      <Column width="two-thirds">
        <PageHeading>Check your email</PageHeading>
        <p className="govuk-body">
          If <strong>{actionData.sentTo}</strong> is the address of an account on the portal, we have sent a link to it. The link
          works once, for {RESET_HOURS} hour. Your password has not changed.
        </p>
        <p className="govuk-body">If nothing arrives within a few minutes, ask your agency's administrator.</p>
        <LinkParagraph to="/sign-in">Back to sign in</LinkParagraph>
      </Column>
    );
  return (
    <Column width="two-thirds">
      <BackLink to="/sign-in">Back to sign in</BackLink>
      <ErrorSummary errors={errors} order={["form", "email"]} />
      <PageHeading>Forgotten your password?</PageHeading>
      <p className="govuk-body">Enter your work email address. We will send a link to choose a new password.</p>
      <Form method="post" noValidate>
        <SignInEmailInput error={errors?.email} defaultValue={actionData?.values?.email} />
        <SubmitButton>Send me a link</SubmitButton>
      </Form>
    </Column>
  );
}
