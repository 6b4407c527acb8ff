// What a printed map holds. The full copy: the map, every agency's current score and reasons, the child's voice, and
// the restricted notes this person may read, each marked. The family's copy: only what is neither restricted nor
// marked not for family; it is built from different queries' results filtered here, never by hiding parts of a page.
// The caller has judged the map with the policy ("read:record", or "read:for-family" for the family's copy) and
// audits the print with the agencies whose restricted notes it holds (`restricted`).
import type { Sql } from "../../db/client";
import type { Actor, CaseFacts } from "../access/policy";
import type { SessionUser } from "../auth/sessions";
import { listChildVoice } from "../cases/child-voice";
import { getFrontSheet } from "../cases/get-front-sheet";
import { readableAgencyNotes } from "../cases/readable-agency-notes";
import { readableBlocks, type TextBlock } from "../collab/document-history";
import { loadDocument } from "../collab/persistence";
import { documentNames } from "../documents/registry";
import { formatDate, formatDateTime } from "../../common/format";
import type { CaseMap } from "./maps";
import { loadMapContent } from "./read-map";
import { currentScalings, listScalings, scalingSpread } from "./scalings";

/** Who prints: the actor the policy judges, and the name and agency printed on the page. */
export type Printer = { actor: Actor; user: Pick<SessionUser, "fullName" | "agencyName"> };

export async function printMap(
  sql: Sql,
  printer: Printer,
  { facts, map, documentName }: { facts: CaseFacts; map: CaseMap; documentName: string },
  { forFamily, clock }: { forFamily: boolean; clock: () => Date },
) {
  const [sheet, stored, scalings, voices] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    loadMapContent(sql, documentName),
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
  };
}

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
