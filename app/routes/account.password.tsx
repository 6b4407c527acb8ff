import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changePassword } from "../../server/auth/change-password";
import { ErrorSummary, TextInput } from "../components/forms";
import { parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { changePasswordSchema } from "../../common/forms/password";
import { requireUser } from "../utils/auth.server";
import { pageTitle } from "../components/page-title";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Change your password") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context, { allowPasswordChange: true });
  return { mustChange: user.mustChangePassword };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context, { allowPasswordChange: true });
  const parsed = parseForm(changePasswordSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors as FieldErrors }, { status: 400 });
  const result = await changePassword(context.services.sql, {
    userId: signedIn.user.id,
    sessionId: signedIn.session.id,
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
    ip: context.clientIp,
    now: context.services.clock(),
    throttle: context.services.throttleSettings,
    mailer: context.services.mailer,
  });
  if (!result.ok) {
    await audit(context, signedIn, { action: "change-password", outcome: "failure", target: `user:${signedIn.user.id}` });
    return data({ errors: { [result.field]: result.message } as FieldErrors }, { status: 400 });
  }
  // Every other session was signed out with the old password; their open pages stop now.
  await context.services.events.endAccess({ kind: "sessions-ended", userId: signedIn.user.id, keepSessionId: signedIn.session.id });
  await audit(context, signedIn, { action: "change-password", outcome: "success", target: `user:${signedIn.user.id}` });
  return redirect("/");
}

export default function ChangePassword() {
  const { mustChange } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} order={["currentPassword", "newPassword", "confirmPassword"]} />
        <h1 className="govuk-heading-l">{mustChange ? "Choose your own password" : "Change your password"}</h1>
        {mustChange ? (
          <p className="govuk-body">You signed in with a one-time password. Choose your own before you carry on.</p>
        ) : null}
        <Form method="post" noValidate>
          <TextInput name="currentPassword" label={mustChange ? "One-time password" : "Current password"} type="password" autoComplete="current-password" error={errors?.currentPassword} />
          <TextInput name="newPassword" label="New password" hint="12 characters or more. A few unrelated words make a strong password." type="password" autoComplete="new-password" error={errors?.newPassword} />
          <TextInput name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors?.confirmPassword} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save password
          </button>
        </Form>
      </div>
    </div>
  );
}
