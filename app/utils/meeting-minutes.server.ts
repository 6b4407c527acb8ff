// A meeting's minutes for one reader: the full record as the policy lets them read it, or the family's version.
import type { AppLoadContext } from "@remix-run/node";
import type { SignedIn } from "./auth.server";
import { requireMeeting } from "./meeting.server";
import { familyMinutes, loadMeetingRecord } from "../../server/meetings/meeting-record";
import { audit } from "./permissions.server";

export async function loadMinutes(context: AppLoadContext, signedIn: SignedIn, params: { caseId?: string; meetingId?: string }, forFamily: boolean) {
  const on = await requireMeeting(context, signedIn, params);
  const record = await loadMeetingRecord(context.services.sql, signedIn.actor, on, { forFamily, withText: true });
  await audit(context, signedIn, {
    action: forFamily ? "view:minutes-for-family" : "view:minutes",
    outcome: "success",
    caseId: on.facts.caseId,
    target: `meeting:${on.meeting.id}`,
    details: { restrictedRead: record.restrictedRead },
  });
  if (!forFamily) return { ...record, forFamily, family: null };
  return { ...familyMinutes(record), forFamily };
}

export type MinutesData = Awaited<ReturnType<typeof loadMinutes>>;
