// The registry of collaborative document kinds: the one place a document name is parsed and resolved to the record
// the policy judges. The collaboration server, socket.io rooms, search, print and history all ask here.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts, type Resource } from "../access/policy";
import { loadCaseFacts, loadCaseFactsOf } from "../cases/case-facts";
import { agencyNotes, agencyNotesName, type AgencyNotesName } from "./agency-notes";
import { caseNotes, caseNotesName, type CaseNotesName } from "./case-notes";
import { coreGroupNotes, coreGroupNotesName, type CoreGroupNotesName } from "./core-group-notes";
import { contactCheck, contactCheckName, type ContactCheckName } from "./contact-check";
import { contactMap, contactMapName, type ContactMapName } from "./contact-map";
import type { ContactDocumentKind, DocumentKind, NameOnCase, NameOnContact } from "./kind";
import { map, mapName, type MapName } from "./map";
import { meetingSection, meetingSectionName, type MeetingSectionName } from "./meeting-section";
import { plan, planName, type PlanName } from "./plan";

export type DocumentName =
  | CaseNotesName
  | MapName
  | AgencyNotesName
  | MeetingSectionName
  | PlanName
  | CoreGroupNotesName
  | ContactCheckName
  | ContactMapName;

export type DocumentAccess = "write" | "read" | "none";

/** Every kind on a case, in the order names are tried. */
export const documentKinds: readonly DocumentKind<NameOnCase>[] = [caseNotes, map, agencyNotes, meetingSection, plan, coreGroupNotes] as unknown as DocumentKind<NameOnCase>[];
/** Every kind on a contact at the front door. */
const contactDocumentKinds: readonly ContactDocumentKind<NameOnContact>[] = [contactCheck, contactMap] as unknown as ContactDocumentKind<NameOnContact>[];

/** How each kind's documents are named. */
export const documentNames = {
  caseNotes: caseNotesName,
  map: mapName,
  agencyNotes: agencyNotesName,
  meetingSection: meetingSectionName,
  plan: planName,
  coreGroupNotes: coreGroupNotesName,
  contactCheck: contactCheckName,
  contactMap: contactMapName,
};

/** The typed name, or null for a name of no known kind. */
export function parseDocumentName(name: string): DocumentName | null {
  for (const kind of [...documentKinds, ...contactDocumentKinds]) {
    const parsed = kind.parse(name);
    if (parsed) return parsed as DocumentName;
  }
  return null;
}

/** The record behind a name, and the case it is on (a contact's document: the case a decision opened, if any). */
export type ResolvedDocument = { name: DocumentName; caseId: number | null; resource: Resource };

/** The record behind a document name, or null when it does not exist; `now`: the portal's clock, for access opened for oversight. */
export async function resolveDocument(
  sql: Sql,
  name: DocumentName,
  now: Date = new Date(),
  /** Where a case's facts come from, when not one query of its own (the upgrade's, batched: services.together). */
  caseFacts?: (caseId: number) => Promise<CaseFacts | null>,
): Promise<ResolvedDocument | null> {
  if ("contactId" in name) {
    const kind = contactDocumentKinds.find((candidate) => candidate.kind === name.kind);
    const found = kind ? await kind.resolve(sql, name, now) : null;
    return found ? { name, ...found } : null;
  }
  const facts = await (caseFacts ? caseFacts(name.caseId) : loadCaseFacts(sql, name.caseId, now));
  return facts ? resolveOnCase(sql, name, facts) : null;
}

/** Many names at once (a pass over every open document): the facts of all their cases in one query. */
export async function resolveDocuments(sql: Sql, names: readonly DocumentName[], now: Date): Promise<(ResolvedDocument | null)[]> {
  const facts = await loadCaseFactsOf(sql, names.flatMap((name) => ("contactId" in name ? [] : [name.caseId])), now);
  return Promise.all(
    names.map((name) => {
      if ("contactId" in name) return resolveDocument(sql, name, now);
      const found = facts.get(name.caseId);
      return found ? resolveOnCase(sql, name, found) : null;
    }),
  );
}

async function resolveOnCase(sql: Sql, name: Exclude<DocumentName, ContactCheckName | ContactMapName>, facts: CaseFacts): Promise<ResolvedDocument | null> {
  const kind = documentKinds.find((candidate) => candidate.kind === name.kind);
  const resource = kind ? await kind.resolve(sql, name, facts) : null;
  return resource ? { name, caseId: facts.caseId, resource } : null;
}

export function documentAccess(actor: Actor, resource: Resource): DocumentAccess {
  if (can(actor, "write:record", resource)) return "write";
  if (can(actor, "read:record", resource)) return "read";
  return "none";
}
