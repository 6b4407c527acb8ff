// A strategy meeting behind a URL, judged by the policy, and what its page and minutes show.
import type { AppLoadContext } from "@remix-run/node";
import { can, type CaseFacts, type MeetingResource, type RecordResource } from "../../server/access/policy";
import { readableBlocks, type TextBlock } from "../../server/collab/document-history";
import { meetingSectionResource } from "../../server/access/resources";
import { documentNames } from "../../server/documents/registry";
import { loadDocument } from "../../server/collab/persistence";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { currentScalings, listScalings } from "../../server/maps/scalings";
import {
  getDecisions,
  getMeeting,
  listActions,
  listAddenda,
  listDissent,
  listExemptions,
  type Meeting,
} from "../../server/meetings/meetings";
import type { SignedIn } from "./auth.server";
import { notFound, requireCase } from "./permissions.server";

export type MeetingOnCase = { facts: CaseFacts; meeting: Meeting; resource: MeetingResource; room: string };

export async function requireMeeting(context: AppLoadContext, signedIn: SignedIn, params: { caseId?: string; meetingId?: string }): Promise<MeetingOnCase> {
  const facts = await requireCase(context, signedIn, params.caseId);
  const meetingId = /^\d{1,15}$/.test(params.meetingId ?? "") ? Number(params.meetingId) : NaN;
  const meeting = Number.isSafeInteger(meetingId) ? await getMeeting(context.services.sql, facts.caseId, meetingId) : null;
  if (!meeting) throw notFound();
  const resource: MeetingResource = { type: "meeting", case: facts, chairUserId: meeting.chairUserId, state: meeting.signedOffAt ? "signed-off" : "open" };
  return { facts, meeting, resource, room: `case:${facts.caseId}:meeting:${meeting.id}` };
}

/** The meeting's own record (attendance, actions): written by anyone working on the case until sign-off. */
export function meetingRecord(facts: CaseFacts, meeting: Meeting): RecordResource {
  return {
    type: "record",
    case: facts,
    authorAgencyId: "",
    visibility: "shared",
    sharedWithAgencyIds: [],
    notForFamily: false,
    state: meeting.signedOffAt ? "signed-off" : "open",
  };
}

/**
 * The whole record as it stands, as this person may read it; `forFamily` leaves out what the family must not see.
 * `withText`: read each agency's documents too (the minutes do; the meeting's own page shows them live instead).
 */
export async function loadMeetingRecord(
  context: AppLoadContext,
  signedIn: SignedIn,
  on: MeetingOnCase,
  { forFamily, withText }: { forFamily: boolean; withText: boolean },
) {
  const { sql } = context.services;
  const { facts, meeting } = on;
  const signedOff = !!meeting.signedOffAt;
  const [sheet, scalings, exemptions, decisions, dissent, actions, addenda] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    listScalings(sql, meeting.mapId),
    listExemptions(sql, meeting.id),
    getDecisions(sql, meeting.id),
    listDissent(sql, meeting.id),
    listActions(sql, meeting.id),
    listAddenda(sql, meeting.id),
  ]);
  const sections: { agencyId: string; agencyName: string; blocks: TextBlock[]; chairOnly: TextBlock[] | null }[] = [];
  /** The restricted documents read, for the audit trail. */
  const restrictedRead: string[] = [];
  for (const agency of withText ? meeting.agencies : []) {
    const shared = meetingSectionResource(facts, { agencyId: agency.id, chairOnly: false, signedOff, chairUserId: meeting.chairUserId, inviteeUserIds: meeting.invitees.map((i) => i.userId) });
    const chairPart = meetingSectionResource(facts, { agencyId: agency.id, chairOnly: true, signedOff, chairUserId: meeting.chairUserId, inviteeUserIds: meeting.invitees.map((i) => i.userId) });
    const mayReadChairPart = !forFamily && can(signedIn.actor, "read:record", chairPart);
    const blocks = can(signedIn.actor, forFamily ? "read:for-family" : "read:record", shared)
      ? await documentText(context, documentNames.meetingSection(facts.caseId, meeting.id, agency.id))
      : [];
    const chairName = documentNames.meetingSection(facts.caseId, meeting.id, agency.id, true);
    const chairOnly = mayReadChairPart ? await documentText(context, chairName) : null;
    if (mayReadChairPart) restrictedRead.push(chairName);
    sections.push({ agencyId: agency.id, agencyName: agency.name, blocks, chairOnly });
  }
  return {
    caseId: facts.caseId,
    childName: sheet?.child?.fullName ?? "the child",
    reference: sheet?.reference ?? "",
    meeting,
    sections,
    restrictedRead,
    scalings: currentScalings(scalings).map((s) => ({
      agencyId: s.agencyId,
      agencyName: s.agencyName,
      score: s.score,
      reasons: forFamily && s.notForFamily ? null : s.reasons,
      notForFamily: s.notForFamily,
      recordedBy: s.recordedBy,
    })),
    exemptions,
    decisions,
    dissent,
    actions,
    addenda,
  };
}

async function documentText(context: AppLoadContext, document: string): Promise<TextBlock[]> {
  const { doc } = await loadDocument(context.services.sql, document);
  try {
    return readableBlocks(doc);
  } finally {
    doc.destroy();
  }
}

/** A date and a time in England as the instant it names (British Summer Time or not). */
export function instantInEngland(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(guess);
  const [h, m] = shown.split(":").map(Number);
  const [wantH, wantM] = time.split(":").map(Number);
  const offsetMinutes = (h * 60 + m - (wantH * 60 + wantM) + 24 * 60) % (24 * 60);
  return new Date(guess.getTime() - (offsetMinutes > 12 * 60 ? offsetMinutes - 24 * 60 : offsetMinutes) * 60_000);
}
