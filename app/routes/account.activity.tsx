import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ACCOUNT_ACTIVITY_DAYS, ACCOUNT_ACTIVITY_LIMIT, ACCOUNT_ACTIVITY_PER_TARGET, accountActivity } from "../../server/audit/account-activity";
import { AccountActivity, accountActivityRows } from "../components/account-activity";
import { PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your sign-in activity") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const { sql, clock } = context.services;
  return { userId: user.id, rows: accountActivityRows(await accountActivity(sql, { userId: user.id }, clock())) };
}

export default function YourActivity() {
  const { userId, rows } = useLoaderData<typeof loader>();
  // A sign-in, a failed attempt or an administrator's change arrives while the page is open: told in the person's room.
  useChangeNotices(`user:${userId}`);
  usePresence(`user:${userId}`);
  return (
    <>
      <PageHeading>Your sign-in activity</PageHeading>
      <p className="govuk-body">
        Sign-ins to your account and attempts to sign in with your email address, sign-outs, password changes and what
        your agency's administrators have done to your account, newest first: the last {ACCOUNT_ACTIVITY_DAYS} days, at
        most {ACCOUNT_ACTIVITY_LIMIT} events, of them at most {ACCOUNT_ACTIVITY_PER_TARGET} attempts on your address.
      </p>
      <p className="govuk-body">
        If you see something you did not do, choose a new password and tell your agency's administrator. You can sign out
        browsers on <Link to="/account/sessions" className="govuk-link">your sessions</Link>.
      </p>
      <AccountActivity caption="Your sign-in activity" rows={rows} showPerson={false} />
    </>
  );
}
