import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { roleNames } from "../../server/access/policy";
import { linkOrigin, NO_LINK_ORIGIN } from "../../server/mail/link-origin";
import { getAgencyPerson, listAgencyPeople } from "../../server/people/agency-people";
import { sendNewLink } from "../../server/people/invitations";
import { resetPassword } from "../../server/people/reset-password";
import { resetSecondFactor } from "../../server/people/reset-second-factor";
import { decideRoleRequest, listPendingRoleRequests } from "../../server/people/role-requests";
import { setPersonActive } from "../../server/people/set-person-active";
import { ProblemSummary, SuccessBanner } from "../components/banners";
import { Hidden, PageHeading, RowButton } from "../components/page";
import { Cell, Row, Table } from "../components/table";
import { RoleRequests } from "../components/people/role-requests";
import { formatDateTime } from "../../common/format";
import { pageTitle } from "../components/page-title";
import { requireRecentConfirmation } from "../utils/auth.server";
import { audit, requireAgencyAdministrator } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("People") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAgencyAdministrator(request, context);
  const { sql, clock } = context.services;
  const [people, requests] = await Promise.all([listAgencyPeople(sql, user.agencyId, clock()), listPendingRoleRequests(sql, user.agencyId)]);
  return {
    agencyName: user.agencyName,
    people: people.map((person) => ({ ...person, roleName: roleNames[person.role], isYou: person.id === user.id })),
    requests: requests.map((request) => ({
      id: request.id,
      fullName: request.fullName,
      email: request.email,
      roleName: roleNames[request.role],
      requestedByName: request.requestedByName,
      requestedAt: formatDateTime(request.requestedAt),
      askedByYou: request.requestedBy === user.id,
    })),
  };
}

const refuse = (error: string) => data({ error, message: null }, { status: 400 });

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  const { services } = context;
  const agencyId = signedIn.user.agencyId;
  const form = await request.formData();
  const intent = form.get("intent");
  const deps = { sql: services.sql, mailer: services.mailer, now: services.clock() };
  const origin = linkOrigin(services, request.url);

  if (intent === "approve-role" || intent === "refuse-role") {
    const approve = intent === "approve-role";
    if (approve && !origin) return refuse(NO_LINK_ORIGIN);
    // Granting a role is one of the most sensitive actions (decision 056).
    if (approve) requireRecentConfirmation(request, context, signedIn);
    const requestId = Number(form.get("requestId"));
    const target = `role-request:${String(form.get("requestId") ?? "").slice(0, 20)}`;
    const result = await decideRoleRequest(deps, { requestId, agencyId, by: signedIn.user.id, approve, origin: origin ?? "" });
    if (!result.ok) {
      await audit(context, signedIn, { action: `${approve ? "approve" : "refuse"}:role`, outcome: result.reason === "own-request" ? "denied" : "failure", target, details: { reason: result.reason } });
      return refuse(result.message);
    }
    const { fullName, role } = result.request;
    if (result.outcome === "refused") {
      await audit(context, signedIn, { action: "refuse:role", outcome: "success", target, details: { role, email: result.request.email } });
      return { error: null, message: `${fullName} will not be ${roleNames[role].toLowerCase()}: the request was ${result.request.requestedBy === signedIn.user.id ? "withdrawn" : "refused"}` };
    }
    await audit(context, signedIn, { action: "approve:role", outcome: "success", target, details: { role, userId: result.userId, requestedBy: result.request.requestedBy } });
    await audit(context, signedIn, { action: "add:person", outcome: "success", target: `user:${result.userId}`, details: { role, invitationSent: result.emailSent } });
    return {
      error: null,
      message: result.emailSent
        ? `${fullName} is approved as ${roleNames[role].toLowerCase()}: an invitation has been sent to ${result.request.email}`
        : `${fullName} is approved, but the invitation email could not be sent. Send a new link below.`,
    };
  }

  const userId = Number(form.get("userId"));
  const person = await getAgencyPerson(services.sql, agencyId, userId);
  if (!person || (intent !== "reactivate" && intent !== "reset-password" && intent !== "send-link" && intent !== "reset-second-factor"))
    return refuse("That person could not be found in your agency.");
  if (person.id === signedIn.user.id) return refuse("You cannot change your own account here. Ask another administrator in your agency.");
  const target = `user:${person.id}`;

  if (intent === "reset-second-factor") {
    if (!origin) return refuse(NO_LINK_ORIGIN);
    // It ends the password too, and whoever sets up the new app must hold the person's email (decision 056).
    requireRecentConfirmation(request, context, signedIn);
    const reset = await resetSecondFactor(deps, { userId: person.id, agencyId, by: signedIn.user.id, origin });
    if (!reset) return refuse(`${person.fullName} has no second factor to reset.`);
    await services.events.endAccess({ kind: "sessions-ended", userId: person.id });
    // The partnership manager's share of people with an app has moved: open pages fetch it again.
    services.events.publish({ room: OVERSIGHT_ROOM, what: "oversight" });
    await audit(context, signedIn, { action: "reset-second-factor:person", outcome: "success", target, details: { emailSent: reset.emailSent, sessionsEnded: reset.sessionsEnded } });
    return {
      error: null,
      message: `${person.fullName}'s authenticator app, recovery codes and password no longer work, and they have been signed out. ${reset.emailSent ? `A link to choose a new password has been sent to ${reset.email}; they will then set up a new app` : `The email to ${reset.email} could not be sent. Try again with "Send a new link"`}.`,
    };
  }

  if (intent === "reset-password" || intent === "send-link") {
    if (!origin) return refuse(NO_LINK_ORIGIN);
    const reset =
      intent === "reset-password"
        ? await resetPassword(deps, { userId: person.id, agencyId, by: signedIn.user.id, origin })
        : await sendNewLink(deps, { userId: person.id, agencyId, by: signedIn.user.id, origin });
    if (!reset) return refuse(person.active ? "That person has already chosen a password: reset it instead." : "Reactivate the person first.");
    if ("sessionsEnded" in reset) await services.events.endAccess({ kind: "sessions-ended", userId: person.id });
    await audit(context, signedIn, {
      action: intent === "reset-password" ? "reset-password:person" : "send-link:person",
      outcome: "success",
      target,
      details: { emailSent: reset.emailSent, ...("sessionsEnded" in reset ? { sessionsEnded: reset.sessionsEnded } : { purpose: reset.purpose }) },
    });
    const what = intent === "reset-password" ? "A reset link" : "A new sign-in link";
    return {
      error: null,
      message: reset.emailSent
        ? `${what} has been sent to ${reset.email}${intent === "reset-password" ? `. ${person.fullName} has been signed out and their old password no longer works` : ""}`
        : `The email to ${reset.email} could not be sent. Try again with "Send a new link".`,
    };
  }

  // Reactivation sends a link to choose a new password (the old one ended with the deactivation).
  if (!origin) return refuse(NO_LINK_ORIGIN);
  const result = await setPersonActive(deps, { userId: person.id, agencyId, active: true, by: signedIn.user.id, origin });
  await audit(context, signedIn, { action: "reactivate:person", outcome: "success", target, details: { changed: result.changed, emailSent: result.emailSent } });
  if (!result.changed) return refuse(`${person.fullName} is already active.`);
  return {
    error: null,
    message: result.emailSent
      ? `${person.fullName} can sign in again once they have chosen a new password from the link we have emailed them`
      : `${person.fullName} has been reactivated, but the email with their link could not be sent. Send a new link below.`,
  };
}

/** What second factors a person has, as their administrator reads it. */
function secondFactorsOf(person: { hasAuthenticator: boolean; hasPasskey: boolean }): string {
  if (person.hasAuthenticator && person.hasPasskey) return "Authenticator app and passkey";
  if (person.hasAuthenticator) return "Authenticator app set up";
  return person.hasPasskey ? "Passkey added" : "No second factor yet";
}

export default function People() {
  const { agencyName, people, requests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      {result?.error ? (
        <ProblemSummary message={result.error} />
      ) : result?.message ? (
        <SuccessBanner id="people-result" heading={result.message} />
      ) : null}
      <PageHeading caption={agencyName}>People</PageHeading>
      <p className="govuk-body">
        <Link to="/people/new" className="govuk-button">
          Add a person
        </Link>
      </p>
      <p className="govuk-body">
        <Link to="/people/activity" className="govuk-link">
          See sign-in activity in your agency
        </Link>
      </p>
      <RoleRequests requests={requests} />
      <Table caption={`People in ${agencyName}`} captionSize="m" columns={["Name", "Email", "Role", "Status", { hidden: "Action" }]}>
        {people.map((person) => (
          <Row key={person.id}>
            <Cell>
              {person.fullName}
              {person.jobTitle ? <div className="govuk-hint govuk-!-margin-0">{person.jobTitle}</div> : null}
            </Cell>
            <Cell>{person.email}</Cell>
            <Cell>{person.roleName}</Cell>
            <Cell>
              {!person.active ? (
                <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>
              ) : person.hasPassword ? (
                <strong className="govuk-tag govuk-tag--green">Active</strong>
              ) : (
                <strong className="govuk-tag govuk-tag--yellow">No password yet</strong>
              )}
              {person.active ? (
                <div className="govuk-hint govuk-!-margin-0">{secondFactorsOf(person)}</div>
              ) : null}
            </Cell>
            <Cell>
              {person.isYou ? (
                "You"
              ) : (
                <Form method="post">
                  <input type="hidden" name="userId" value={person.id} />
                  {person.active ? (
                    <div className="govuk-button-group govuk-!-margin-bottom-0">
                      {person.hasAuthenticator || person.hasPasskey ? (
                        <RowButton intent="reset-second-factor" variant="secondary">
                          Reset second factor<Hidden> for {person.fullName}</Hidden>
                        </RowButton>
                      ) : null}
                      {person.hasPassword ? (
                        <RowButton intent="reset-password" variant="secondary">
                          Reset password<Hidden> for {person.fullName}</Hidden>
                        </RowButton>
                      ) : (
                        <RowButton intent="send-link" variant="secondary">
                          Send a new link<Hidden> to {person.fullName}</Hidden>
                        </RowButton>
                      )}
                      <Link to={`/people/${person.id}/deactivate`} className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                        Deactivate<Hidden> {person.fullName}</Hidden>
                      </Link>
                    </div>
                  ) : (
                    <RowButton intent="reactivate" variant="secondary">
                      Reactivate<Hidden> {person.fullName}</Hidden>
                    </RowButton>
                  )}
                </Form>
              )}
            </Cell>
          </Row>
        ))}
      </Table>
    </>
  );
}
