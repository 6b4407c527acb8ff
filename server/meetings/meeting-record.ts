// A strategy meeting's whole record as one reader may read it: for its page, its minutes and the family's minutes.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts } from "../access/policy";
import { meetingSectionResource } from "../access/resources";
import { getFrontSheet } from "../cases/get-front-sheet";
import { readableBlocks, type TextBlock } from "../collab/document-history";
import { loadDocument } from "../collab/persistence";
import { documentNames } from "../documents/registry";
import { currentScalings, listScalings } from "../maps/scalings";
import { getDecisions, listActions, listAddenda, listDissent, listExemptions, type Meeting } from "./meetings";

/**
 * The whole record as it stands, as this person may read it; `forFamily` leaves out what the family must not see.
 * `withText`: read each agency's documents too (the minutes do; the meeting's own page shows them live instead).
 */
export async function loadMeetingRecord(
  sql: Sql,
  actor: Actor,
  { facts, meeting }: { facts: CaseFacts; meeting: Meeting },
  { forFamily, withText }: { forFamily: boolean; withText: boolean },
) {
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
    const mayReadChairPart = !forFamily && can(actor, "read:record", chairPart);
    const blocks = can(actor, forFamily ? "read:for-family" : "read:record", shared)
      ? await documentText(sql, documentNames.meetingSection(facts.caseId, meeting.id, agency.id))
      : [];
    const chairName = documentNames.meetingSection(facts.caseId, meeting.id, agency.id, true);
    const chairOnly = mayReadChairPart ? await documentText(sql, chairName) : null;
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

async function documentText(sql: Sql, document: string): Promise<TextBlock[]> {
  const { doc } = await loadDocument(sql, document);
  try {
    return readableBlocks(doc);
  } finally {
    doc.destroy();
  }
}

type MeetingRecord = Awaited<ReturnType<typeof loadMeetingRecord>>;

/**
 * The family's minutes, from a record loaded for the family. An allow-list, built here so nothing else ever reaches the
 * page's bytes: the concern, attendance, each agency's section, scores (reasons only where the agency said so), whether
 * an enquiry starts and why, the conference's date, who tells them and when, and the actions. Never an agency's part
 * for the chair, the police's investigation, protection detail, why they are not told yet, dissent, exemptions or
 * addenda.
 */
export function familyMinutes(record: MeetingRecord) {
  const decisions = record.decisions;
  return {
    ...record,
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
