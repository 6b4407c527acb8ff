import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getAgencyPerson } from "../../server/people/agency-people";
import { setPersonActive } from "../../server/people/set-person-active";
import { ErrorSummary, TextArea } from "../components/forms";
import { BackLink, Column, ConfirmationPanel, LinkParagraph, PageHeading, SubmitOrCancel } from "../components/page";
import { DEACTIVATION_REASON_MAX, deactivatePersonSchema } from "../../common/forms/account-links";
import { parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { pageTitle } from "../components/page-title";
import { audit, notFound, requireAgencyAdministrator } from "../utils/permissions.server";
import type { SignedIn } from "../utils/auth.server";
import type { AppLoadContext } from "@remix-run/node";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: pageTitle(loaded ? `Deactivate ${loaded.person.fullName}` : "Deactivate a person") },
];

/** A person of the administrator's own agency, other than themselves (and, to deactivate, active); else not found. */
async function personToDeactivate(context: AppLoadContext, signedIn: SignedIn, rawId: string | undefined, opts = { active: true }) {
  const userId = /^\d{1,15}$/.test(rawId ?? "") ? Number(rawId) : NaN;
  const person = await getAgencyPerson(context.services.sql, signedIn.user.agencyId, userId);
  if (!person || (opts.active && !person.active) || person.id === signedIn.user.id) throw notFound();
  return person;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  // Not only active people: the page is loaded again after it has deactivated someone.
  const person = await personToDeactivate(context, signedIn, params.userId, { active: false });
  return { person: { id: person.id, fullName: person.fullName, email: person.email, active: person.active } };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  const person = await personToDeactivate(context, signedIn, params.userId);
  const parsed = parseForm(deactivatePersonSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors as FieldErrors, values: parsed.values, done: null }, { status: 400 });
  const { services } = context;
  const result = await setPersonActive(
    { sql: services.sql, mailer: services.mailer, now: services.clock() },
    { userId: person.id, agencyId: signedIn.user.agencyId, active: false, by: signedIn.user.id, reason: parsed.data.reason },
  );
  await services.events.endAccess({ kind: "sessions-ended", userId: person.id });
  await audit(context, signedIn, {
    action: "deactivate:person",
    outcome: "success",
    target: `user:${person.id}`,
    details: { reason: parsed.data.reason, sessionsEnded: result.sessionsEnded },
  });
  return { errors: undefined, values: {}, done: { fullName: person.fullName } };
}

export default function DeactivatePerson() {
  const { person } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.done)
    return (
      <Column width="two-thirds">
        <ConfirmationPanel title={`${actionData.done.fullName} has been deactivated`}>They have been signed out everywhere, and told by email</ConfirmationPanel>
        <LinkParagraph to="/people">Back to people</LinkParagraph>
      </Column>
    );
  if (!person.active)
    return (
      <Column width="two-thirds">
        <PageHeading>{person.fullName} is already deactivated</PageHeading>
        <LinkParagraph to="/people">Back to people</LinkParagraph>
      </Column>
    );
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <Column width="two-thirds">
      <BackLink to="/people">Back to people</BackLink>
      <ErrorSummary errors={errors} order={["reason"]} />
      <PageHeading>Deactivate {person.fullName}?</PageHeading>
      <p className="govuk-body">
        {person.fullName} ({person.email}) will be signed out everywhere at once, and their password will stop working. If an
        administrator reactivates them, they choose a new password from a link we email them. They are told by email that
        their account has been deactivated and to ask an administrator in your agency why; your reason is not in the email.
      </p>
      <Form method="post" noValidate>
        <TextArea
          name="reason"
          label="Why are you deactivating them?"
          labelClassName="govuk-label--s"
          hint={`For example, "Left the agency on 30 November". Up to ${DEACTIVATION_REASON_MAX} characters. It is kept in the audit trail, not sent to them.`}
          error={errors?.reason}
          defaultValue={actionData?.values?.reason}
          rows={3}
        />
        <SubmitOrCancel variant="warning" cancelTo="/people">
          Deactivate {person.fullName}
        </SubmitOrCancel>
      </Form>
    </Column>
  );
}
