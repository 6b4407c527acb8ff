// A conference's own parts of its record, as the page, the minutes and the family's minutes read them: the family
// members who attend, the family's and the child's views (with the record of the child's voice they come from), and
// the chair's decision. The family's version holds the views only where the chair gave them to the family, and the
// child's own words only where they are not marked not for family.
import type { Sql } from "../../db/client";
import { isConference } from "../../common/meeting-kinds";
import { listChildVoice } from "../cases/child-voice";
import { getConferenceDecision, getConferenceViews, listFamilyAttendees } from "./conferences";
import type { Meeting } from "./meetings";

export async function loadConferenceParts(sql: Sql, meeting: Meeting) {
  if (!isConference(meeting.kind)) return null;
  const [familyAttendees, views, decision, voices] = await Promise.all([
    listFamilyAttendees(sql, meeting.id),
    getConferenceViews(sql, meeting.id),
    getConferenceDecision(sql, meeting.id),
    listChildVoice(sql, meeting.caseId),
  ]);
  const childVoice = views?.childVoiceId ? (voices.find((voice) => voice.id === views.childVoiceId) ?? null) : null;
  return {
    familyAttendees,
    views: views ? { familyViews: views.familyViews as string | null, childViews: views.childViews as string | null, recordedBy: views.recordedBy, recordedAt: views.recordedAt } : null,
    childVoice,
    /** The records of the child's voice on the case, newest first, that the views may come from. */
    voices: voices.map((voice) => ({ id: voice.id, seenOn: voice.seenOn, recordedBy: voice.recordedBy })),
    decision,
  };
}

export type ConferenceParts = NonNullable<Awaited<ReturnType<typeof loadConferenceParts>>>;

/**
 * The family's version of a conference's parts: who of the family and the professionals attended (without who
 * recorded it), the views the chair gave them (`given`), and the decision.
 */
export function familyConference(parts: ConferenceParts, given: { familyViews: boolean; childViews: boolean }): ConferenceParts {
  return {
    familyAttendees: parts.familyAttendees.map((attendee) => ({ ...attendee, recordedBy: null, recordedAt: null })),
    views: parts.views
      ? {
          ...parts.views,
          familyViews: given.familyViews ? parts.views.familyViews : null,
          childViews: given.childViews ? parts.views.childViews : null,
        }
      : null,
    childVoice: given.childViews && parts.childVoice && !parts.childVoice.notForFamily ? parts.childVoice : null,
    voices: [],
    decision: parts.decision,
  };
}
