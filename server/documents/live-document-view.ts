// What a page needs to show a live document: whether this person may write it (the same policy the collaboration
// server applies, so the editor starts right without waiting), why not in words, and how their caret is labelled.
import { can, type Actor, type Resource } from "../access/policy";
import type { Authenticated } from "../auth/authenticate";

/** The reader: the actor the policy judges, and who they are on the page (their role, agency and caret). */
export type LiveDocumentReader = Pick<Authenticated, "actor"> & {
  user: Pick<Authenticated["user"], "id" | "fullName" | "agencyId" | "agencyName" | "agencyColour" | "role">;
};

/**
 * How a read-only notice names a document: `what` in a sentence ("these notes", "this section"); `plural`, which pronoun
 * and verb follow it, read from `what` ("these …" is plural) unless given; `writers`, for a document only named people
 * write (a core group's notes), who they are ("the core group's members").
 */
export type DocumentNaming = { what: string; plural?: boolean; writers?: string };

export function liveDocumentFor(reader: LiveDocumentReader, resource: Resource, documentName: string, what: string | DocumentNaming, plural?: boolean) {
  const canWrite = can(reader.actor, "write:record", resource);
  const { user } = reader;
  const naming = typeof what === "string" ? { what, plural } : what;
  return {
    documentName,
    canWrite,
    readOnlyReason: canWrite ? null : readOnlyNotice(reader.actor, resource, naming),
    you: { userId: user.id, caretName: `${user.fullName} (${user.agencyName})`, colour: user.agencyColour },
  };
}

/** Why a person who reads a record may not write it, in the policy's order of reasons. */
export type ReadOnlyReason =
  | "case-closed"
  | "signed-off"
  | "contact-decided"
  | "check-completed"
  | "oversight"
  | "administrator"
  | "shared-to-read"
  | "author-agency-only"
  | "named-writers-only"
  | "other";

export function readOnlyReasonOf(actor: Actor, resource: Resource): ReadOnlyReason {
  if (resource.type === "contact-record") {
    if (resource.state === "decided") return "contact-decided";
    if (resource.state === "completed") return "check-completed";
    return resource.authorAgencyId !== null && actor.agencyId !== resource.authorAgencyId ? "author-agency-only" : "other";
  }
  if (resource.type !== "record") return "other";
  if (resource.case.status === "closed") return "case-closed";
  if (resource.state === "signed-off") return "signed-off";
  if (actor.role === "administrator") return "administrator";
  // Those who read a case without working on it oversee it (a team manager, the partnership); so does the partnership.
  if (!resource.case.memberUserIds.includes(actor.id) || actor.role === "partnership_manager") return "oversight";
  if (actor.agencyId !== resource.authorAgencyId) {
    if (resource.visibility === "restricted") return "shared-to-read";
    if (resource.writers === "author-agency") return "author-agency-only";
  }
  // Written by every member of those it names (a core group's notes): a professional on the case not among them.
  if (resource.writers === "members" && resource.readerUserIds && !resource.readerUserIds.includes(actor.id)) return "named-writers-only";
  return "other";
}

/**
 * The read-only notice shown above a live document, true for this reader and grammatical for the document's name:
 * "This section has been signed off. You can read it but no one can change it."
 */
export function readOnlyNotice(actor: Actor, resource: Resource, name: DocumentNaming): string {
  const { what, writers } = name;
  const plural = name.plural ?? /^these\s/i.test(what);
  const What = what.charAt(0).toUpperCase() + what.slice(1);
  const them = plural ? "them" : "it";
  const their = plural ? "their" : "its";
  const has = plural ? "have" : "has";
  switch (readOnlyReasonOf(actor, resource)) {
    case "case-closed":
      return `This case is closed. You can read ${what} but no one can change ${them}.`;
    case "signed-off":
      return `${What} ${has} been signed off. You can read ${them} but no one can change ${them}.`;
    case "contact-decided":
      return `This referral has been decided. You can read ${what} but no one can change ${them}.`;
    case "check-completed":
      return `${What} ${has} been completed. You can read ${them} but no one can change ${them}.`;
    case "oversight":
      return `You oversee this case, so you can read ${what} but not change ${them}. Only ${writers ?? "the professionals working on the case"} can write in ${them}.`;
    case "administrator":
      return `Administrators manage people, not children's records, so you can read ${what} but not change ${them}.`;
    case "shared-to-read":
      return `${What} ${has} been shared with you to read. Only ${their} own agency can write in ${them}.`;
    case "author-agency-only":
      return `You can read ${what} but not change ${them}. Only ${their} own agency can write in ${them}.`;
    case "named-writers-only":
      return writers ? `You can read ${what} but not change ${them}. Only ${writers} can write in ${them}.` : `You can read ${what} but not change ${them}.`;
    case "other":
      return `You can read ${what} but not change ${them}.`;
  }
}
