// A strategy meeting behind a URL, judged by the policy, and the audit of its minutes shown.
import type { AppLoadContext } from "@remix-run/node";
import type { CaseFacts, MeetingResource } from "../../server/access/policy";
import { getMeeting, type Meeting } from "../../server/meetings/meetings";
import type { SignedIn } from "./auth.server";
import { audit, notFound, requireCase } from "./permissions.server";

export type MeetingOnCase = { facts: CaseFacts; meeting: Meeting; resource: MeetingResource; room: string };

export async function requireMeeting(context: AppLoadContext, signedIn: SignedIn, params: { caseId?: string; meetingId?: string }): Promise<MeetingOnCase> {
  const facts = await requireCase(context, signedIn, params.caseId);
  const meetingId = /^\d{1,15}$/.test(params.meetingId ?? "") ? Number(params.meetingId) : NaN;
  const meeting = Number.isSafeInteger(meetingId) ? await getMeeting(context.services.sql, facts.caseId, meetingId) : null;
  if (!meeting) throw notFound();
  const resource: MeetingResource = { type: "meeting", case: facts, chairUserId: meeting.chairUserId, state: meeting.signedOffAt ? "signed-off" : "open" };
  return { facts, meeting, resource, room: `case:${facts.caseId}:meeting:${meeting.id}` };
}

/** Audits minutes shown, the full record or the family's, with the restricted documents they read. */
export async function auditMinutesViewed(
  context: AppLoadContext,
  signedIn: SignedIn,
  { facts, meeting }: Pick<MeetingOnCase, "facts" | "meeting">,
  minutes: { forFamily: boolean; restrictedRead: string[] },
) {
  await audit(context, signedIn, {
    action: minutes.forFamily ? "view:minutes-for-family" : "view:minutes",
    outcome: "success",
    caseId: facts.caseId,
    target: `meeting:${meeting.id}`,
    details: { restrictedRead: minutes.restrictedRead },
  });
}
