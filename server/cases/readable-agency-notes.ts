// Which agencies' restricted notes on a case this person may read, and why: one query for every agency's current
// shares, then the policy for each (the front sheet, print and search all ask here).
import type { Sql } from "../../db/client";
import { can, type Actor, type CaseFacts, type RecordResource } from "../access/policy";
import { agencyNotesRecord } from "../access/resources";

export type ReadableAgencyNotes = {
  agencyId: string;
  agencyName: string;
  /** The person's own agency's notes. */
  own: boolean;
  /** Why someone outside the agency reads them, in words ("" for their own). */
  why: string;
  resource: RecordResource;
};

export async function readableAgencyNotes(
  sql: Sql,
  actor: Actor,
  facts: CaseFacts,
  agencies: readonly { id: string; name: string }[],
): Promise<ReadableAgencyNotes[]> {
  const shares = await sql<{ ownerAgencyId: string; agencyId: string }[]>`
    select owner_agency_id as "ownerAgencyId", agency_id as "agencyId" from (
      select distinct on (owner_agency_id, shared_with_agency_id) owner_agency_id, shared_with_agency_id as agency_id, shared
      from restricted_note_shares where case_id = ${facts.caseId}
      order by owner_agency_id, shared_with_agency_id, at desc, id desc
    ) latest where latest.shared`;
  const readable: ReadableAgencyNotes[] = [];
  for (const agency of agencies) {
    const resource = agencyNotesRecord(
      facts,
      agency.id,
      shares.filter((share) => share.ownerAgencyId === agency.id).map((share) => share.agencyId),
    );
    if (!resource) continue;
    if (!can(actor, "read:record", resource)) continue;
    const own = agency.id === actor.agencyId;
    const why = own ? "" : resource.sharedWithAgencyIds.includes(actor.agencyId) ? "Shared with your agency" : "You read them as the case's chair";
    readable.push({ agencyId: agency.id, agencyName: agency.name, own, why, resource });
  }
  return readable;
}
