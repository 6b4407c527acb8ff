import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { invalidateSession, invalidateUserSessions, listUserSessions } from "../../server/auth/sessions";
import { ProblemSummary, SuccessBanner } from "../components/banners";
import { Hidden, PageHeading, RowButton } from "../components/page";
import { Cell, Row, Table } from "../components/table";
import { requireUser } from "../utils/auth.server";
import { describeDevice, formatDateTime, signInMethodNames } from "../../common/format";
import { pageTitle } from "../components/page-title";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your sessions") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request, context);
  const { sql, clock, sessionSettings } = context.services;
  const sessions = await listUserSessions(sql, user.id, { now: clock(), settings: sessionSettings });
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === session.id,
      device: describeDevice(s.userAgent),
      method: signInMethodNames[s.method],
      ip: s.ip || "Unknown",
      signedIn: formatDateTime(s.createdAt),
      lastSeen: formatDateTime(s.lastSeenAt),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context, { allowPasswordChange: true });
  const { sql } = context.services;
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "sign-out-others") {
    const ended = await invalidateUserSessions(sql, signedIn.user.id, signedIn.session.id);
    await context.services.events.endAccess({ kind: "sessions-ended", userId: signedIn.user.id, keepSessionId: signedIn.session.id });
    await audit(context, signedIn, { action: "sign-out:other-sessions", outcome: "success", target: `user:${signedIn.user.id}`, details: { ended } });
    return { message: ended === 1 ? "1 other session was signed out" : `${ended} other sessions were signed out` };
  }
  const sessionId = String(form.get("sessionId") ?? "");
  if (intent === "sign-out-one" && sessionId !== signedIn.session.id) {
    // Only the person's own sessions: another person's session id changes nothing.
    const own = await listUserSessions(sql, signedIn.user.id, { now: context.services.clock(), settings: context.services.sessionSettings });
    if (own.some((s) => s.id === sessionId)) {
      await invalidateSession(sql, sessionId);
      await context.services.events.endAccess({ kind: "sessions-ended", userId: signedIn.user.id, sessionIds: [sessionId] });
      await audit(context, signedIn, { action: "sign-out:other-session", outcome: "success", target: `user:${signedIn.user.id}` });
      return { message: "The session was signed out" };
    }
  }
  return data({ message: null, error: "That session could not be found. It may have ended already." }, { status: 400 });
}

export default function YourSessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      {result && "error" in result ? (
        <ProblemSummary message={result.error} />
      ) : result?.message ? (
        <SuccessBanner id="sessions-result" heading={result.message} />
      ) : null}
      <PageHeading>Your sessions</PageHeading>
      <p className="govuk-body">
        These are the browsers signed in as you. If you do not recognise one, sign it out and tell your agency's
        administrator.
      </p>
      <p className="govuk-body">
        <Link to="/account/activity" className="govuk-link">
          See your sign-in activity
        </Link>
        , including failed attempts to sign in as you,{" "}
        <Link to="/account/recovery-codes" className="govuk-link">
          your recovery codes
        </Link>{" "}
        or{" "}
        <Link to="/account/passkeys" className="govuk-link">
          your passkeys
        </Link>
        .
      </p>
      <Table caption="Your active sessions" columns={["Device", "IP address", "Signed in", "Signed in with", "Last seen", { hidden: "Action" }]}>
        {sessions.map((s) => (
          <Row key={s.id}>
            <Cell>{s.device}</Cell>
            <Cell>{s.ip}</Cell>
            <Cell>{s.signedIn}</Cell>
            <Cell>{s.method}</Cell>
            <Cell>{s.lastSeen}</Cell>
            <Cell>
              {s.current ? (
                <strong className="govuk-tag govuk-tag--green">This session</strong>
              ) : (
                <Form method="post">
                  <input type="hidden" name="sessionId" value={s.id} />
                  <RowButton intent="sign-out-one" variant="secondary">
                    Sign out<Hidden> {s.device} session</Hidden>
                  </RowButton>
                </Form>
              )}
            </Cell>
          </Row>
        ))}
      </Table>
      {others > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="sign-out-others" className="govuk-button govuk-button--warning">
            Sign out of all other sessions
          </button>
        </Form>
      ) : (
        <p className="govuk-body">You are not signed in anywhere else.</p>
      )}
    </>
  );
}
