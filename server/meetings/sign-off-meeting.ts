// Signing off a strategy meeting or conference: refused until the record is complete, then the record is frozen
// (writing to its documents held and what was accepted committed), a conference's decision carried out (a plan made
// or ended, conference-sign-off.ts), marked signed off, and every open editor made read-only before the sign-off is
// reported (decisions 013 and 015).
import { inTransaction, type Sql } from "../../db/client";
import { meetingDocumentsPrefix } from "../documents/meeting-section";
import { mapName } from "../documents/map";
import { currentScalings, listScalings } from "../maps/scalings";
import type { Clock, EventHub } from "../services";
import { isConference } from "../../common/meeting-kinds";
import { carryOutDecision, ConferenceNotCarriedOut, conferenceSignOffProblems } from "./conference-sign-off";
import { attendingAgencies, listExemptions, type Meeting } from "./meetings";

/** Every attending agency has scaled, or the chair has recorded why it could not: which have not. */
export async function unscaledAgencies(sql: Sql, meeting: Meeting) {
  const [scalings, exemptions] = await Promise.all([listScalings(sql, meeting.mapId), listExemptions(sql, meeting.id)]);
  const scaled = new Set([...currentScalings(scalings).map((s) => s.agencyId), ...exemptions.map((e) => e.agencyId)]);
  return attendingAgencies(meeting).filter((agency) => !scaled.has(agency.id));
}

/** Why the meeting cannot be signed off yet, in words for the chair; null when it can. */
export async function signOffProblem(sql: Sql, meeting: Meeting): Promise<string | null> {
  if (meeting.invitees.every((invitee) => invitee.attendance === "invited")) return "Record who attended before signing off";
  const unscaled = await unscaledAgencies(sql, meeting);
  if (unscaled.length)
    return `${unscaled.map((a) => a.name).join(", ")} ${unscaled.length === 1 ? "has" : "have"} not scaled. Record their scaling, or why they could not, before signing off`;
  if (isConference(meeting.kind)) {
    if (!(await sql`select 1 from conference_decisions where meeting_id = ${meeting.id}`).length) return conferenceSignOffProblems.noDecision;
  } else if (!(await sql`select 1 from meeting_decisions where meeting_id = ${meeting.id}`).length) return "Record the decisions before signing off";
  return null;
}

export async function signOffMeeting(
  services: { sql: Sql; events: EventHub; clock: Clock },
  input: { caseId: number; meeting: Meeting; by: number },
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const { sql, events } = services;
  const { caseId, meeting, by } = input;
  const problem = await signOffProblem(sql, meeting);
  if (problem) return { ok: false, problem };
  // Edits that arrive meanwhile are refused once it is signed off (or kept, if the sign-off fails).
  const sections = meetingDocumentsPrefix(caseId, meeting.id);
  const map = mapName(caseId, meeting.mapId);
  const release = await events.holdWrites({ prefixes: [sections], names: [map] });
  try {
    // Signed off as of now, after the hold, with the meeting's row taken first: a change to the record under way
    // commits before this moment or is refused (migration 008), so nothing stored is from after it.
    try {
      await inTransaction(sql, async (tx) => {
        await tx`select 1 from meetings where id = ${meeting.id} for update`;
        const at = services.clock();
        // A conference's decision is carried out with its sign-off, or neither happens.
        const planId = isConference(meeting.kind) ? (await carryOutDecision(tx as unknown as Sql, meeting, by, at)).planId : null;
        await tx`update meetings set signed_off_at = ${at}, signed_off_by = ${by}, plan_id = coalesce(${planId}::bigint, plan_id)
                 where id = ${meeting.id} and signed_off_at is null`;
      });
    } catch (error) {
      if (error instanceof ConferenceNotCarriedOut) return { ok: false, problem: error.problem };
      throw error;
    }
    await events.endAccess({ kind: "records-changed", caseId });
  } finally {
    release();
  }
  return { ok: true };
}
