// A core group's notes as one reader may read them, for the full notes and for the family's version. The family's is
// an allow-list built here so nothing else reaches its bytes: who attended, each agency's section only when that agency
// has marked its part for the family, each action with how it stands, and an agency's words on its progress only when
// it has marked them so. Never the child's words, addenda, restricted notes, or any part not marked.
import type { Sql } from "../../db/client";
import type { TextBlock } from "../collab/document-history";
import { fragmentBlocks } from "../collab/document-history";
import { loadDocument } from "../collab/persistence";
import { listChildVoice, type ChildVoiceEntry } from "../cases/child-voice";
import { getFrontSheet } from "../cases/get-front-sheet";
import { agencyPartOf } from "../../common/core-group-notes";
import { coreGroupNotesName } from "../documents/core-group-notes";
import { readPlan, type PlanView } from "../plans/read-plan";
import { latestProgress, type ActionProgress } from "./action-progress";
import { listAddenda } from "../meetings/addenda";
import { listPlanCoreGroups, type CoreGroup } from "./core-groups";
import { listFamilyMarks } from "./family-marks";

/** Each agency's part of the notes as stored now, by agency id. */
async function notesByAgency(sql: Sql, coreGroup: CoreGroup): Promise<Map<string, TextBlock[]>> {
  const { doc } = await loadDocument(sql, coreGroupNotesName(coreGroup.caseId, coreGroup.id));
  try {
    return new Map(coreGroup.agencies.map((agency) => [agency.id, fragmentBlocks(doc.getXmlFragment(agencyPartOf(agency.id)))]));
  } finally {
    doc.destroy();
  }
}

/**
 * The child's voice recorded since the core group before this one (or, for the first, the conference that made the
 * plan), up to this one's day; and since when, in words.
 */
export async function childViewsSince(sql: Sql, coreGroup: CoreGroup, planStartedOn: string): Promise<{ since: string; entries: ChildVoiceEntry[] }> {
  const groups = await listPlanCoreGroups(sql, coreGroup.planId);
  const previous = groups[groups.findIndex((group) => group.id === coreGroup.id) - 1];
  const from = previous?.heldOn ?? planStartedOn;
  const entries = (await listChildVoice(sql, coreGroup.caseId)).filter((entry) => entry.seenOn >= from && entry.seenOn <= coreGroup.heldOn);
  return { since: previous ? "the last core group" : "the conference", entries };
}

type ActionLine = { number: string; what: string; owner: string; dueOn: string; progress: ActionProgress | null };

function actionLines(plan: PlanView | null, progress: Map<number, ActionProgress>): { number: number; wording: string; actions: ActionLine[] }[] {
  return (plan?.outcomes ?? []).map((outcome) => ({
    number: outcome.number,
    wording: outcome.wording,
    actions: outcome.actions.map((action) => ({
      number: action.number,
      what: action.what,
      owner: `${action.ownerName} (${action.ownerAgencyName})`,
      dueOn: action.dueOn,
      progress: progress.get(action.id) ?? null,
    })),
  }));
}

/** The notes of a core group whose case the reader reads and whose notes the policy lets them read (the caller's check). */
export async function loadCoreGroupRecord(sql: Sql, coreGroup: CoreGroup, { forFamily }: { forFamily: boolean }) {
  const [sheet, plan, notes, marks, progress, addenda] = await Promise.all([
    getFrontSheet(sql, coreGroup.caseId),
    readPlan(sql, coreGroup.caseId),
    notesByAgency(sql, coreGroup),
    listFamilyMarks(sql, coreGroup.id),
    latestProgress(sql, { planId: coreGroup.planId, coreGroupId: coreGroup.id }),
    forFamily ? [] : listAddenda(sql, { coreGroupId: coreGroup.id }),
  ]);
  const forTheFamily = (agencyId: string) => marks.get(agencyId)?.forFamily === true;
  const sections = coreGroup.agencies
    .filter((agency) => !forFamily || forTheFamily(agency.id))
    .map((agency) => ({ agencyId: agency.id, agencyName: agency.name, forFamily: forTheFamily(agency.id), blocks: notes.get(agency.id) ?? [] }));
  const shownProgress = new Map(
    [...progress].map(([actionId, said]) => [
      actionId,
      forFamily && !forTheFamily(said.agencyId) ? { ...said, reason: "", note: "", recordedBy: said.agencyName } : said,
    ]),
  );
  const childName = sheet?.child?.fullName ?? "the child";
  return {
    caseId: coreGroup.caseId,
    childName,
    reference: sheet?.reference ?? "",
    coreGroup: { id: coreGroup.id, heldAt: coreGroup.heldAt, how: coreGroup.how, signedOffAt: coreGroup.signedOffAt, signedOffBy: coreGroup.signedOffBy },
    forFamily,
    attendance: coreGroup.members.map((member) => ({ fullName: member.fullName, agencyName: member.agencyName, attendance: member.attendance })),
    sections,
    outcomes: actionLines(plan?.id === coreGroup.planId ? plan : null, shownProgress),
    childViews: forFamily || !plan ? { since: "the last core group", entries: [] } : await childViewsSince(sql, coreGroup, plan.startedOn),
    addenda,
  };
}

export type CoreGroupRecord = Awaited<ReturnType<typeof loadCoreGroupRecord>>;
