// The lead social worker signs off a core group's notes: refused until attendance is recorded and the day has come;
// then the notes are frozen at every door before the sign-off is reported (server/documents/sign-off-documents.ts).
import type { Sql } from "../../db/client";
import { formatDate } from "../../common/format";
import { coreGroupNotesName } from "../documents/core-group-notes";
import { signOffDocuments } from "../documents/sign-off-documents";
import type { Clock, EventHub } from "../services";
import type { CoreGroup } from "./core-groups";

/** Why the notes cannot be signed off yet, in words for the lead social worker; null when they can. */
export function signOffProblem(coreGroup: CoreGroup, today: string): string | null {
  if (coreGroup.heldOn > today) return `The core group meets on ${formatDate(coreGroup.heldOn)}: sign off its notes once it has met`;
  if (coreGroup.members.every((member) => member.attendance === "invited")) return "Record who attended before signing off";
  return null;
}

export async function signOffCoreGroup(
  services: { sql: Sql; events: EventHub; clock: Clock },
  input: { coreGroup: CoreGroup; today: string; by: number },
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const { coreGroup, by } = input;
  const problem = signOffProblem(coreGroup, input.today);
  if (problem) return { ok: false, problem };
  const notes = coreGroupNotesName(coreGroup.caseId, coreGroup.id);
  await signOffDocuments(services, {
    ends: { kind: "records-changed", caseId: coreGroup.caseId },
    documents: { names: [notes] },
    markSignedOff: async (tx) => {
      await tx`select 1 from core_groups where id = ${coreGroup.id} for update`;
      await tx`update core_groups set signed_off_at = ${services.clock()}, signed_off_by = ${by}
               where id = ${coreGroup.id} and signed_off_at is null`;
    },
  });
  return { ok: true };
}
