import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { roleNames, roles } from "../../server/access/policy";
import { INVITATION_HOURS } from "../../server/mail/account-mail";
import { linkOrigin, NO_LINK_ORIGIN } from "../../server/mail/link-origin";
import { addPerson, needsApproval, roleProblem } from "../../server/people/add-person";
import { answersOf, ErrorSummary, Radios, TextInput } from "../components/forms";
import { BackLink, Column, ConfirmationPanel, LinkParagraph, PageHeading, SubmitButton, WarningText } from "../components/page";
import { parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { personSchema } from "../../common/forms/person";
import { pageTitle } from "../components/page-title";
import { requireRecentConfirmation } from "../utils/auth.server";
import { audit, requireAgencyAdministrator } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Add a person") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  // Asked before the form is filled in, so that what the administrator types is not lost to the question after.
  requireRecentConfirmation(request, context, signedIn);
  const { user } = signedIn;
  return {
    agencyName: user.agencyName,
    roleOptions: roles
      .filter((role) => !roleProblem(role, user.agencyKind))
      .map((role) => ({
        value: role,
        label: roleNames[role],
        hint: needsApproval(role) ? "Another administrator in your agency must approve this role" : undefined,
      })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  const parsed = parseForm(personSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, added: null }, { status: 400 });
  // Adding a person grants them a role: one of the most sensitive actions (decision 056).
  requireRecentConfirmation(request, context, signedIn);
  const origin = linkOrigin(context.services, request.url);
  if (!origin) return data({ errors: { form: NO_LINK_ORIGIN } as FieldErrors, values: { ...parsed.data }, added: null }, { status: 400 });
  const { services } = context;
  const result = await addPerson(
    { sql: services.sql, mailer: services.mailer, now: services.clock() },
    { agencyId: signedIn.user.agencyId, agencyKind: signedIn.user.agencyKind, person: parsed.data, addedBy: signedIn.user.id, origin },
  );
  if (!result.ok) {
    await audit(context, signedIn, { action: "add:person", outcome: "failure", details: { reason: result.message, role: parsed.data.role } });
    return data({ errors: { [result.field]: result.message } as FieldErrors, values: { ...parsed.data }, added: null }, { status: 400 });
  }
  const { fullName, email, role } = parsed.data;
  if (result.outcome === "awaiting-approval")
    await audit(context, signedIn, { action: "request:role", outcome: "success", target: `role-request:${result.requestId}`, details: { role, email } });
  else
    await audit(context, signedIn, {
      action: "add:person",
      outcome: "success",
      target: `user:${result.userId}`,
      details: { role, invitationSent: result.emailSent },
    });
  return {
    errors: undefined,
    values: {},
    added: { fullName, email, roleName: roleNames[role], outcome: result.outcome, emailSent: result.outcome === "invited" && result.emailSent },
  };
}

export default function AddPerson() {
  const { agencyName, roleOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, field } = answersOf(actionData);
  if (actionData?.added) {
    const { added } = actionData;
    return (
      <Column width="two-thirds">
        {added.outcome === "awaiting-approval" ? (
          <>
            <ConfirmationPanel title="Waiting for a second administrator">
              {added.fullName} as {added.roleName}
            </ConfirmationPanel>
            <p className="govuk-body">
              A {added.roleName.toLowerCase()} can read children's records beyond their own cases, or manage people, so another
              administrator in your agency must approve this. {added.fullName} is invited by email at {added.email} once they
              have. They are listed under "Waiting for approval" on the People page.
            </p>
          </>
        ) : (
          <>
            <ConfirmationPanel title={`${added.fullName} has been added`}>They sign in as {added.email}</ConfirmationPanel>
            {added.emailSent ? (
              <p className="govuk-body">
                We have sent an invitation to {added.email}. They choose their own password from the link in it, which works
                once, for {INVITATION_HOURS} hours. Nobody else ever sees it.
              </p>
            ) : (
              <WarningText>The invitation email could not be sent. Send a new link from the People page.</WarningText>
            )}
          </>
        )}
        <LinkParagraph to="/people">Back to people</LinkParagraph>
      </Column>
    );
  }
  return (
    <Column width="two-thirds">
      <BackLink to="/people">Back to people</BackLink>
      <ErrorSummary errors={errors} order={["form", "fullName", "email", "jobTitle", "role"]} />
      <PageHeading caption={agencyName}>Add a person</PageHeading>
      <p className="govuk-body">They receive an email with a link to choose their own password.</p>
      <Form method="post" noValidate>
        <TextInput {...field("fullName")} label="Full name" autoComplete="off" />
        <TextInput {...field("email")} label="Work email address" hint="At your agency's own email domain" type="email" spellCheck={false} autoComplete="off" />
        <TextInput {...field("jobTitle")} label="Job title (optional)" />
        <Radios {...field("role")} legend="Role in the portal" options={roleOptions} />
        <SubmitButton>Add person</SubmitButton>
      </Form>
    </Column>
  );
}
