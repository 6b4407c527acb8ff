// Finding words in a case: its notes, maps, scaling reasons, the child's voice, meetings and conferences, the plan (its
// outcomes, actions and contingency plan), core groups' notes, and the restricted notes this person may read. Each source is judged by the policy before it is read, so a search can never reach what the page would
// refuse; restricted documents the person may not read are not opened at all.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts } from "../access/policy";
import { listChildVoice } from "../cases/child-voice";
import type { TextBlock } from "../collab/document-history";
import { caseNotesResource, mapResource, planRecord } from "../access/resources";
import { chairPartResource, sectionResource } from "../meetings/meeting-controls";
import { listChairPartReaders } from "../meetings/chair-part-readers";
import { coreGroupNotesResource } from "../access/core-group-resources";
import { getCoreGroup, listCaseCoreGroups, loadCoreGroupFacts } from "../core-groups/core-groups";
import { documentSections, type DocumentParts } from "../documents/document-sections";
import { readPlan } from "../plans/read-plan";
import { readableAgencyNotes } from "../cases/readable-agency-notes";
import { documentNames, parseDocumentName } from "../documents/registry";
import { getMeeting, listCaseMeetings } from "../meetings/meetings";
import { loadDocument } from "../collab/persistence";
import { listMaps } from "../maps/maps";
import { listScalings } from "../maps/scalings";
import { possessive } from "../../common/format";
import { meetingKindNames } from "../../common/meeting-kinds";

export type SearchHit = { where: string; href: string; snippet: Snippet };

/** The hits, and the collaborative documents that were opened to find them (for the audit trail). */
export type SearchResult = { hits: SearchHit[]; documentsRead: string[] };

export const SEARCH_MIN = 2;
export const SEARCH_MAX = 100;
const MAX_HITS = 100;

/** Around the first match, cut at whole words: the text before it, the match as written, and the text after. */
export type Snippet = { before: string; match: string; after: string };

export function snippetAround(text: string, query: string, radius = 80): Snippet | null {
  const index = text.toLocaleLowerCase("en-GB").indexOf(query.toLocaleLowerCase("en-GB"));
  if (index < 0) return null;
  let start = Math.max(0, index - radius);
  let end = Math.min(text.length, index + query.length + radius);
  // Move the cuts outwards to the nearest space, so no word is cut in half (within reason: a run with no spaces is cut).
  for (let step = 0; step < 30 && start > 0 && !/\s/.test(text[start - 1]); step++) start--;
  for (let step = 0; step < 30 && end < text.length && !/\s/.test(text[end]); step++) end++;
  const tidy = (part: string) => part.replace(/\s+/g, " ");
  return {
    before: `${start > 0 ? "…" : ""}${tidy(text.slice(start, index)).trimStart()}`,
    match: text.slice(index, index + query.length),
    after: `${tidy(text.slice(index + query.length, end)).trimEnd()}${end < text.length ? "…" : ""}`,
  };
}

export async function searchCase(
  sql: Sql,
  actor: Actor,
  facts: CaseFacts,
  agencies: { id: string; name: string }[],
  query: string,
  formatDate: (iso: string) => string,
): Promise<SearchResult> {
  const hits: SearchHit[] = [];
  const documentsRead: string[] = [];
  const here = `/cases/${facts.caseId}`;
  const add = (where: string, href: string, text: string) => {
    const snippet = snippetAround(text, query);
    if (snippet && hits.length < MAX_HITS) hits.push({ where, href, snippet });
  };
  const searchDocument = async (document: string, title: string, href: string, agencies: DocumentParts = []) => {
    const name = parseDocumentName(document)!;
    documentsRead.push(document);
    const { doc } = await loadDocument(sql, document);
    try {
      for (const section of documentSections(name, doc, agencies))
        for (const block of section.blocks as TextBlock[]) add(section.title ? `${title}: ${section.title}` : title, href, block.text);
    } finally {
      doc.destroy();
    }
  };

  if (can(actor, "read:record", caseNotesResource(facts))) await searchDocument(documentNames.caseNotes(facts.caseId), "Case notes", here);
  if (can(actor, "read:record", mapResource(facts))) {
    for (const map of await listMaps(sql, facts.caseId)) {
      const title = `Map of ${formatDate(map.heldOn)}`;
      const href = `${here}/maps/${map.id}`;
      await searchDocument(documentNames.map(facts.caseId, map.id), title, href);
      for (const scaling of await listScalings(sql, map.id)) add(`${title}: ${possessive(scaling.agencyName)} scaling`, `${href}#scaling`, scaling.reasons);
    }
    for (const entry of await listChildVoice(sql, facts.caseId))
      for (const text of [entry.worries, entry.goodThings, entry.dreams, entry.whoElsePresent])
        add(`The child's voice, ${formatDate(entry.seenOn)}`, `${here}/child-voice`, text);
  }
  for (const summary of await listCaseMeetings(sql, facts.caseId)) {
    const meeting = await getMeeting(sql, facts.caseId, summary.id);
    if (!meeting) continue;
    const title = `${meetingKindNames[meeting.kind]} of ${formatDate(meeting.heldOn)}`;
    const href = `${here}/meetings/${meeting.id}`;
    const readers = await listChairPartReaders(sql, meeting.id);
    for (const agency of meeting.agencies)
      for (const chairOnly of [false, true]) {
        const resource = chairOnly ? chairPartResource({ facts, meeting }, agency.id, readers) : sectionResource({ facts, meeting }, agency.id);
        if (!can(actor, "read:record", resource)) continue;
        const where = chairOnly ? `${title}: ${possessive(agency.name)} information for the chair` : `${title}: ${agency.name}`;
        await searchDocument(documentNames.meetingSection(facts.caseId, meeting.id, agency.id, chairOnly), where, href);
      }
  }
  const plan = await readPlan(sql, facts.caseId);
  if (plan && can(actor, "read:record", planRecord(facts, { leadUserId: plan.leadUserId, endedOn: plan.ended?.on ?? null }))) {
    const href = `${here}/plan`;
    for (const outcome of plan.outcomes) {
      add(`The plan: outcome ${outcome.number}`, `${href}#outcome-${outcome.id}`, outcome.wording);
      for (const action of outcome.actions)
        for (const text of [action.what, action.why, action.measure]) add(`The plan: action ${action.number}`, `${href}#action-${action.id}`, text);
    }
    await searchDocument(documentNames.plan(facts.caseId), "The plan: contingency plan", `${href}#contingency`);
  }
  // A core group's notes are read by its members and the plan's lead social worker (and those overseeing the case).
  for (const summary of await listCaseCoreGroups(sql, facts.caseId)) {
    const [coreGroup, group] = await Promise.all([getCoreGroup(sql, facts.caseId, summary.id), loadCoreGroupFacts(sql, facts.caseId, summary.id)]);
    if (!coreGroup || !group || !can(actor, "read:record", coreGroupNotesResource(facts, group))) continue;
    const title = `Core group ${summary.number} of ${formatDate(summary.heldOn)}`;
    await searchDocument(documentNames.coreGroupNotes(facts.caseId, summary.id), title, `${here}/core-groups/${summary.id}`, coreGroup.agencies);
  }
  for (const agency of await readableAgencyNotes(sql, actor, facts, agencies))
    await searchDocument(documentNames.agencyNotes(facts.caseId, agency.agencyId), `${possessive(agency.agencyName)} restricted notes`, `${here}/restricted/${agency.agencyId}`);
  return { hits, documentsRead };
}
