// What people do on a strategy meeting's page, one intent each: attendance, scaling, the chair's decisions and
// exemptions, actions, sign-off and addenda. Every one is judged by the policy, validated, audited, and announced to
// the meeting's room so every open page fetches the record again.
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { addWorkingDays } from "../../../server/calendar/working-days";
import { signOffMeeting } from "../../../server/meetings/sign-off-meeting";
import { markMeetingPart } from "../../../server/meetings/family-markings";
import { listChairPartReaders, nameChairPartReaders } from "../../../server/meetings/chair-part-readers";
import { meetingSectionName } from "../../../server/documents/meeting-section";
import { isConference } from "../../../common/meeting-kinds";
import { conferenceIntent, conferenceIntents } from "./conference-actions.server";
import { meetingMarkingSchema } from "../../../common/forms/family";
import { recordScaling } from "../../../server/maps/scalings";
import { addAddendum } from "../../../server/meetings/addenda";
import { attendanceMarks } from "../../../common/forms/attendance";
import {
  addAction,
  recordAttendance,
  recordDissent,
  recordExemption,
  saveDecisions,
  isSignedOffRefusal,
  listActionOwners,
  updateActionStatus,
} from "../../../server/meetings/meetings";
import { scalingSchema } from "../../../common/forms/mapping";
import {
  actionSchema,
  actionStatusSchema,
  addendumSchema,
  chairPartReadersSchema,
  decisionsSchema,
  dissentSchema,
  exemptionSchema,
} from "../../../common/forms/meetings";
import { formValues, parseForm, type FieldErrors } from "../../../common/forms/form-errors";
import { todayInEngland } from "../../../common/forms/dates";
import { requireRecentConfirmation, type SignedIn } from "../../utils/auth.server";
import { type MeetingOnCase } from "../../utils/meeting.server";
import { meetingQuestions, type PolicyQuestion } from "../../../server/meetings/meeting-controls";
import { audit, authorize } from "../../utils/permissions.server";
import { announceCaseWork } from "../../../server/cases/case-notices";

export async function meetingAction(request: Request, context: AppLoadContext, signedIn: SignedIn, on: MeetingOnCase) {
  const { facts, meeting, room } = on;
  const { sql, calendar } = context.services;
  const at = context.services.clock();
  const by = signedIn.user.id;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const target = `meeting:${meeting.id}`;
  const here = `/cases/${facts.caseId}/meetings/${meeting.id}`;
  const refused = (errors: FieldErrors) => data({ intent, errors, values: formValues(form) }, { status: 400 });
  const done = async (action: string, anchor: string, details: Record<string, unknown> = {}) => {
    await audit(context, signedIn, { action, outcome: "success", caseId: facts.caseId, target, details });
    context.services.events.publish({ room, what: "meeting" });
    return redirect(`${here}?done=${encodeURIComponent(action)}#${anchor}`);
  };
  // Each intent asks the policy the question its control on the page was offered by (server/meetings/meeting-controls.ts).
  const ask = ([action, resource]: PolicyQuestion) => authorize(context, signedIn, action, resource, { target, caseId: facts.caseId });
  const chair = () => ask(meetingQuestions.chair(on));

  try {
    return await runIntent();
  } catch (error) {
    // The chair signed off while this was on its way: the database refused it, and the person is told so.
    if (!isSignedOffRefusal(error)) throw error;
    await audit(context, signedIn, { action: `${intent}:meeting`, outcome: "denied", caseId: facts.caseId, target, details: { reason: "signed off" } });
    return data(
      { intent, errors: { form: "This meeting has just been signed off, so nothing was changed. Add an addendum instead" } as FieldErrors, values: formValues(form) },
      { status: 409 },
    );
  }

  async function runIntent() {
    switch (intent) {
      case "attendance": {
        const marks = Object.fromEntries(attendanceMarks(form, meeting.invitees.map((invitee) => invitee.userId)));
        // The chair records anyone's attendance, anyone else only their own: one mark that is not theirs refuses all.
        // With no mark, whoever may record none (not invited, not the chair) is refused all the same.
        const asked = Object.keys(marks).map(Number);
        const own = meeting.invitees.some((invitee) => invitee.userId === by) ? by : meeting.chairUserId;
        for (const userId of asked.length ? asked : [own]) await ask(meetingQuestions.attendance(on, userId));
        if (!asked.length) return refused({ form: "Select whether each person was present, sent apologies or did not attend" });
        await recordAttendance(sql, { meetingId: meeting.id, attendance: marks, by, at });
        return done("record:attendance", "attendance", { attendance: marks });
      }
      case "scale": {
        // The meeting's map is signed off with the meeting.
        await ask(meetingQuestions.scale(on));
        const parsed = parseForm(scalingSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        await recordScaling(sql, { mapId: meeting.mapId, agencyId: signedIn.user.agencyId, ...parsed.data, recordedBy: by, at });
        return done("record:scaling", "scaling", { score: parsed.data.score });
      }
      case "exempt": {
        await chair();
        const parsed = parseForm(exemptionSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        if (!meeting.agencies.some((agency) => agency.id === parsed.data.agencyId)) return refused({ agencyId: "Select an agency at this meeting" });
        await recordExemption(sql, { meetingId: meeting.id, ...parsed.data, by, at });
        return done("record:scaling-exemption", "scaling", { agencyId: parsed.data.agencyId });
      }
      case "decisions": {
        await chair();
        if (isConference(meeting.kind)) return refused({ form: "That form is for a strategy meeting. Reload the page and try again" });
        const parsed = parseForm(decisionsSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        // The conference is due 15 working days after the strategy discussion that started the enquiry.
        const icpcDueOn = parsed.data.icpc ? addWorkingDays(calendar, meeting.heldOn, 15) : null;
        await saveDecisions(sql, { meetingId: meeting.id, decisions: { ...parsed.data, icpcDueOn }, by, at });
        return done("record:decisions", "decisions", { section47: parsed.data.section47, icpcDueOn });
      }
      case "dissent": {
        await chair();
        const parsed = parseForm(dissentSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        if (!meeting.agencies.some((agency) => agency.id === parsed.data.agencyId)) return refused({ agencyId: "Select an agency at this meeting" });
        await recordDissent(sql, { meetingId: meeting.id, ...parsed.data, by, at });
        return done("record:dissent", "decisions", { agencyId: parsed.data.agencyId });
      }
      case "add-action": {
        await chair();
        // Due from today on, today being the calendar date in England by the portal's clock.
        const parsed = parseForm(actionSchema(todayInEngland(at)), form);
        if (!parsed.success) return refused(parsed.errors);
        if (!facts.memberUserIds.includes(parsed.data.ownerUserId)) return refused({ ownerUserId: "Select someone working on this case" });
        const { id } = await addAction(sql, { meetingId: meeting.id, ...parsed.data, by, at });
        return done("add:meeting-action", "actions", { actionId: id, dueOn: parsed.data.dueOn });
      }
      case "action-status": {
        const parsed = parseForm(actionStatusSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        // The action's owner, or the chair, says how it stands, before and after sign-off.
        const actionId = Number(parsed.data.actionId);
        const owner = (await listActionOwners(sql, meeting.id)).get(actionId);
        if (owner === undefined) return refused({ actionId: "That action is not part of this meeting" });
        await ask(meetingQuestions.actionStatus(on, owner));
        if (!(await updateActionStatus(sql, { meetingId: meeting.id, actionId, status: parsed.data.status, by, at })))
          return refused({ actionId: "That action is not part of this meeting" });
        return done("update:meeting-action", "actions", parsed.data);
      }
      case "family-marking": {
        // The concern is the chair's to give to the family; an agency's section is that agency's (403, audited, else).
        const part = String(form.get("part") ?? "");
        const agencyId = String(form.get("agencyId") ?? "");
        if (part === "section") await ask(meetingQuestions.markSection(on, agencyId));
        else await ask(meetingQuestions.markChairPart(on));
        const parsed = parseForm(meetingMarkingSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        const { of, forFamily } = parsed.data;
        if (of.part === "section" && !meeting.agencies.some((agency) => agency.id === of.agencyId)) return refused({ agencyId: "Select an agency at this meeting" });
        await markMeetingPart(sql, { meetingId: meeting.id, of, forFamily, by, at });
        const anchor = of.part === "section" ? `section-${of.agencyId}` : of.part === "concern" ? "main-content" : "views";
        return done("mark:for-family", anchor, { ...of, forFamily });
      }
      case "chair-part-readers": {
        // Which other agencies at the meeting read an agency's part for the chair: that agency's invitees say, until
        // sign-off (403, audited, else).
        const parsed = chairPartReadersSchema.safeParse({ agencyId: String(form.get("agencyId") ?? ""), readers: form.getAll("reader").map(String) });
        if (!parsed.success) return refused({ readers: parsed.error.issues[0].message });
        await ask(meetingQuestions.nameChairPartReaders(on, parsed.data.agencyId, await listChairPartReaders(sql, meeting.id)));
        const others = new Set(meeting.agencies.map((agency) => agency.id).filter((id) => id !== parsed.data.agencyId));
        if (!parsed.data.readers.every((id) => others.has(id))) return refused({ readers: "Select only other agencies at this meeting" });
        // An agency no longer named stops reading on every open socket before this is reported done; until then nothing
        // more is written to the part, so nothing typed in between reaches them.
        const part = meetingSectionName(facts.caseId, meeting.id, parsed.data.agencyId, true);
        const release = await context.services.events.holdWrites({ names: [part] });
        let changed: Awaited<ReturnType<typeof nameChairPartReaders>>;
        try {
          changed = await nameChairPartReaders(sql, { meetingId: meeting.id, agencyId: parsed.data.agencyId, readerAgencyIds: parsed.data.readers, by, at });
          if (changed.unnamed.length) await context.services.events.endAccess({ kind: "records-changed", caseId: facts.caseId });
        } finally {
          release();
        }
        return done("share:chair-part", `chair-${parsed.data.agencyId}`, { agencyId: parsed.data.agencyId, ...changed });
      }
      case "sign-off": {
        await chair();
        // Signing off makes the record evidence: the chair proves it is them first (decision 056).
        requireRecentConfirmation(request, context, signedIn);
        const signedOff = await signOffMeeting(context.services, { caseId: facts.caseId, meeting, by });
        if (!signedOff.ok) return refused({ signOff: signedOff.problem });
        // A conference's sign-off makes or ends the plan: every open page of the case fetches it again.
        // Either way it leaves the invitees' "Your work".
        announceCaseWork(context.services.events, facts, isConference(meeting.kind) ? "plan" : "meeting");
        return done("sign-off:meeting", "record");
      }
      case "addendum": {
        // After sign-off, anyone who could write the record adds to it; nothing already there changes.
        await ask(meetingQuestions.addendum(on));
        if (!meeting.signedOffAt) return refused({ addendum: "Addenda are added after sign-off. Until then, change the record itself" });
        const parsed = parseForm(addendumSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        await addAddendum(sql, { meetingId: meeting.id }, { addendum: parsed.data.addendum, by, at });
        return done("add:meeting-addendum", "addenda");
      }
      default:
        if (conferenceIntents.has(intent)) return conferenceIntent({ context, signedIn, on, form, intent, chair, refused, done });
        return refused({ form: "Something went wrong with that form. Reload the page and try again" });
    }
  }
}
