import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ACCOUNT_ACTIVITY_DAYS, ACCOUNT_ACTIVITY_LIMIT, ACCOUNT_ACTIVITY_PER_TARGET, accountActivity } from "../../server/audit/account-activity";
import { agencyPeopleRoom } from "../../common/realtime-events";
import { AccountActivity, accountActivityRows } from "../components/account-activity";
import { PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { audit, requireAgencyAdministrator } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Sign-in activity in your agency") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireAgencyAdministrator(request, context);
  const { sql, clock } = context.services;
  const events = await accountActivity(sql, { agencyId: signedIn.user.agencyId }, clock());
  await audit(context, signedIn, { action: "view:sign-in-activity", outcome: "success", target: `agency:${signedIn.user.agencyId}` });
  return { agencyId: signedIn.user.agencyId, agencyName: signedIn.user.agencyName, rows: accountActivityRows(events) };
}

export default function AgencyActivity() {
  const { agencyId, agencyName, rows } = useLoaderData<typeof loader>();
  // Activity on the agency's accounts arrives while the page is open: told in the agency's people room.
  useChangeNotices(agencyPeopleRoom(agencyId));
  usePresence(agencyPeopleRoom(agencyId));
  return (
    <>
      <PageHeading caption={agencyName}>Sign-in activity in your agency</PageHeading>
      <p className="govuk-body">
        Sign-ins and failed attempts, sign-outs, password changes and administrators' changes to the accounts of
        everyone at {agencyName}, newest first: the last {ACCOUNT_ACTIVITY_DAYS} days, at most {ACCOUNT_ACTIVITY_LIMIT}{" "}
        events, of them at most {ACCOUNT_ACTIVITY_PER_TARGET} attempts on any one person's address, so a flood of
        attempts on one cannot hide the others.
      </p>
      <p className="govuk-body">
        <Link to="/people" className="govuk-link">
          Back to people
        </Link>
      </p>
      <AccountActivity caption={`Sign-in activity at ${agencyName}`} rows={rows} showPerson />
    </>
  );
}
