import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { roleNames, roles } from "../../server/access/policy";
import { addPerson, roleProblem } from "../../server/people/add-person";
import { ErrorSummary, Radios, TextInput } from "../components/forms";
import { parseForm, type FieldErrors } from "../forms/form-errors";
import { personSchema } from "../forms/person";
import { pageTitle } from "../utils/meta";
import { audit, requireAgencyAdministrator } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Add a person") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAgencyAdministrator(request, context);
  return {
    agencyName: user.agencyName,
    roleOptions: roles
      .filter((role) => !roleProblem(role, user.agencyKind))
      .map((role) => ({ value: role, label: roleNames[role] })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  const parsed = parseForm(personSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, added: null }, { status: 400 });
  const result = await addPerson(context.services.sql, {
    agencyId: signedIn.user.agencyId,
    agencyKind: signedIn.user.agencyKind,
    person: parsed.data,
    addedBy: signedIn.user.id,
  });
  if (!result.ok)
    return data({ errors: { [result.field]: result.message } as FieldErrors, values: formValuesOf(parsed.data), added: null }, { status: 400 });
  await audit(context, signedIn, { action: "add:person", outcome: "success", target: `user:${result.id}`, details: { role: parsed.data.role } });
  return {
    errors: undefined,
    values: {},
    added: { fullName: parsed.data.fullName, email: parsed.data.email, temporaryPassword: result.temporaryPassword },
  };
}

const formValuesOf = (person: Record<string, string>) => ({ ...person });

export default function AddPerson() {
  const { agencyName, roleOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors | undefined = actionData?.errors;
  const values: Record<string, string> = actionData?.values ?? {};
  if (actionData?.added) {
    const { added } = actionData;
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">{added.fullName} has been added</h1>
            <div className="govuk-panel__body">They sign in as {added.email}</div>
          </div>
          <h2 className="govuk-heading-m">Their one-time password</h2>
          <p className="govuk-body">
            Give them this password in person or by phone, not by email. It is shown only once. They must choose their own
            password when they first sign in.
          </p>
          <p className="govuk-body govuk-!-font-size-36 govuk-!-font-weight-bold" data-testid="temporary-password">
            {added.temporaryPassword}
          </p>
          <p className="govuk-body">
            <Link to="/people" className="govuk-link">
              Back to people
            </Link>
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/people" className="govuk-back-link">
          Back to people
        </Link>
        <ErrorSummary errors={errors} order={["fullName", "email", "jobTitle", "role"]} />
        <h1 className="govuk-heading-l">
          <span className="govuk-caption-l">{agencyName}</span>
          Add a person
        </h1>
        <Form method="post" noValidate>
          <TextInput name="fullName" label="Full name" error={errors?.fullName} defaultValue={values.fullName} autoComplete="off" />
          <TextInput
            name="email"
            label="Work email address"
            type="email"
            spellCheck={false}
            error={errors?.email}
            defaultValue={values.email}
            autoComplete="off"
          />
          <TextInput name="jobTitle" label="Job title (optional)" error={errors?.jobTitle} defaultValue={values.jobTitle} />
          <Radios name="role" legend="Role in the portal" error={errors?.role} defaultValue={values.role} options={roleOptions} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Add person
          </button>
        </Form>
      </div>
    </div>
  );
}
