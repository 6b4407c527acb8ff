// Collaboration documents have typed names; a name resolves to the record the access policy judges.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts, type Resource } from "../access/policy";
import { loadCaseFacts } from "../cases/case-facts";

export type DocumentName = { kind: "case-notes"; caseId: number; name: string };

export type DocumentAccess = "write" | "read" | "none";

const caseNotes = /^case:([1-9]\d{0,14}):notes$/;

/** The typed name, or null for a name of no known type. */
export function parseDocumentName(name: string): DocumentName | null {
  const notes = caseNotes.exec(name);
  if (notes) return { kind: "case-notes", caseId: Number(notes[1]), name };
  return null;
}

export type ResolvedDocument = { name: DocumentName; facts: CaseFacts; resource: Resource };

/** The record behind a document name, or null when it does not exist. */
export async function resolveDocument(sql: Sql, name: DocumentName): Promise<ResolvedDocument | null> {
  const facts = await loadCaseFacts(sql, name.caseId);
  if (!facts) return null;
  return { name, facts, resource: caseNotesResource(facts) };
}

/** Case notes: shared with every agency on the case, professional notes never given to the family. */
export function caseNotesResource(facts: CaseFacts): Resource {
  return {
    type: "record",
    case: facts,
    authorAgencyId: "",
    visibility: "shared",
    sharedWithAgencyIds: [],
    notForFamily: true,
    state: "open",
  };
}

export function documentAccess(actor: Actor, resource: Resource): DocumentAccess {
  if (can(actor, "write:record", resource)) return "write";
  if (can(actor, "read:record", resource)) return "read";
  return "none";
}
