import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { roleNames } from "../../server/access/policy";
import { getAgencyPerson, listAgencyPeople } from "../../server/people/agency-people";
import { resetPassword } from "../../server/people/reset-password";
import { setPersonActive } from "../../server/people/set-person-active";
import { ProblemSummary, SuccessBanner } from "../components/banners";
import { pageTitle } from "../utils/meta";
import { audit, requireAgencyAdministrator } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("People") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAgencyAdministrator(request, context);
  const people = await listAgencyPeople(context.services.sql, user.agencyId, context.services.clock());
  return {
    agencyName: user.agencyName,
    people: people.map((person) => ({ ...person, roleName: roleNames[person.role], isYou: person.id === user.id })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  const form = await request.formData();
  const intent = form.get("intent");
  const userId = Number(form.get("userId"));
  const person = await getAgencyPerson(context.services.sql, signedIn.user.agencyId, userId);
  if (!person || (intent !== "deactivate" && intent !== "reactivate" && intent !== "reset-password"))
    return data({ error: "That person could not be found in your agency.", message: null, temporaryPassword: null }, { status: 400 });
  if (person.id === signedIn.user.id)
    return data(
      { error: "You cannot change your own account here. Ask another administrator in your agency.", message: null, temporaryPassword: null },
      { status: 400 },
    );
  if (intent === "reset-password") {
    const reset = await resetPassword(context.services.sql, { userId: person.id, agencyId: signedIn.user.agencyId });
    if (!reset)
      return data({ error: "Reactivate the person before resetting their password.", message: null, temporaryPassword: null }, { status: 400 });
    await audit(context, signedIn, { action: "reset-password:person", outcome: "success", target: `user:${person.id}` });
    return {
      error: null,
      message: `${person.fullName}'s password has been reset and they have been signed out. Give them this one-time password in person or by phone:`,
      temporaryPassword: reset.temporaryPassword,
    };
  }
  const active = intent === "reactivate";
  const result = await setPersonActive(context.services.sql, {
    userId: person.id,
    agencyId: signedIn.user.agencyId,
    active,
    by: signedIn.user.id,
    now: context.services.clock(),
  });
  await audit(context, signedIn, {
    action: active ? "reactivate:person" : "deactivate:person",
    outcome: "success",
    target: `user:${person.id}`,
    details: { sessionsEnded: result.sessionsEnded },
  });
  return {
    error: null,
    temporaryPassword: null,
    message: active
      ? `${person.fullName} can sign in again`
      : `${person.fullName} has been deactivated and signed out everywhere`,
  };
}

export default function People() {
  const { agencyName, people } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      {result?.error ? (
        <ProblemSummary message={result.error} />
      ) : result?.message ? (
        <SuccessBanner id="people-result" heading={result.message}>
          {result.temporaryPassword ? (
            <p className="govuk-body govuk-!-font-size-27 govuk-!-font-weight-bold" data-testid="temporary-password">
              {result.temporaryPassword}
            </p>
          ) : null}
        </SuccessBanner>
      ) : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{agencyName}</span>
        People
      </h1>
      <p className="govuk-body">
        <Link to="/people/new" className="govuk-button">
          Add a person
        </Link>
      </p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">People in {agencyName}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Email</th>
            <th scope="col" className="govuk-table__header">Role</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {people.map((person) => (
            <tr className="govuk-table__row" key={person.id}>
              <td className="govuk-table__cell">
                {person.fullName}
                {person.jobTitle ? <div className="govuk-hint govuk-!-margin-0">{person.jobTitle}</div> : null}
              </td>
              <td className="govuk-table__cell">{person.email}</td>
              <td className="govuk-table__cell">{person.roleName}</td>
              <td className="govuk-table__cell">
                {person.active ? (
                  <strong className="govuk-tag govuk-tag--green">Active</strong>
                ) : (
                  <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>
                )}
              </td>
              <td className="govuk-table__cell">
                {person.isYou ? (
                  "You"
                ) : (
                  <Form method="post">
                    <input type="hidden" name="userId" value={person.id} />
                    {person.active ? (
                      <div className="govuk-button-group govuk-!-margin-bottom-0">
                        <button type="submit" name="intent" value="reset-password" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                          Reset password<span className="govuk-visually-hidden"> for {person.fullName}</span>
                        </button>
                        <button type="submit" name="intent" value="deactivate" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                          Deactivate<span className="govuk-visually-hidden"> {person.fullName}</span>
                        </button>
                      </div>
                    ) : (
                      <button type="submit" name="intent" value="reactivate" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                        Reactivate<span className="govuk-visually-hidden"> {person.fullName}</span>
                      </button>
                    )}
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
