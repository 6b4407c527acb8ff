// Collaboration documents have typed names; a name resolves to the record the access policy judges. The same names
// are the socket.io rooms of the pages that show them, so a room and its document are refused to the same people.
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts, type RecordResource, type Resource } from "../access/policy";
import { loadCaseFacts } from "../cases/case-facts";
import { listCurrentShares } from "../cases/restricted-notes";

export type DocumentName =
  | { kind: "case-notes"; caseId: number; name: string }
  | { kind: "map"; caseId: number; mapId: number; name: string }
  | { kind: "agency-notes"; caseId: number; agencyId: string; name: string }
  /** An agency's information at a strategy meeting; `chairOnly`: the part it gives the chair alone. */
  | { kind: "meeting-section"; caseId: number; meetingId: number; agencyId: string; chairOnly: boolean; name: string };

export type DocumentAccess = "write" | "read" | "none";

const id = "([1-9]\\d{0,14})";
const caseNotes = new RegExp(`^case:${id}:notes$`);
const map = new RegExp(`^case:${id}:map:${id}$`);
const agencyNotes = new RegExp(`^case:${id}:agency:([a-z0-9][a-z0-9-]{0,62}):notes$`);
const meetingSection = new RegExp(`^case:${id}:meeting:${id}:agency:([a-z0-9][a-z0-9-]{0,62})(:chair)?$`);

export const documentNames = {
  caseNotes: (caseId: number) => `case:${caseId}:notes`,
  map: (caseId: number, mapId: number) => `case:${caseId}:map:${mapId}`,
  agencyNotes: (caseId: number, agencyId: string) => `case:${caseId}:agency:${agencyId}:notes`,
  meetingSection: (caseId: number, meetingId: number, agencyId: string, chairOnly = false) =>
    `case:${caseId}:meeting:${meetingId}:agency:${agencyId}${chairOnly ? ":chair" : ""}`,
};

/** The typed name, or null for a name of no known type. */
export function parseDocumentName(name: string): DocumentName | null {
  let match = caseNotes.exec(name);
  if (match) return { kind: "case-notes", caseId: Number(match[1]), name };
  match = map.exec(name);
  if (match) return { kind: "map", caseId: Number(match[1]), mapId: Number(match[2]), name };
  match = agencyNotes.exec(name);
  if (match) return { kind: "agency-notes", caseId: Number(match[1]), agencyId: match[2], name };
  match = meetingSection.exec(name);
  if (match)
    return { kind: "meeting-section", caseId: Number(match[1]), meetingId: Number(match[2]), agencyId: match[3], chairOnly: !!match[4], name };
  return null;
}

export type ResolvedDocument = { name: DocumentName; facts: CaseFacts; resource: Resource };

/** The record behind a document name, or null when it does not exist. */
export async function resolveDocument(sql: Sql, name: DocumentName): Promise<ResolvedDocument | null> {
  const facts = await loadCaseFacts(sql, name.caseId);
  if (!facts) return null;
  if (name.kind === "case-notes") return { name, facts, resource: caseNotesResource(facts) };
  if (name.kind === "map") {
    const [found] = await sql<{ signedOff: boolean }[]>`
      select exists (select 1 from meetings m where m.map_id = c.id and m.signed_off_at is not null) as "signedOff"
      from case_maps c where c.id = ${name.mapId} and c.case_id = ${name.caseId}`;
    return found ? { name, facts, resource: mapResource(facts, found.signedOff) } : null;
  }
  if (name.kind === "meeting-section") {
    const [meeting] = await sql<{ signedOff: boolean; chairUserId: string; inviteeUserIds: string[] }[]>`
      select m.signed_off_at is not null as "signedOff", m.chair_user_id as "chairUserId",
             (select array_agg(i.user_id) from meeting_invitees i where i.meeting_id = m.id) as "inviteeUserIds"
      from meetings m
      where m.id = ${name.meetingId} and m.case_id = ${name.caseId}
        and exists (select 1 from meeting_invitees i where i.meeting_id = m.id and i.agency_id = ${name.agencyId})`;
    return meeting
      ? { name, facts, resource: meetingSectionResource(facts, {
            agencyId: name.agencyId,
            chairOnly: name.chairOnly,
            signedOff: meeting.signedOff,
            chairUserId: Number(meeting.chairUserId),
            inviteeUserIds: meeting.inviteeUserIds.map(Number),
          }) }
      : null;
  }
  const resource = await agencyNotesResource(sql, facts, name.agencyId);
  return resource ? { name, facts, resource } : null;
}

/**
 * An agency's information at a strategy meeting: read by the people invited (and those who oversee the case), written
 * only by that agency's invitees, and part of what the family may be told. Its part for the chair alone is restricted: that agency and the chair, never
 * the family. Both are read-only for everyone once the meeting is signed off.
 */
export function meetingSectionResource(
  facts: CaseFacts,
  {
    agencyId,
    chairOnly,
    signedOff,
    chairUserId,
    inviteeUserIds,
  }: { agencyId: string; chairOnly: boolean; signedOff: boolean; chairUserId: number; inviteeUserIds: readonly number[] },
): Resource {
  const state = signedOff ? "signed-off" : "open";
  if (chairOnly)
    return {
      type: "record",
      case: facts,
      authorAgencyId: agencyId,
      visibility: "restricted",
      sharedWithAgencyIds: [],
      // This meeting's chair, not every chair on the case.
      readerUserIds: [chairUserId],
      notForFamily: true,
      state,
    };
  return {
    type: "record",
    case: facts,
    authorAgencyId: agencyId,
    visibility: "shared",
    writers: "author-agency",
    readerUserIds: inviteeUserIds,
    sharedWithAgencyIds: [],
    notForFamily: false,
    state,
  };
}

/** A record shared with every agency on the case. */
function sharedRecord(facts: CaseFacts, notForFamily: boolean): RecordResource {
  return { type: "record", case: facts, authorAgencyId: "", visibility: "shared", sharedWithAgencyIds: [], notForFamily, state: "open" };
}

/** Case notes: shared with every agency on the case, professional notes never given to the family. */
export function caseNotesResource(facts: CaseFacts): RecordResource {
  return sharedRecord(facts, true);
}

/**
 * A Signs of Safety map: shared with every agency on the case, and written to be shared with the family. A strategy
 * meeting's map is signed off with the meeting.
 */
export function mapResource(facts: CaseFacts, signedOff = false): RecordResource {
  return { ...sharedRecord(facts, false), state: signedOff ? "signed-off" : "open" };
}

/**
 * An agency's restricted notes on a case: that agency's, and the agencies it has shared them with; never the
 * family's. They exist while the agency is on the case.
 */
export async function agencyNotesResource(sql: Sql, facts: CaseFacts, agencyId: string): Promise<Resource | null> {
  if (!facts.agencyIds.includes(agencyId)) return null;
  return {
    type: "record",
    case: facts,
    authorAgencyId: agencyId,
    visibility: "restricted",
    // Only agencies still on the case: a share never outlives the agency's place on it.
    sharedWithAgencyIds: (await listCurrentShares(sql, facts.caseId, agencyId)).map((share) => share.agencyId).filter((id) => facts.agencyIds.includes(id)),
    notForFamily: true,
    state: "open",
  };
}

export function documentAccess(actor: Actor, resource: Resource): DocumentAccess {
  if (can(actor, "write:record", resource)) return "write";
  if (can(actor, "read:record", resource)) return "read";
  return "none";
}
