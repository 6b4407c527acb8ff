// What a printed map holds. The full copy: the map, every agency's current score and reasons, the child's voice, and
// the restricted notes this person may read, each marked. The family's copy: only what is neither restricted nor
// marked not for family; it is built from different queries' results filtered here, never by hiding parts of a page.
import type { AppLoadContext } from "@remix-run/node";
import type { CaseFacts } from "../../server/access/policy";
import { listChildVoice } from "../../server/cases/child-voice";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { readableBlocks } from "../../server/collab/document-history";
import { readableAgencyNotes } from "../../server/cases/readable-agency-notes";
import { documentNames } from "../../server/documents/registry";
import { loadDocument } from "../../server/collab/persistence";
import { loadMapContent } from "../../server/maps/read-map";
import { currentScalings, listScalings, scalingSpread } from "../../server/maps/scalings";
import type { SignedIn } from "./auth.server";
import { formatDate, formatDateTime } from "../../common/format";
import { requireMap } from "./maps.server";
import { audit } from "./permissions.server";

export async function loadMapPrint(context: AppLoadContext, signedIn: SignedIn, params: { caseId?: string; mapId?: string }, forFamily: boolean) {
  const { facts, map, documentName } = await requireMap(context, signedIn, params, forFamily ? "read:for-family" : "read:record");
  const { sql } = context.services;
  const [sheet, stored, scalings, voices] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    loadMapContent(sql, documentName),
    listScalings(sql, map.id),
    listChildVoice(sql, facts.caseId),
  ]);
  const current = currentScalings(scalings);
  const spread = scalingSpread(current);
  const restricted = forFamily ? [] : await readableRestrictedNotes(context, signedIn, facts, sheet?.agencies ?? []);
  await audit(context, signedIn, {
    action: forFamily ? "print:map-for-family" : "print:map",
    outcome: "success",
    caseId: facts.caseId,
    target: `document:${documentName}`,
    details: forFamily ? {} : { restrictedIncluded: restricted.map((notes) => notes.agencyId) },
  });
  return {
    forFamily,
    caseId: facts.caseId,
    mapId: map.id,
    reference: sheet?.reference ?? "",
    childName: sheet?.child?.fullName ?? "the child",
    heldOn: formatDate(map.heldOn),
    title: map.title,
    scalingQuestion: map.scalingQuestion,
    printedBy: `${signedIn.user.fullName} (${signedIn.user.agencyName})`,
    printedAt: formatDateTime(context.services.clock()),
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

/** Each agency's restricted notes on the case that this person may read, as text. */
async function readableRestrictedNotes(
  context: AppLoadContext,
  signedIn: SignedIn,
  facts: CaseFacts,
  agencies: { id: string; name: string }[],
) {
  const { sql } = context.services;
  const out: { agencyId: string; agencyName: string; blocks: ReturnType<typeof readableBlocks> }[] = [];
  for (const { agencyId, agencyName } of await readableAgencyNotes(sql, signedIn.actor, facts, agencies)) {
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

export type MapPrintData = Awaited<ReturnType<typeof loadMapPrint>>;
