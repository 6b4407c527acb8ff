// A meeting's minutes for one reader: the full record as the policy lets them read it, or the family's version.
import type { AppLoadContext } from "@remix-run/node";
import type { SignedIn } from "./auth.server";
import { loadMeetingRecord, requireMeeting } from "./meeting.server";
import { audit } from "./permissions.server";

export async function loadMinutes(context: AppLoadContext, signedIn: SignedIn, params: { caseId?: string; meetingId?: string }, forFamily: boolean) {
  const on = await requireMeeting(context, signedIn, params);
  const record = await loadMeetingRecord(context, signedIn, on, { forFamily, withText: true });
  await audit(context, signedIn, {
    action: forFamily ? "view:minutes-for-family" : "view:minutes",
    outcome: "success",
    caseId: on.facts.caseId,
    target: `meeting:${on.meeting.id}`,
    details: { restrictedRead: record.restrictedRead },
  });
  if (!forFamily) return { ...record, forFamily, family: null };
  // The family's version is an allow-list, built here so nothing else ever reaches the page's bytes: the concern,
  // attendance, each agency's section, scores (reasons only where the agency said so), whether an enquiry starts and
  // why, the conference's date, who tells them and when, and the actions. Never an agency's part for the chair, the
  // police's investigation, protection detail, why they are not told yet, dissent, exemptions or addenda.
  const decisions = record.decisions;
  return {
    ...record,
    forFamily,
    sections: record.sections.map((section) => ({ ...section, chairOnly: null })),
    decisions: null,
    family: decisions
      ? {
          section47: decisions.section47,
          section47Why: decisions.section47Why,
          icpcDueOn: decisions.icpc ? decisions.icpcDueOn : null,
          toldBy: decisions.familyTold ? decisions.familyToldBy : null,
          toldOn: decisions.familyTold ? decisions.familyToldOn : null,
        }
      : null,
    dissent: [],
    exemptions: [],
    addenda: [],
  };
}

export type MinutesData = Awaited<ReturnType<typeof loadMinutes>>;
