// The registry of collaborative document kinds: the one place a document name is parsed and resolved to the record
// the policy judges. The collaboration server, socket.io rooms, search, print and history all ask here.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts, type Resource } from "../access/policy";
import { loadCaseFacts } from "../cases/case-facts";
import { agencyNotes, agencyNotesName, type AgencyNotesName } from "./agency-notes";
import { caseNotes, caseNotesName, type CaseNotesName } from "./case-notes";
import { coreGroupNotes, coreGroupNotesName, type CoreGroupNotesName } from "./core-group-notes";
import type { DocumentKind, NameOnCase } from "./kind";
import { map, mapName, type MapName } from "./map";
import { meetingSection, meetingSectionName, type MeetingSectionName } from "./meeting-section";
import { plan, planName, type PlanName } from "./plan";

export type DocumentName = CaseNotesName | MapName | AgencyNotesName | MeetingSectionName | PlanName | CoreGroupNotesName;

export type DocumentAccess = "write" | "read" | "none";

/** Every kind, in the order names are tried. */
export const documentKinds: readonly DocumentKind<NameOnCase>[] = [caseNotes, map, agencyNotes, meetingSection, plan, coreGroupNotes] as unknown as DocumentKind<NameOnCase>[];

/** How each kind's documents are named. */
export const documentNames = {
  caseNotes: caseNotesName,
  map: mapName,
  agencyNotes: agencyNotesName,
  meetingSection: meetingSectionName,
  plan: planName,
  coreGroupNotes: coreGroupNotesName,
};

/** The typed name, or null for a name of no known kind. */
export function parseDocumentName(name: string): DocumentName | null {
  for (const kind of documentKinds) {
    const parsed = kind.parse(name);
    if (parsed) return parsed as DocumentName;
  }
  return null;
}

export type ResolvedDocument = { name: DocumentName; facts: CaseFacts; resource: Resource };

/** The record behind a document name, or null when it does not exist. */
export async function resolveDocument(sql: Sql, name: DocumentName): Promise<ResolvedDocument | null> {
  const facts = await loadCaseFacts(sql, name.caseId);
  if (!facts) return null;
  const kind = documentKinds.find((candidate) => candidate.kind === name.kind);
  const resource = kind ? await kind.resolve(sql, name, facts) : null;
  return resource ? { name, facts, resource } : null;
}

export function documentAccess(actor: Actor, resource: Resource): DocumentAccess {
  if (can(actor, "write:record", resource)) return "write";
  if (can(actor, "read:record", resource)) return "read";
  return "none";
}
