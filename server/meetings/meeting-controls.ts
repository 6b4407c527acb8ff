// The policy question behind each control on a strategy meeting's page. The page's loader asks `can` which controls
// to offer; the page's action asks `authorize` the very same question before it changes anything. So a page offers
// nothing the server would refuse, and what it does not offer is refused (403, audited) when posted directly.
import { can, type Action, type Actor, type CaseFacts, type MeetingResource, type Resource } from "../access/policy";
import { mapResource, meetingPersonResource, meetingRecord, meetingSectionResource } from "../access/resources";
import type { Sql } from "../../db/client";
import { namedAgencyIds, type ChairPartReaders } from "./chair-part-readers";
import { listActionOwners, listAttendanceRecorded, type Meeting, type MeetingAction } from "./meetings";

export type MeetingOnPage = { facts: CaseFacts; meeting: Meeting; resource: MeetingResource };

/** What is asked of the policy: an action, and what it is done to. */
export type PolicyQuestion = readonly [Action, Resource];

/** An agency's section at this meeting, as the policy judges it. */
export function sectionResource(
  { facts, meeting }: Pick<MeetingOnPage, "facts" | "meeting">,
  agencyId: string,
  { forFamily = false }: { forFamily?: boolean } = {},
) {
  const inviteeUserIds = meeting.invitees.map((invitee) => invitee.userId);
  return meetingSectionResource(facts, { agencyId, chairOnly: false, forFamily, signedOff: !!meeting.signedOffAt, chairUserId: meeting.chairUserId, inviteeUserIds });
}

/** An agency's part for the chair at this meeting, read also by the agencies it names now (`readers`, as loaded). */
export function chairPartResource({ facts, meeting }: Pick<MeetingOnPage, "facts" | "meeting">, agencyId: string, readers: ChairPartReaders) {
  const inviteeUserIds = meeting.invitees.map((invitee) => invitee.userId);
  return meetingSectionResource(facts, {
    agencyId,
    chairOnly: true,
    namedAgencyIds: namedAgencyIds(readers, agencyId),
    signedOff: !!meeting.signedOffAt,
    chairUserId: meeting.chairUserId,
    inviteeUserIds,
  });
}

export const meetingQuestions = {
  /** The chair's forms: the decisions, dissent, why an agency could not scale, new actions, sign-off. */
  chair: ({ resource }: MeetingOnPage): PolicyQuestion => ["chair:meeting", resource],
  /** This person's agency's scaling, on the meeting's map (signed off with the meeting). */
  scale: ({ facts, meeting }: MeetingOnPage): PolicyQuestion => ["record:scaling", mapResource(facts, !!meeting.signedOffAt)],
  /** An addendum once the record is signed off: whoever could have written the record before. */
  addendum: ({ facts, meeting }: MeetingOnPage): PolicyQuestion => ["write:record", { ...meetingRecord(facts, meeting), state: "open" }],
  /** One invitee's attendance: the chair's to record, or the invitee's own. */
  attendance: ({ facts, meeting }: MeetingOnPage, inviteeUserId: number): PolicyQuestion => [
    "record:attendance",
    meetingPersonResource(facts, meeting, inviteeUserId),
  ],
  /** Whether an agency's section goes to the family: that agency's to say, by those of it who may write the section. */
  markSection: (on: MeetingOnPage, agencyId: string): PolicyQuestion => ["mark:for-family", sectionResource(on, agencyId)],
  /** Whether the concern (and a conference's views) go to the family: the chair's to say, as parts of the chair's record. */
  markChairPart: ({ resource }: MeetingOnPage): PolicyQuestion => ["chair:meeting", resource],
  /** Which other agencies at the meeting also read an agency's part for the chair: that agency's invitees say. */
  nameChairPartReaders: (on: MeetingOnPage, agencyId: string, readers: ChairPartReaders): PolicyQuestion => [
    "share:record",
    chairPartResource(on, agencyId, readers),
  ],
  /** What the family will receive, beside the full record: the chair's to check, before sign-off and after. */
  familyVersion: ({ resource }: MeetingOnPage): PolicyQuestion => ["chair:meeting", { ...resource, state: "open" }],
  /** How an action stands: its owner's to say, or the chair's. */
  actionStatus: ({ facts, meeting }: MeetingOnPage, ownerUserId: number): PolicyQuestion => [
    "update:meeting-action",
    meetingPersonResource(facts, meeting, ownerUserId),
  ],
};

/** Which controls the page offers this person: the same questions the action asks, answered by the policy. */
export function meetingControls(actor: Actor, on: MeetingOnPage) {
  const ask = ([action, resource]: PolicyQuestion) => can(actor, action, resource);
  return {
    isChair: ask(meetingQuestions.chair(on)),
    canScale: ask(meetingQuestions.scale(on)),
    canAddAddendum: !!on.meeting.signedOffAt && ask(meetingQuestions.addendum(on)),
    mayRecordAttendanceOf: (inviteeUserId: number) => ask(meetingQuestions.attendance(on, inviteeUserId)),
    mayUpdateActionOf: (ownerUserId: number) => ask(meetingQuestions.actionStatus(on, ownerUserId)),
    mayMarkSectionOf: (agencyId: string) => ask(meetingQuestions.markSection(on, agencyId)),
    canMarkChairParts: ask(meetingQuestions.markChairPart(on)),
    canCheckFamilyVersion: ask(meetingQuestions.familyVersion(on)),
  };
}

/**
 * The meeting page's controls for this person, row by row: the chair's forms, scaling and addenda; for each invitee,
 * who recorded their attendance and whether this person may; for each action, whether this person may say how it stands.
 */
export async function meetingPageControls(sql: Sql, actor: Actor, on: MeetingOnPage, actions: readonly MeetingAction[]) {
  const { mayRecordAttendanceOf, mayUpdateActionOf, mayMarkSectionOf, ...forms } = meetingControls(actor, on);
  const [recorded, owners] = await Promise.all([listAttendanceRecorded(sql, on.meeting.id), listActionOwners(sql, on.meeting.id)]);
  const recordedOf = new Map(recorded.map((row) => [row.userId, row]));
  return {
    ...forms,
    attendance: on.meeting.invitees.map((invitee) => ({
      ...invitee,
      recorded: recordedOf.get(invitee.userId) ?? null,
      canRecord: mayRecordAttendanceOf(invitee.userId),
    })),
    actions: actions.map((action) => {
      const owner = owners.get(action.id);
      return { ...action, canUpdateStatus: owner !== undefined && mayUpdateActionOf(owner) };
    }),
    /** By agency id: whether this person may say if that agency's section goes to the family. */
    mayMarkSection: Object.fromEntries(on.meeting.agencies.map((agency) => [agency.id, mayMarkSectionOf(agency.id)])),
  };
}

/**
 * For each agency at the meeting: who reads its part for the chair (the agencies it names, by whom and when), whether
 * this person may read it, and whether they may say which other agencies do: the questions the page and its action ask.
 */
export function chairPartControls(actor: Actor, on: MeetingOnPage, readers: ChairPartReaders) {
  return new Map(
    on.meeting.agencies.map((agency) => [
      agency.id,
      {
        resource: chairPartResource(on, agency.id, readers),
        readers: readers.get(agency.id) ?? [],
        canName: can(actor, ...meetingQuestions.nameChairPartReaders(on, agency.id, readers)),
      },
    ]),
  );
}
