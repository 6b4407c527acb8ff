// What a printed map holds. The full copy: the map, every agency's current score and reasons, the child's voice, and
// the restricted notes this person may read, each marked. The family's copy: only what is neither restricted nor
// marked not for family, and of the map's words only those of agencies that have marked theirs for the family
// (family-map.ts); it is built from different queries' results filtered here, never by hiding parts of a page.
// The caller has judged the map with the policy ("read:record", or "read:for-family" for the family's copy) and
// audits the print with the agencies whose restricted notes it holds (`restricted`).
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts, type Resource } from "../access/policy";
import { mapWordsResource } from "../access/resources";
import type { SessionUser } from "../auth/sessions";
import { listChildVoice } from "../cases/child-voice";
import { getFrontSheet } from "../cases/get-front-sheet";
import { readableAgencyNotes } from "../cases/readable-agency-notes";
import { readableBlocks, type TextBlock } from "../collab/document-history";
import { loadDocument } from "../collab/persistence";
import { documentNames } from "../documents/registry";
import { formatDate, formatDateTime } from "../../common/format";
import { familyMapContent } from "./family-map";
import { listMapFamilyMarkings, type MapFamilyMarking } from "./family-markings";
import type { CaseMap } from "./maps";
import { loadMapContent } from "./read-map";
import { currentScalings, listScalings, scalingSpread } from "./scalings";

/** Who prints: the actor the policy judges, and the name and agency printed on the page. */
export type Printer = { actor: Actor; user: Pick<SessionUser, "fullName" | "agencyName"> };

export async function printMap(
  sql: Sql,
  printer: Printer,
  { facts, map, documentName, resource }: { facts: CaseFacts; map: CaseMap; documentName: string; resource: Resource },
  { forFamily, clock }: { forFamily: boolean; clock: () => Date },
) {
  const signedOff = resource.type === "record" && resource.state === "signed-off";
  const markings = await listMapFamilyMarkings(sql, map.id);
  const marked = new Set(markings.filter((marking) => marking.forFamily).map((marking) => marking.agencyId));
  // Each agency's words are the family's only as the policy says, from that agency's marking.
  const wordsForFamily = (agencyId: string) =>
    can(printer.actor, "read:for-family", mapWordsResource(facts, agencyId, { signedOff, forFamily: marked.has(agencyId) }));
  const [sheet, stored, scalings, voices] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    forFamily ? familyMapContent(sql, documentName, wordsForFamily) : loadMapContent(sql, documentName),
    listScalings(sql, map.id),
    listChildVoice(sql, facts.caseId),
  ]);
  const current = currentScalings(scalings);
  const spread = scalingSpread(current);
  const restricted = forFamily ? [] : await readableRestrictedNotes(sql, printer.actor, facts, sheet?.agencies ?? []);
  return {
    forFamily,
    caseId: facts.caseId,
    mapId: map.id,
    reference: sheet?.reference ?? "",
    childName: sheet?.child?.fullName ?? "the child",
    heldOn: formatDate(map.heldOn),
    title: map.title,
    scalingQuestion: map.scalingQuestion,
    printedBy: `${printer.user.fullName} (${printer.user.agencyName})`,
    printedAt: formatDateTime(clock()),
    stored,
    scores: current.map((scaling) => ({
      agencyName: scaling.agencyName,
      score: scaling.score,
      reasons: forFamily && scaling.notForFamily ? null : scaling.reasons,
      notForFamily: scaling.notForFamily,
      when: formatDateTime(scaling.recordedAt),
    })),
    spread: spread.flagged ? spread.spread : null,
    childVoice: voices.filter((entry) => !(forFamily && entry.notForFamily)),
    restricted,
    wordsMarked: markings.filter((marking) => marking.forFamily).map(markingShown),
  };
}

/** Who marked an agency's words for the family, and when: for the professionals' notes above the family's copy. */
const markingShown = (marking: MapFamilyMarking) => ({ agencyName: marking.agencyName, by: marking.recordedBy, at: formatDateTime(marking.recordedAt) });

export type MapPrintData = Awaited<ReturnType<typeof printMap>>;

/** Each agency's restricted notes on the case that this person may read, as text. */
async function readableRestrictedNotes(sql: Sql, actor: Actor, facts: CaseFacts, agencies: { id: string; name: string }[]) {
  const out: { agencyId: string; agencyName: string; blocks: TextBlock[] }[] = [];
  for (const { agencyId, agencyName } of await readableAgencyNotes(sql, actor, facts, agencies)) {
    const { doc } = await loadDocument(sql, documentNames.agencyNotes(facts.caseId, agencyId));
    try {
      const blocks = readableBlocks(doc);
      if (blocks.length) out.push({ agencyId, agencyName, blocks });
    } finally {
      doc.destroy();
    }
  }
  return out;
}
