// Convening a child protection conference: what its page offers (the chair, the professionals and family members who
// may be invited, the clock it must meet) and the checks before it is made. Social care, police and health must take
// part, and education where the child attends a setting; family members are people recorded on the case; a date
// after the clock's due date needs its reason. The conference is a meeting of its kind (meetings.ts).
import type { Sql } from "../../db/client";
import { formatDate } from "../../common/format";
import { conferenceMessages } from "../../common/forms/conferences";
import { instantInEngland } from "../../common/forms/dates";
import type { FieldErrors } from "../../common/forms/form-errors";
import type { ConferenceKind } from "../../common/meeting-kinds";
import type { FrontSheet } from "../cases/get-front-sheet";
import type { ConferenceDue } from "./conference-clocks";
import { chairsOf, heldOnProblem, inviteeProblem, inviteesOf, settingOf } from "./convene-rules";
import { conveneMeeting } from "./meetings";

/** Where a conference comes from: the strategy meeting that called for it, or the plan it reviews; and its clock. */
export type ConferenceOrigin = { kind: ConferenceKind; fromMeetingId: number | null; planId: number | null; due: ConferenceDue; concern: string };

/** The family and network recorded on the case: who of the family may attend. */
const familyOf = (sheet: FrontSheet) =>
  sheet.people.filter((person) => person.kind !== "child").map((person) => ({ personId: person.id, fullName: person.fullName, relationship: person.relationship }));

/** What the convening page shows. */
export function conferenceConvening(sheet: FrontSheet, origin: ConferenceOrigin) {
  const setting = settingOf(sheet);
  return {
    kind: origin.kind,
    chairs: chairsOf(sheet),
    members: inviteesOf(sheet),
    family: familyOf(sheet),
    setting,
    concern: origin.concern,
    due: { on: formatDate(origin.due.dueOn), explains: origin.due.explains, from: formatDate(origin.due.start) },
  };
}

export type ConveneRequest = {
  heldOn: string;
  heldTime: string;
  how: "in_person" | "video" | "telephone";
  concern: string;
  chairUserId: number;
  lateReason: string;
  inviteeUserIds: number[];
  familyPersonIds: number[];
};

/** Convenes the conference, or says what is wrong, field by field. */
export async function conveneConference(
  sql: Sql,
  input: { caseId: number; sheet: FrontSheet; origin: ConferenceOrigin; request: ConveneRequest; by: number; at: Date },
): Promise<{ ok: true; id: number } | { ok: false; errors: FieldErrors }> {
  const { sheet, origin, request } = input;
  const errors: FieldErrors = {};
  const heldOnError = heldOnProblem(request.heldOn) ?? (request.heldOn < origin.due.start ? `Date must be on or after ${formatDate(origin.due.start)}, the day its clock starts` : null);
  if (heldOnError) errors.heldOnDay = heldOnError;
  if (!chairsOf(sheet).some((chair) => chair.userId === request.chairUserId)) errors.chairUserId = "Select a chair from children's social care working on this case";
  const inviteeError = inviteeProblem(sheet, request.inviteeUserIds, { education: settingOf(sheet) });
  if (inviteeError) errors.invitee = inviteeError;
  const family = new Set(familyOf(sheet).map((person) => person.personId));
  if (request.familyPersonIds.some((id) => !family.has(id))) errors.family = "Choose family members from the people recorded on this case";
  if (request.heldOn > origin.due.dueOn && request.lateReason === "")
    errors.lateReason = conferenceMessages.lateReason(formatDate(origin.due.dueOn), origin.due.explains);
  if (Object.keys(errors).length) return { ok: false, errors };
  const { id } = await conveneMeeting(sql, {
    caseId: input.caseId,
    kind: origin.kind,
    heldAt: instantInEngland(request.heldOn, request.heldTime),
    heldOn: request.heldOn,
    how: request.how,
    concern: request.concern,
    chairUserId: request.chairUserId,
    inviteeUserIds: request.inviteeUserIds,
    convenedBy: input.by,
    at: input.at,
    conference: {
      fromMeetingId: origin.fromMeetingId,
      planId: origin.planId,
      lateReason: request.heldOn > origin.due.dueOn ? request.lateReason : "",
      familyPersonIds: request.familyPersonIds,
    },
  });
  return { ok: true, id };
}
