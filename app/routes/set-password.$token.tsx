// A sign-in link from an invitation or reset email. Opening it (GET) only shows the form, since mail scanners open
// links before people do; choosing a password (POST) uses the link up and signs the person in.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { checkAccountLink, setPasswordWithLink, type LinkState } from "../../server/auth/account-links";
import { readDeviceToken } from "../../server/auth/devices";
import { signInCookies } from "../../server/auth/session-cookie";
import { INVITATION_HOURS, RESET_HOURS } from "../../server/mail/account-mail";
import { ErrorSummary, TextInput } from "../components/forms";
import { Column, LinkParagraph, PageHeading, SubmitButton } from "../components/page";
import { choosePasswordSchema } from "../../common/forms/account-links";
import { parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { pageTitle } from "../components/page-title";
import { audit } from "../utils/permissions.server";

type Shown = { state: "valid"; purpose: "invitation" | "reset"; fullName: string; email: string } | { state: Exclude<LinkState["state"], "valid"> };

const statusOf = (state: LinkState["state"]) => (state === "unknown" ? 404 : 410);

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded?.state === "valid" ? "Choose your password" : "This link cannot be used") },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const link = await checkAccountLink(context.services.sql, params.token ?? "", context.services.clock());
  if (link.state !== "valid") return data<Shown>({ state: link.state }, { status: statusOf(link.state) });
  return data<Shown>({ state: "valid", purpose: link.purpose, fullName: link.fullName, email: link.email });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(choosePasswordSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors as FieldErrors, state: null }, { status: 400 });
  const { services } = context;
  const result = await setPasswordWithLink(
    { sql: services.sql, mailer: services.mailer },
    {
      token: params.token ?? "",
      newPassword: parsed.data.newPassword,
      now: services.clock(),
      ip: context.clientIp,
      userAgent: context.userAgent,
      sessions: services.sessionSettings,
      deviceToken: readDeviceToken(services.config, request.headers.get("cookie")),
    },
  );
  if (!result.ok) {
    await audit(context, null, { action: "set-password:link", outcome: "failure", details: { reason: result.state } });
    return data({ errors: undefined, state: result.state }, { status: statusOf(result.state) });
  }
  if (result.sessionsEnded > 0) await services.events.endAccess({ kind: "sessions-ended", userId: result.userId });
  await audit(
    context,
    null,
    { action: "set-password:link", outcome: "success", target: `user:${result.userId}`, details: { purpose: result.purpose, sessionsEnded: result.sessionsEnded } },
  );
  return redirect("/", { headers: signInCookies(services, result) });
}

const whatToDo = (
  <p className="govuk-body">
    Ask for a new link with <Link to="/forgotten-password" className="govuk-link">Forgotten your password?</Link>, or ask
    your agency's administrator to send you one.
  </p>
);

const invalidPages: Record<Exclude<LinkState["state"], "valid">, { heading: string; body: string }> = {
  used: {
    heading: "This link has already been used",
    body: "Each link works once. If you chose your password with it, sign in with that password. If you did not, tell your agency's administrator at once.",
  },
  expired: {
    heading: "This link has expired",
    body: `Invitation links work for ${INVITATION_HOURS} hours and reset links for ${RESET_HOURS} hour, to keep your account safe.`,
  },
  superseded: {
    heading: "This link has been replaced",
    body: "A newer link has been sent to you, or your account has changed since this one was sent. Use the newest email you have.",
  },
  unknown: {
    heading: "This link is not right",
    body: "Check that you copied the whole link from the email. Links work once, and only for a short time.",
  },
};

export default function SetPassword() {
  const link = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors | undefined = actionData?.errors;
  const state = actionData?.state ?? link.state;
  if (state !== "valid" || link.state !== "valid") {
    const page = invalidPages[state === "valid" ? "used" : state];
    return (
      <Column width="two-thirds">
        <PageHeading>{page.heading}</PageHeading>
        <p className="govuk-body">{page.body}</p>
        {whatToDo}
        <LinkParagraph to="/sign-in">Sign in</LinkParagraph>
      </Column>
    );
  }
  return (
    <Column width="two-thirds">
      <ErrorSummary errors={errors} order={["newPassword", "confirmPassword"]} />
      <PageHeading>{link.purpose === "invitation" ? "Choose your password" : "Choose a new password"}</PageHeading>
      <p className="govuk-body">
        {link.purpose === "invitation" ? `Welcome, ${link.fullName}. ` : ""}You sign in as <strong>{link.email}</strong>. Only you
        will know this password.
      </p>
      <Form method="post" noValidate>
        <input type="text" name="username" value={link.email} autoComplete="username" readOnly hidden />
        <TextInput
          name="newPassword"
          label="New password"
          hint="12 characters or more. A few unrelated words make a strong password."
          type="password"
          autoComplete="new-password"
          error={errors?.newPassword}
        />
        <TextInput name="confirmPassword" label="Confirm new password" type="password" autoComplete="new-password" error={errors?.confirmPassword} />
        <SubmitButton>Save password and sign in</SubmitButton>
      </Form>
    </Column>
  );
}
