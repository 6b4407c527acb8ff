import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readMinutes } from "../../server/meetings/read-minutes";
import { MeetingMinutes } from "../components/meeting-minutes";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { auditMinutesViewed, requireMeeting } from "../utils/meeting.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Minutes") }];

/** The minutes as the policy lets this person read them, or the family's version; each view audited. */
export const minutesLoader =
  (forFamily: boolean) =>
  async ({ request, params, context }: LoaderFunctionArgs) => {
    const signedIn = await requireUser(request, context);
    const on = await requireMeeting(context, signedIn, params);
    const minutes = await readMinutes(context.services.sql, signedIn.actor, on, forFamily);
    await auditMinutesViewed(context, signedIn, on, minutes);
    return minutes;
  };

export const loader = minutesLoader(false);

export default function Minutes() {
  return <MeetingMinutes data={useLoaderData<typeof loader>()} />;
}
