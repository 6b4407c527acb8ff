// THE access policy: who may do what to which thing. Every page, socket event and collaboration document asks
// `can` here; nothing else in the portal decides access. Its terms (actors, resources, actions) are in ./policy-terms.ts.

import type { AgencyKind } from "../../common/vocabulary";
import type { Action, Actor, CaseFacts, ContactRecordResource, Resource } from "./policy-terms";

// The vocabulary of agency kinds and roles is shared with the browser; it is re-exported here for the server's use.
export { agencyKinds, roleNames, roles, type AgencyKind, type Role } from "../../common/vocabulary";
export type * from "./policy-terms";

type Rule = { action: Action; who: string; allows: (actor: Actor, resource: Resource) => boolean };

const isMember = (actor: Actor, facts: CaseFacts) => facts.memberUserIds.includes(actor.id);
const agencyOnCase = (actor: Actor, facts: CaseFacts) => facts.agencyIds.includes(actor.agencyId);
const caseOf = (resource: Resource): CaseFacts | undefined => ("case" in resource ? resource.case : undefined);

/**
 * May see the case at all: need to know, or oversight. A partnership manager not on the case reads it only while
 * they have live access, opened with a reason (decision 039).
 */
function readsCase(actor: Actor, facts: CaseFacts): boolean {
  if (isMember(actor, facts)) return true;
  if (actor.role === "manager" && agencyOnCase(actor, facts)) return true;
  return actor.role === "partnership_manager" && facts.oversightUserIds.includes(actor.id);
}

/**
 * May see this record's content: the case, and if restricted, being of the author agency or one it names, or the
 * child protection chair on the case (restricted information is shared "with the chair and named agencies").
 */
function readsRecord(actor: Actor, resource: Resource): boolean {
  if (resource.type === "contact-record") return readsContactRecord(actor, resource);
  if (resource.type !== "record" || !readsCase(actor, resource.case)) return false;
  if (resource.visibility === "shared")
    return !resource.readerUserIds || resource.readerUserIds.includes(actor.id) || !isMember(actor, resource.case);
  if (resource.readerUserIds) {
    if (actor.agencyId === resource.authorAgencyId) return true;
    if (!isMember(actor, resource.case)) return false;
    if (resource.readerUserIds.includes(actor.id)) return true;
    return resource.sharedWithAgencyIds.includes(actor.agencyId) && (resource.inviteeUserIds?.includes(actor.id) ?? false);
  }
  if (actor.role === "chair" && isMember(actor, resource.case)) return true;
  return actor.agencyId === resource.authorAgencyId || resource.sharedWithAgencyIds.includes(actor.agencyId);
}

/** The agencies whose screeners make up the multi-agency screening team at the front door. */
const screeningAgencyKinds: readonly AgencyKind[] = ["social_care", "early_help", "police", "health", "education"];

/** Of the screening team: a screener of a screening agency, or a social care manager (who decides with them). */
const screensContacts = (actor: Actor) =>
  (actor.role === "screener" && screeningAgencyKinds.includes(actor.agencyKind)) ||
  (actor.role === "manager" && actor.agencyKind === "social_care");

/** Decides with the screening team: a social care manager, who authorises decisions and reads restricted checks. */
const decidesContacts = (actor: Actor) => actor.role === "manager" && actor.agencyKind === "social_care";

/** A sent referral the screening team still works: not a draft, not yet decided. */
const beingScreened = (resource: Resource) => resource.type === "referral" && resource.state === "submitted";

/**
 * A live document on a contact: the screening team reads it (restricted: only the author agency's screeners and the
 * deciding managers); once a decision has opened a case from it, that case's readers too, restricted ones only by
 * the author agency's people and the case's social care managers.
 */
function readsContactRecord(actor: Actor, resource: ContactRecordResource): boolean {
  const ofAuthorAgency = resource.authorAgencyId !== null && actor.agencyId === resource.authorAgencyId;
  if (screensContacts(actor)) return !resource.restricted || ofAuthorAgency || decidesContacts(actor);
  if (!resource.case || !readsCase(actor, resource.case)) return false;
  return !resource.restricted || ofAuthorAgency || (decidesContacts(actor) && agencyOnCase(actor, resource.case));
}

/** Writes it: the screening team (a check, only its author agency's screeners), while the contact is undecided. */
const writesContactRecord = (actor: Actor, resource: ContactRecordResource) =>
  resource.state === "open" &&
  screensContacts(actor) &&
  (resource.authorAgencyId === null || (actor.role === "screener" && actor.agencyId === resource.authorAgencyId));

/**
 * Proposes moving a case's work to the other team: of the team it moves from (social care for a step down, early
 * help for a step up), the case's lead or a manager of that team on the case, while it is open.
 */
function proposesTransition(actor: Actor, resource: Resource): boolean {
  if (resource.type !== "transition" || !resource.case || resource.case.status !== "open") return false;
  if (actor.agencyKind !== (resource.direction === "step_down" ? "social_care" : "early_help")) return false;
  if (resource.case.leadUserIds.includes(actor.id) && isMember(actor, resource.case)) return true;
  return actor.role === "manager" && agencyOnCase(actor, resource.case);
}

/** A manager of the agency the work moves to (not the proposer), while it waits and its case, if any, is open. */
const answersTransition = (actor: Actor, resource: Resource) =>
  resource.type === "transition" &&
  resource.state === "proposed" &&
  (!resource.case || resource.case.status === "open") &&
  actor.role === "manager" &&
  actor.agencyId === resource.toAgencyId &&
  actor.id !== resource.proposedByUserId;

/** A person's part in a meeting (their attendance, their action): theirs or the chair's, while they work on an open case. */
const chairOrThemselves = (actor: Actor, resource: Resource) =>
  resource.type === "meeting-person" &&
  resource.case.status === "open" &&
  isMember(actor, resource.case) &&
  (actor.id === resource.chairUserId || actor.id === resource.personUserId);

/**
 * The rules, one line each. Anything not allowed here is refused. Oversight (team managers for their agency's
 * cases, partnership managers for those they opened with a reason) is read-only; administrators manage people, not
 * children's records.
 */
export const rules: readonly Rule[] = [
  {
    action: "read:case",
    who: "members of the case; managers of an agency on the case; partnership managers who opened it for oversight with a reason, until their time runs out",
    allows: (actor, resource) => resource.type === "case" && readsCase(actor, resource.case),
  },
  {
    action: "edit:case",
    who: "social care members of an open case, and social care managers of an agency on it",
    allows: (actor, resource) => {
      const facts = resource.type === "case" ? resource.case : undefined;
      if (!facts || facts.status !== "open" || actor.agencyKind !== "social_care") return false;
      if (actor.role === "administrator" || actor.role === "partnership_manager") return false;
      return isMember(actor, facts) || (actor.role === "manager" && agencyOnCase(actor, facts));
    },
  },
  {
    action: "read:record",
    who: "whoever reads the case; if restricted, only the author agency, the agencies it names (at a meeting, their invitees) and the case's chair (at a meeting, its own). On a contact: the screening team; a restricted check only its agency and the deciding managers; after a decision that opened a case, that case's readers under the same rules",
    allows: readsRecord,
  },
  {
    action: "write:record",
    who: "members who read it, while it is not signed off; restricted records, and shared ones written by one agency, only by their author agency. On a contact, until it is decided: a check by its agency's screeners, the map by the screening team",
    allows: (actor, resource) => {
      if (resource.type === "contact-record") return writesContactRecord(actor, resource);
      if (resource.type !== "record" || !readsRecord(actor, resource)) return false;
      if (resource.state === "signed-off" || resource.case.status !== "open") return false;
      if (!isMember(actor, resource.case) || actor.role === "partnership_manager" || actor.role === "administrator")
        return false;
      if (resource.visibility === "shared" && resource.writers !== "author-agency") return true;
      return actor.agencyId === resource.authorAgencyId;
    },
  },
  {
    action: "mark:for-family",
    who: "the record's author agency, of those who may write it, while it is not signed off: whether its words go to the family",
    allows: (actor, resource) =>
      resource.type === "record" &&
      resource.visibility === "shared" &&
      actor.agencyId === resource.authorAgencyId &&
      rules.some((rule) => rule.action === "write:record" && rule.allows(actor, resource)),
  },
  {
    action: "share:record",
    who: "a restricted record's author agency, of those who may write it (of a meeting's part, those invited), while it is not signed off: which agencies also read it; a restricted check's agency's screeners, until the contact is decided: the whole screening team, with a reason",
    allows: (actor, resource) =>
      (resource.type === "contact-record" && resource.restricted && writesContactRecord(actor, resource)) ||
      (resource.type === "record" &&
        resource.visibility === "restricted" &&
        actor.agencyId === resource.authorAgencyId &&
        (!resource.inviteeUserIds || resource.inviteeUserIds.includes(actor.id)) &&
        rules.some((rule) => rule.action === "write:record" && rule.allows(actor, resource))),
  },
  {
    action: "record:scaling",
    who: "whoever may write the map, for their own agency, when that agency is on the case (the partnership does not scale)",
    allows: (actor, resource) =>
      resource.type === "record" &&
      rules.some((rule) => rule.action === "write:record" && rule.allows(actor, resource)) &&
      agencyOnCase(actor, resource.case) &&
      actor.agencyKind !== "partnership",
  },
  {
    action: "manage:case-team",
    who: "the case's social care lead, and social care managers of an agency on it, while it is open",
    allows: (actor, resource) => {
      const facts = resource.type === "case" ? resource.case : undefined;
      if (!facts || facts.status !== "open" || actor.agencyKind !== "social_care") return false;
      if (facts.leadUserIds.includes(actor.id) && isMember(actor, facts)) return true;
      return actor.role === "manager" && agencyOnCase(actor, facts);
    },
  },
  {
    action: "convene:meeting",
    who: "social care team managers and child protection chairs who read the case, while it is open",
    allows: (actor, resource) =>
      resource.type === "case" &&
      resource.case.status === "open" &&
      actor.agencyKind === "social_care" &&
      (actor.role === "manager" || actor.role === "chair") &&
      readsCase(actor, resource.case),
  },
  {
    action: "chair:meeting",
    who: "the meeting's chair, a member of the case, until the meeting is signed off",
    allows: (actor, resource) =>
      resource.type === "meeting" &&
      resource.state === "open" &&
      resource.case.status === "open" &&
      resource.chairUserId === actor.id &&
      isMember(actor, resource.case),
  },
  {
    action: "record:attendance",
    who: "the meeting's chair for anyone invited, and each invitee for themselves; members of an open case, until sign-off",
    allows: (actor, resource) => chairOrThemselves(actor, resource) && resource.type === "meeting-person" && resource.state === "open",
  },
  {
    action: "update:meeting-action",
    who: "the action's owner and the meeting's chair, members of an open case, before and after sign-off",
    allows: chairOrThemselves,
  },
  {
    action: "change:plan",
    who: "the plan's lead social worker, a member of the case, and social care team managers of an agency on it, while the case is open and the plan active",
    allows: (actor, resource) => {
      if (resource.type !== "plan" || resource.state !== "active" || resource.case.status !== "open") return false;
      if (actor.agencyKind !== "social_care") return false;
      if (resource.leadUserId === actor.id && isMember(actor, resource.case)) return true;
      return actor.role === "manager" && agencyOnCase(actor, resource.case);
    },
  },
  {
    action: "record:progress",
    who: "the action's owner agency and the plan's lead social worker, working on the open case, while the core group's notes are open",
    allows: (actor, resource) => {
      if (resource.type !== "plan-action" || resource.state !== "open" || resource.case.status !== "open") return false;
      if (!isMember(actor, resource.case) || actor.role === "partnership_manager" || actor.role === "administrator") return false;
      return actor.id === resource.leadUserId || actor.agencyId === resource.ownerAgencyId;
    },
  },
  {
    action: "read:for-family",
    who: "whoever reads a record that is neither restricted nor marked not for family",
    allows: (actor, resource) =>
      resource.type === "record" && readsRecord(actor, resource) && resource.visibility === "shared" && !resource.notForFamily,
  },
  {
    action: "make:referral",
    who: "any professional, for their own agency; not administrators, who hold no children's records",
    allows: (actor, resource) => resource.type === "agency" && resource.agencyId === actor.agencyId && actor.role !== "administrator",
  },
  {
    action: "read:referral",
    who: "its referrer, as a draft and once sent (the screening team reads sent referrals through screen:contact)",
    allows: (actor, resource) => resource.type === "referral" && resource.referrerUserId === actor.id,
  },
  {
    action: "edit:referral",
    who: "its referrer, while it is a draft, unless they have since become an administrator",
    allows: (actor, resource) =>
      resource.type === "referral" && resource.state === "draft" && resource.referrerUserId === actor.id && actor.role !== "administrator",
  },
  {
    action: "screen:contact",
    who: "the screening team (screeners of social care, early help, police, health and education) and social care managers: the front door's queue and every sent referral on it",
    allows: (actor, resource) =>
      screensContacts(actor) && (resource.type === "front-door" || (resource.type === "referral" && resource.state !== "draft")),
  },
  {
    action: "rate:contact",
    who: "the screening team and social care managers: the RAG rating of a sent referral, with a reason, until it is decided",
    allows: (actor, resource) => screensContacts(actor) && beingScreened(resource),
  },
  {
    action: "match:contact",
    who: "the screening team: linking a sent referral's children to children already known, or confirming none, until it is decided",
    allows: (actor, resource) => screensContacts(actor) && beingScreened(resource),
  },
  {
    action: "add:contact-document",
    who: "the screening team: asking an agency for its check, or starting the front door's map, until it is decided",
    allows: (actor, resource) => screensContacts(actor) && beingScreened(resource),
  },
  {
    action: "record:consent",
    who: "the screening team: whether the family's consent was given, refused or dispensed with (naming the deciding manager), until it is decided",
    allows: (actor, resource) => screensContacts(actor) && beingScreened(resource),
  },
  {
    action: "propose:contact-decision",
    who: "the screening team: the outcome, its rationale and the referrer's feedback, for a manager to authorise, until it is decided",
    allows: (actor, resource) => screensContacts(actor) && beingScreened(resource),
  },
  {
    action: "authorise:contact-decision",
    who: "social care managers, of a proposal they did not make themselves: authorise it or send it back with a reason",
    allows: (actor, resource) =>
      decidesContacts(actor) && resource.type === "contact-decision" && resource.state === "proposed" && resource.proposedByUserId !== actor.id,
  },
  {
    action: "propose:transition",
    who: "a step down: the case's social care lead, or a social care manager of an agency on it; a step up: its early help lead, or an early help manager of an agency on it; while the case is open",
    allows: proposesTransition,
  },
  {
    action: "read:transition",
    who: "its proposer; the receiving agency's managers; whoever reads its case; of a contact's, the screening team",
    allows: (actor, resource) => {
      if (resource.type !== "transition") return false;
      if (actor.id === resource.proposedByUserId) return true;
      if (actor.role === "manager" && actor.agencyId === resource.toAgencyId) return true;
      return resource.case ? readsCase(actor, resource.case) : screensContacts(actor);
    },
  },
  {
    action: "answer:transition",
    who: "the receiving agency's managers, never its proposer: accept it (their team leads the work) or decline it with a reason, while it waits and its case is open",
    allows: answersTransition,
  },
  {
    action: "manage:people",
    who: "administrators, for their own agency only",
    allows: (actor, resource) =>
      actor.role === "administrator" && resource.type === "agency" && resource.agencyId === actor.agencyId,
  },
  {
    action: "read:audit",
    who: "partnership managers for the partnership; for a case, managers of an agency on it and the partnership managers who read it (on it, or opened for oversight with a reason)",
    allows: (actor, resource) => {
      if (resource.type === "partnership") return actor.role === "partnership_manager";
      const facts = caseOf(resource);
      if (!facts) return false;
      if (actor.role === "partnership_manager") return readsCase(actor, facts);
      return actor.role === "manager" && agencyOnCase(actor, facts);
    },
  },
  {
    action: "open:case-for-oversight",
    who: "partnership managers, on a case they do not already read: by recording why, for a few hours (decision 039)",
    allows: (actor, resource) => actor.role === "partnership_manager" && resource.type === "case" && !readsCase(actor, resource.case),
  },
  {
    action: "read:oversight-access",
    who: "the case's lead social worker and the social care managers of an agency on it: who opened the case for oversight, when, why and until when",
    allows: (actor, resource) => {
      if (resource.type !== "case" || actor.agencyKind !== "social_care") return false;
      if (resource.case.leadUserIds.includes(actor.id) && isMember(actor, resource.case)) return true;
      return actor.role === "manager" && agencyOnCase(actor, resource.case);
    },
  },
  {
    action: "read:oversight",
    who: "partnership managers, the partnership's measures and each agency's part; an agency's managers, their own agency's part",
    allows: (actor, resource) => {
      if (actor.role === "partnership_manager") return resource.type === "partnership" || resource.type === "agency";
      return actor.role === "manager" && resource.type === "agency" && resource.agencyId === actor.agencyId;
    },
  },
  {
    action: "oversee:second-factors",
    who: "partnership managers: the share of each agency's people with a second factor, and each agency's exemption, recorded or withdrawn with a reason (decision 056)",
    allows: (actor, resource) => actor.role === "partnership_manager" && resource.type === "partnership",
  },
];

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return rules.some((rule) => rule.action === action && rule.allows(actor, resource));
}
