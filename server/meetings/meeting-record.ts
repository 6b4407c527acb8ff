// A strategy meeting's or conference's whole record as one reader may read it: for its page, its minutes and the
// family's minutes.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts } from "../access/policy";
import { meetingRecord } from "../access/resources";
import { getFrontSheet } from "../cases/get-front-sheet";
import { readableBlocks, type TextBlock } from "../collab/document-history";
import { loadDocument } from "../collab/persistence";
import { documentNames } from "../documents/registry";
import { currentScalings, listScalings } from "../maps/scalings";
import { chairPartResource, sectionResource } from "./meeting-controls";
import { listChairPartReaders } from "./chair-part-readers";
import { familyConference, loadConferenceParts } from "./conference-record";
import { isForFamily, listMeetingFamilyMarkings, type ChairPart, type FamilyMarking } from "./family-markings";
import { listAddenda } from "./addenda";
import { getDecisions, listActions, listDissent, listExemptions, type Meeting } from "./meetings";

/**
 * The whole record as it stands, as this person may read it; `forFamily` leaves out what the family must not see: an
 * agency's section and the concern only reach it once their author has marked them for the family.
 * `withText`: read each agency's documents too (the minutes do; the meeting's own page shows them live instead).
 */
export async function loadMeetingRecord(
  sql: Sql,
  actor: Actor,
  { facts, meeting }: { facts: CaseFacts; meeting: Meeting },
  { forFamily, withText }: { forFamily: boolean; withText: boolean },
) {
  const signedOff = !!meeting.signedOffAt;
  const [sheet, scalings, exemptions, decisions, dissent, actions, addenda, markings, conference] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    listScalings(sql, meeting.mapId),
    listExemptions(sql, meeting.id),
    getDecisions(sql, meeting.id),
    listDissent(sql, meeting.id),
    listActions(sql, meeting.id),
    listAddenda(sql, { meetingId: meeting.id }),
    listMeetingFamilyMarkings(sql, meeting.id),
    loadConferenceParts(sql, meeting),
  ]);
  const readers = await listChairPartReaders(sql, meeting.id);
  const sections: {
    agencyId: string;
    agencyName: string;
    blocks: TextBlock[];
    chairOnly: TextBlock[] | null;
    /** The other agencies that read the part for the chair, by name, where this person reads it. */
    chairReaders: string[] | null;
    forFamily: FamilyMarking | null;
  }[] = [];
  /** The restricted documents read, for the audit trail. */
  const restrictedRead: string[] = [];
  for (const agency of withText || forFamily ? meeting.agencies : []) {
    const shared = sectionResource({ facts, meeting }, agency.id, { forFamily: isForFamily(markings, { part: "section", agencyId: agency.id }) });
    const chairPart = chairPartResource({ facts, meeting }, agency.id, readers);
    // The family's version holds an agency's section only where the policy says the family may have it.
    if (forFamily && !can(actor, "read:for-family", shared)) continue;
    const mayReadChairPart = !forFamily && can(actor, "read:record", chairPart);
    const blocks = withText && can(actor, forFamily ? "read:for-family" : "read:record", shared)
      ? await documentText(sql, documentNames.meetingSection(facts.caseId, meeting.id, agency.id))
      : [];
    const chairName = documentNames.meetingSection(facts.caseId, meeting.id, agency.id, true);
    const chairOnly = withText && mayReadChairPart ? await documentText(sql, chairName) : null;
    if (withText && mayReadChairPart) restrictedRead.push(chairName);
    const chairReaders = mayReadChairPart ? (readers.get(agency.id) ?? []).filter((reader) => reader.named).map((reader) => reader.agencyName) : null;
    sections.push({ agencyId: agency.id, agencyName: agency.name, blocks, chairOnly, chairReaders, forFamily: markings.sections.get(agency.id) ?? null });
  }
  // The concern, and a conference's views, are the chair's: the family's only once the chair has marked them for them.
  const given = (part: ChairPart) => can(actor, "read:for-family", { ...meetingRecord(facts, meeting), notForFamily: !isForFamily(markings, { part }) });
  return {
    caseId: facts.caseId,
    childName: sheet?.child?.fullName ?? "the child",
    reference: sheet?.reference ?? "",
    meeting: { ...meeting, concern: !forFamily || given("concern") ? meeting.concern : null },
    chairPartsForFamily: markings.chair,
    conference: conference && forFamily ? familyConference(conference, { familyViews: given("family_views"), childViews: given("child_views") }) : conference,
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
 * page's bytes: the concern and each agency's section where their author marked them for the family (the record loaded
 * for the family holds no other), attendance, scores (reasons only where the agency said so), whether an enquiry
 * starts and why, the conference's date, who tells them and when, and the actions; at a conference, the family members
 * who attended, the views the chair gave them, and the decision (conference-record.ts). Never an agency's part for the
 * chair, the police's investigation, protection detail, why they are not told yet, dissent, exemptions or addenda.
 */
export function familyMinutes(record: MeetingRecord) {
  const decisions = record.decisions;
  return {
    ...record,
    sections: record.sections.map(({ agencyId, agencyName, blocks }) => ({ agencyId, agencyName, blocks, chairOnly: null, chairReaders: null, forFamily: null })),
    chairPartsForFamily: {},
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
