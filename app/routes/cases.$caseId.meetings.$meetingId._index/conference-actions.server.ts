// What the chair does on a conference's own parts, one intent each: the family's attendance, the family's and the
// child's views, and the decision. The chair's, as the policy says (403, audited, for anyone else); validated;
// changing nothing when refused. The rest of a conference's page is a meeting's (meeting-actions.server.ts).
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { isConference } from "../../../common/meeting-kinds";
import { attendanceMarks } from "../../../common/forms/attendance";
import { parseConferenceDecision, viewsSchema } from "../../../common/forms/conferences";
import { todayInEngland } from "../../../common/forms/dates";
import { formValues, parseForm, type FieldErrors } from "../../../common/forms/form-errors";
import { listChildVoice } from "../../../server/cases/child-voice";
import { readConferencePage } from "../../../server/meetings/conference-page";
import { listFamilyAttendees, recordFamilyAttendance, saveConferenceDecision, saveConferenceViews } from "../../../server/meetings/conferences";
import type { SignedIn } from "../../utils/auth.server";
import type { MeetingOnCase } from "../../utils/meeting.server";

type Step = {
  context: AppLoadContext;
  signedIn: SignedIn;
  on: MeetingOnCase;
  form: FormData;
  intent: string;
  /** The chair's question, asked of the policy (403, audited, when refused). */
  chair: () => Promise<void>;
  refused: (errors: FieldErrors) => ReturnType<typeof data>;
  done: (action: string, anchor: string, details?: Record<string, unknown>) => Promise<Response>;
};

export const conferenceIntents = new Set(["family-attendance", "views", "conference-decision"]);

export async function conferenceIntent({ context, signedIn, on, form, intent, chair, refused, done }: Step) {
  const { sql, calendar } = context.services;
  const { meeting, facts } = on;
  const at = context.services.clock();
  const by = signedIn.user.id;
  await chair();
  if (!isConference(meeting.kind)) return refused({ form: "That form is for a conference. Reload the page and try again" });
  switch (intent) {
    case "family-attendance": {
      const family = await listFamilyAttendees(sql, meeting.id);
      const marks = Object.fromEntries(attendanceMarks(form, family.map((person) => person.personId), "family"));
      if (!Object.keys(marks).length) return refused({ form: "Select whether each family member was present, sent apologies or did not attend" });
      await recordFamilyAttendance(sql, { meetingId: meeting.id, attendance: marks, by, at });
      return done("record:family-attendance", "attendance", { attendance: marks });
    }
    case "views": {
      const parsed = parseForm(viewsSchema, form);
      if (!parsed.success) return refused(parsed.errors);
      const childVoiceId = parsed.data.childVoiceId === "" ? null : Number(parsed.data.childVoiceId);
      if (childVoiceId !== null && !(await listChildVoice(sql, facts.caseId)).some((voice) => voice.id === childVoiceId))
        return refused({ childVoiceId: "Select a record of this child's voice" });
      await saveConferenceViews(sql, { meetingId: meeting.id, familyViews: parsed.data.familyViews, childViews: parsed.data.childViews, childVoiceId, by, at });
      return done("record:conference-views", "views", { childVoiceId });
    }
    default: {
      const page = await readConferencePage(sql, calendar, signedIn.actor, on, todayInEngland(at));
      const parsed = parseConferenceDecision(form, page.decisionContext!);
      if (!parsed.success)
        return data(
          { intent, errors: parsed.errors, values: formValues(form), multi: { otherCategories: form.getAll("otherCategories").map(String), coreGroup: form.getAll("coreGroup").map(String) } },
          { status: 400 },
        );
      await saveConferenceDecision(sql, { meetingId: meeting.id, decision: parsed.data, by, at });
      const details = parsed.data.planNeeded ? { planNeeded: true, category: parsed.data.plan?.primaryCategory ?? null } : { planNeeded: false, whatFollows: parsed.data.whatFollows };
      return done("record:conference-decision", "decisions", details);
    }
  }
}
