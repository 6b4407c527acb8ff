// Every builder of a policy resource for a core group of a child protection plan: what each part of it is, in the
// policy's terms. A core group is a meeting chaired by the plan's lead social worker, so its chair's part and each
// member's part are the policy's meeting resources; its notes are a record read and written by its members.
import type { CaseFacts, MeetingPersonResource, MeetingResource, PlanActionResource, RecordResource } from "./policy";
import { meetingSectionResource } from "./resources";

/** What the policy needs to know of a core group: its plan's lead social worker (its chair), members, sign-off. */
export type CoreGroupFacts = { leadUserId: number; memberUserIds: readonly number[]; signedOff: boolean };

const stateOf = (group: Pick<CoreGroupFacts, "signedOff">): "signed-off" | "open" => (group.signedOff ? "signed-off" : "open");

/** The core group as a whole: the lead social worker's forms (sign-off, and after it the distribution). */
export function coreGroupResource(facts: CaseFacts, group: Pick<CoreGroupFacts, "leadUserId" | "signedOff">): MeetingResource {
  return { type: "meeting", case: facts, chairUserId: group.leadUserId, state: stateOf(group) };
}

/**
 * Scheduling the plan's next core group: the chair's part of a core group still to be made, so its lead social worker's,
 * while the plan is active.
 */
export function nextCoreGroupResource(facts: CaseFacts, plan: { leadUserId: number; endedOn: string | null }): MeetingResource {
  return coreGroupResource(facts, { leadUserId: plan.leadUserId, signedOff: !!plan.endedOn });
}

/** One member's attendance: the lead social worker records anyone's, each member their own, until sign-off. */
export function coreGroupMemberResource(facts: CaseFacts, group: Pick<CoreGroupFacts, "leadUserId" | "signedOff">, memberUserId: number): MeetingPersonResource {
  return { type: "meeting-person", case: facts, chairUserId: group.leadUserId, personUserId: memberUserId, state: stateOf(group) };
}

/**
 * The core group's notes, one live document with a part per agency: read by its members and the plan's lead social
 * worker (and those who oversee the case), co-written by them until sign-off. Only the parts an agency has marked for
 * the family reach the family's version, so the whole is not the family's.
 */
export function coreGroupNotesResource(facts: CaseFacts, group: CoreGroupFacts): RecordResource {
  return { ...coreGroupSectionResource(facts, group, ""), writers: "members", notForFamily: true };
}

/**
 * One agency's part of the notes, as whose it is (that agency alone says whether it goes to the family): read by the
 * members as an agency's section of a meeting is read by its invitees.
 */
export function coreGroupSectionResource(facts: CaseFacts, group: CoreGroupFacts, agencyId: string): RecordResource {
  const readers = [...new Set([...group.memberUserIds, group.leadUserId])];
  const section = meetingSectionResource(facts, { agencyId, chairOnly: false, signedOff: group.signedOff, chairUserId: group.leadUserId, inviteeUserIds: readers });
  return section as RecordResource;
}

/** An action of the plan, as its progress is said at this core group (`signedOff`), or at none once the plan ended. */
export function planActionResource(
  facts: CaseFacts,
  on: { leadUserId: number; ownerAgencyId: string; signedOff: boolean; planEnded: boolean },
): PlanActionResource {
  return { type: "plan-action", case: facts, leadUserId: on.leadUserId, ownerAgencyId: on.ownerAgencyId, state: on.planEnded ? "ended" : stateOf(on) };
}
