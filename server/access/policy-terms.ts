// The terms the access policy (./policy.ts) is written in: who asks (an actor), what they ask about (a resource, with
// the facts the rules need) and what they ask to do (an action). Builders of resources are in ./resources.ts.
import type { AgencyKind, Role } from "../../common/vocabulary";

export type Actor = { id: number; agencyId: string; agencyKind: AgencyKind; role: Role };

/** What the policy needs to know of a case: who works on it. */
export type CaseFacts = {
  caseId: number;
  status: "open" | "closed";
  memberUserIds: readonly number[];
  /** Members who lead the case (the lead social worker). */
  leadUserIds: readonly number[];
  /** Agencies working on the case now. */
  agencyIds: readonly string[];
  /**
   * Partnership managers who opened the case for oversight with a reason and whose time has not run out (decision
   * 039): they read it as though they were on it, read-only, until then.
   */
  oversightUserIds: readonly number[];
};

export type Resource =
  | { type: "case"; case: CaseFacts }
  | {
      /** Anything recorded on a case: a note, a map, a meeting record, an agency's section. */
      type: "record";
      case: CaseFacts;
      authorAgencyId: string;
      /** shared: every agency that may read the case; restricted: the author agency and those it names. */
      visibility: "shared" | "restricted";
      sharedWithAgencyIds: readonly string[];
      notForFamily: boolean;
      state: "open" | "signed-off";
      /** Who may write it, of those who may read it: every member (the default), or only the author agency's. */
      writers?: "members" | "author-agency";
      /**
       * The named people who read it. Restricted: besides the author agency and the named agencies' invitees
       * (`inviteeUserIds`), in place of the case's chairs (a meeting's part for its own chair). Shared: of the
       * professionals on the case, only these (a meeting's invitees); those who oversee the case still read it.
       */
      readerUserIds?: readonly number[];
      /**
       * Restricted, with named people: a meeting's invitees. The named agencies (`sharedWithAgencyIds`) read it only
       * through their people among these, working on the case, not everyone in those agencies; and of the author
       * agency, only these name them (share:record).
       */
      inviteeUserIds?: readonly number[];
    }
  | {
      /** A strategy meeting or discussion as a whole: the chair's part of it (decisions, sign-off). */
      type: "meeting";
      case: CaseFacts;
      chairUserId: number;
      state: "open" | "signed-off";
    }
  | {
      /** One invitee's part in a meeting: their attendance, or an action they own. */
      type: "meeting-person";
      case: CaseFacts;
      chairUserId: number;
      /** The invitee whose attendance it is, or the action's owner. */
      personUserId: number;
      state: "open" | "signed-off";
    }
  | {
      /** A child protection plan's outcomes and actions (its contingency plan is a record: resources.ts planRecord). */
      type: "plan";
      case: CaseFacts;
      /** The plan's lead social worker. */
      leadUserId: number;
      state: "active" | "ended";
    }
  | {
      /** An action of a child protection plan, as its progress is said at a core group (core-group-resources.ts). */
      type: "plan-action";
      case: CaseFacts;
      /** The plan's lead social worker, who may say how any action stands. */
      leadUserId: number;
      /** The agency that owns the action. */
      ownerAgencyId: string;
      /** The core group's: open until its notes are signed off; "ended" once the plan has ended. */
      state: "open" | "signed-off" | "ended";
    }
  | {
      /** A referral into the front door (a contact), as its referrer sees it: a draft, or sent to the screening team. */
      type: "referral";
      referrerUserId: number;
      /** decided: a manager has authorised its decision; it is read, never worked, from then on. */
      state: "draft" | "submitted" | "decided";
    }
  | {
      /** A decision on a contact proposed by a screener, for a social care manager to authorise or send back. */
      type: "contact-decision";
      proposedByUserId: number;
      state: "proposed" | "authorised" | "sent-back";
    }
  | {
      /**
       * A live document on a contact: an agency's check (its author agency's), or the front door's map (no author
       * agency: the whole screening team's). Restricted (the police's checks, until shared with a reason): the author
       * agency and the deciding managers only. Once the contact is decided it is read, never written; if the decision
       * opened a case, the case's readers read it under the case's rules.
       */
      type: "contact-record";
      contactId: number;
      authorAgencyId: string | null;
      restricted: boolean;
      /** completed: its agency has said the check is done; decided: the contact is. Either way it is read from then on. */
      state: "open" | "completed" | "decided";
      case?: CaseFacts;
    }
  | {
      /**
       * A step down (social care to early help) or step up (early help to social care) of a case, or of a contact (the
       * front door's decision to step down), for the receiving agency's managers to accept or decline (decision 038).
       */
      type: "transition";
      case?: CaseFacts;
      direction: "step_down" | "step_up";
      toAgencyId: string;
      proposedByUserId: number;
      state: "proposed" | "accepted" | "declined";
    }
  /** The front door's queue of submitted contacts, as the screening team works it (and its live room). */
  | { type: "front-door" }
  | { type: "agency"; agencyId: string }
  | { type: "partnership" };

export type RecordResource = Extract<Resource, { type: "record" }>;
export type MeetingResource = Extract<Resource, { type: "meeting" }>;
export type MeetingPersonResource = Extract<Resource, { type: "meeting-person" }>;
export type PlanResource = Extract<Resource, { type: "plan" }>;
export type PlanActionResource = Extract<Resource, { type: "plan-action" }>;
export type ReferralResource = Extract<Resource, { type: "referral" }>;
export type ContactRecordResource = Extract<Resource, { type: "contact-record" }>;

export type Action =
  | "read:case"
  | "edit:case"
  | "read:record"
  | "write:record"
  | "read:for-family"
  | "mark:for-family"
  | "share:record"
  | "record:scaling"
  | "manage:case-team"
  | "convene:meeting"
  | "chair:meeting"
  | "record:attendance"
  | "update:meeting-action"
  | "change:plan"
  | "record:progress"
  | "make:referral"
  | "read:referral"
  | "edit:referral"
  | "screen:contact"
  | "rate:contact"
  | "match:contact"
  | "add:contact-document"
  | "record:consent"
  | "propose:contact-decision"
  | "authorise:contact-decision"
  | "propose:transition"
  | "read:transition"
  | "answer:transition"
  | "manage:people"
  | "read:audit"
  | "open:case-for-oversight"
  | "read:oversight-access"
  | "read:oversight"
  | "oversee:second-factors";
