// The front door's map carried to the case a decision opens (decision 037): a new map on the case, whose document is
// the front door's copied row for row, so every word keeps who wrote it and when. Runs inside the decision's
// transaction, with writing to the contact's documents held, so nothing typed at the front door is left behind.
import type { Sql } from "../../db/client";
import { copyDocument } from "../collab/persistence";
import { mapName } from "../documents/map";
import { createMap } from "../maps/maps";
import { contactMapName } from "./contact-documents";

/** The case map it became, or null when the contact had no map (or it was carried before). */
export async function carryContactMap(
  tx: Sql,
  input: { contactId: number; caseId: number; heldOn: string; byUserId: number; at: Date },
): Promise<{ mapId: number } | null> {
  const [row] = await tx<{ startedAt: Date }[]>`
    select started_at as "startedAt" from contact_maps where contact_id = ${input.contactId} and carried_at is null for update`;
  if (!row) return null;
  const { id } = await createMap(tx, {
    caseId: input.caseId,
    heldOn: input.heldOn,
    title: `From the front door (referral R-${input.contactId})`,
    createdBy: input.byUserId,
    at: input.at,
  });
  await copyDocument(tx, contactMapName(input.contactId), mapName(input.caseId, id));
  await tx`update contact_maps set carried_to_case_id = ${input.caseId}, carried_to_map_id = ${id}, carried_at = ${input.at}
            where contact_id = ${input.contactId}`;
  return { mapId: id };
}
