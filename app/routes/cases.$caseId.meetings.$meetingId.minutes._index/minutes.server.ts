// The loader of both versions of a meeting's minutes: the record as the policy lets this person read it, or the
// family's version; each view audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readMinutes } from "../../../server/meetings/read-minutes";
import { requireUser } from "../../utils/auth.server";
import { auditMinutesViewed, requireMeeting } from "../../utils/meeting.server";

export const minutesLoader =
  (forFamily: boolean) =>
  async ({ request, params, context }: LoaderFunctionArgs) => {
    const signedIn = await requireUser(request, context);
    const on = await requireMeeting(context, signedIn, params);
    const minutes = await readMinutes(context.services.sql, signedIn.actor, on, forFamily);
    await auditMinutesViewed(context, signedIn, on, minutes);
    return minutes;
  };
