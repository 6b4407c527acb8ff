// A meeting's minutes for one reader: the full record as the policy lets them read it, or the family's version.
import type { AppLoadContext } from "@remix-run/node";
import type { SignedIn } from "./auth.server";
import { loadMeetingRecord, requireMeeting } from "./meeting.server";
import { audit } from "./permissions.server";

export async function loadMinutes(context: AppLoadContext, signedIn: SignedIn, params: { caseId?: string; meetingId?: string }, forFamily: boolean) {
  const on = await requireMeeting(context, signedIn, params);
  const record = await loadMeetingRecord(context, signedIn, on, forFamily);
  await audit(context, signedIn, {
    action: forFamily ? "view:minutes-for-family" : "view:minutes",
    outcome: "success",
    caseId: on.facts.caseId,
    target: `meeting:${on.meeting.id}`,
  });
  return {
    ...record,
    forFamily,
    // The family's version holds no agency's part for the chair, whoever prints it.
    sections: record.sections.map((section) => ({ ...section, chairOnly: forFamily ? null : section.chairOnly })),
    dissent: record.dissent,
  };
}

export type MinutesData = Awaited<ReturnType<typeof loadMinutes>>;
