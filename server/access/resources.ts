// Every builder of a policy resource for a record on a case: what each kind of record is, in the policy's terms.
import type { Sql } from "../../db/client";
import { listCurrentShares } from "../cases/restricted-notes";
import type { Meeting } from "../meetings/meetings";
import type { CaseFacts, MeetingPersonResource, PlanResource, RecordResource, Resource } from "./policy";

/** Where an agency's information sits at a meeting: the meeting, and its invitees. */
type SectionAt = { agencyId: string; signedOff: boolean; chairUserId: number; inviteeUserIds: readonly number[] };

/**
 * An agency's information at a strategy meeting or conference: read by the people invited (and those who oversee the
 * case), written only by that agency's invitees, and the family's only once that agency has marked it for the family
 * (`forFamily`; unmarked, it is not). Its part for the chair is restricted: that agency, the chair, and the invitees of
 * the other agencies at the meeting it names (`namedAgencyIds`, which every builder of it loads); never the family.
 * Both are read-only for everyone once the meeting is signed off.
 */
export function meetingSectionResource(
  facts: CaseFacts,
  section: SectionAt & ({ chairOnly: false; forFamily?: boolean } | { chairOnly: true; namedAgencyIds: readonly string[] }),
): RecordResource {
  const { agencyId, signedOff, chairUserId, inviteeUserIds } = section;
  const state = signedOff ? "signed-off" : "open";
  if (section.chairOnly)
    return {
      type: "record",
      case: facts,
      authorAgencyId: agencyId,
      visibility: "restricted",
      sharedWithAgencyIds: section.namedAgencyIds.filter((id) => id !== agencyId),
      // This meeting's chair, not every chair on the case; the named agencies through their invitees.
      readerUserIds: [chairUserId],
      inviteeUserIds,
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
    notForFamily: !section.forFamily,
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
 * What one agency wrote on a map: the map's words are every member's to write, but each agency's are the family's only
 * once that agency has marked them for the family (`forFamily`), and only that agency marks them.
 */
export function mapWordsResource(facts: CaseFacts, agencyId: string, { signedOff, forFamily }: { signedOff: boolean; forFamily: boolean }): RecordResource {
  return { ...mapResource(facts, signedOff), authorAgencyId: agencyId, writers: "author-agency", notForFamily: !forFamily };
}

/**
 * An agency's restricted notes on a case: that agency's, and the agencies it has shared them with; never the
 * family's. They exist while the agency is on the case, and a share never outlives the reader's place on it.
 */
export function agencyNotesRecord(facts: CaseFacts, agencyId: string, sharedWithAgencyIds: readonly string[]): RecordResource | null {
  if (!facts.agencyIds.includes(agencyId)) return null;
  return {
    type: "record",
    case: facts,
    authorAgencyId: agencyId,
    visibility: "restricted",
    sharedWithAgencyIds: sharedWithAgencyIds.filter((id) => facts.agencyIds.includes(id)),
    notForFamily: true,
    state: "open",
  };
}

/** An agency's restricted notes on a case, with its shares as they stand. */
export async function agencyNotesResource(sql: Sql, facts: CaseFacts, agencyId: string): Promise<Resource | null> {
  if (!facts.agencyIds.includes(agencyId)) return null;
  const shares = await listCurrentShares(sql, facts.caseId, agencyId);
  return agencyNotesRecord(facts, agencyId, shares.map((share) => share.agencyId));
}

/** The meeting's own record (attendance, actions): written by anyone working on the case until sign-off. */
export function meetingRecord(facts: CaseFacts, meeting: Pick<Meeting, "signedOffAt">): RecordResource {
  return {
    type: "record",
    case: facts,
    authorAgencyId: "",
    visibility: "shared",
    sharedWithAgencyIds: [],
    notForFamily: false,
    state: meeting.signedOffAt ? "signed-off" : "open",
  };
}

/** One invitee's part in a meeting: their attendance, or (`personUserId` its owner) an action of the meeting. */
export function meetingPersonResource(
  facts: CaseFacts,
  meeting: Pick<Meeting, "chairUserId" | "signedOffAt">,
  personUserId: number,
): MeetingPersonResource {
  return { type: "meeting-person", case: facts, chairUserId: meeting.chairUserId, personUserId, state: meeting.signedOffAt ? "signed-off" : "open" };
}

/** What a child protection plan is to the policy: its case, its lead social worker, and whether it has ended. */
export type PlanOnCase = { leadUserId: number; endedOn: string | null };

/** A plan's outcomes and actions: read by everyone on the case; changed by its lead social worker and team managers. */
export function planResource(facts: CaseFacts, plan: PlanOnCase): PlanResource {
  return { type: "plan", case: facts, leadUserId: plan.leadUserId, state: plan.endedOn ? "ended" : "active" };
}

/**
 * A plan's contingency plan, a live narrative: shared with every agency on the case and co-edited by the professionals
 * working on it (the core group), part of what the family is given. Read-only for everyone once the plan has ended,
 * as a signed-off record is.
 */
export function planRecord(facts: CaseFacts, plan: PlanOnCase): RecordResource {
  return { ...sharedRecord(facts, false), state: plan.endedOn ? "signed-off" : "open" };
}
