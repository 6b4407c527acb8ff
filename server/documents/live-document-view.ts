// What a page needs to show a live document: whether this person may write it (the same policy the collaboration
// server applies, so the editor starts right without waiting), why not in words, and how their caret is labelled.
import { can, type Resource } from "../access/policy";
import type { Authenticated } from "../auth/authenticate";

/** The reader: the actor the policy judges, and who they are on the page (their role, agency and caret). */
export type LiveDocumentReader = Pick<Authenticated, "actor"> & {
  user: Pick<Authenticated["user"], "id" | "fullName" | "agencyId" | "agencyName" | "agencyColour" | "role">;
};

/** `what` names the document in a sentence ("these notes", "this map"); `plural` says which pronoun follows it. */
export function liveDocumentFor(reader: LiveDocumentReader, resource: Resource, documentName: string, what: string, plural = true) {
  const canWrite = can(reader.actor, "write:record", resource);
  const { user } = reader;
  const them = plural ? "them" : "it";
  let readOnlyReason: string | null = null;
  if (!canWrite && resource.type === "record") {
    const What = what.charAt(0).toUpperCase() + what.slice(1);
    readOnlyReason =
      resource.case.status === "closed"
        ? `This case is closed. You can read ${what} but no one can change ${them}.`
        : resource.state === "signed-off"
          ? `${What} ${plural ? "have" : "has"} been signed off. You can read ${them} but no one can change ${them}.`
          : user.role === "partnership_manager" || user.role === "manager"
            ? `You oversee this case, so you can read ${what} but not change ${them}. Only the professionals working on the case can write in ${them}.`
            : resource.visibility === "restricted" && user.agencyId !== resource.authorAgencyId
              ? `These notes have been shared with you to read. Only their own agency can write in them.`
              : `You can read ${what} but not change ${them}. Only the professionals working on the case can write in ${them}.`;
  }
  return {
    documentName,
    canWrite,
    readOnlyReason,
    you: { userId: user.id, caretName: `${user.fullName} (${user.agencyName})`, colour: user.agencyColour },
  };
}
