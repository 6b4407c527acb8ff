// A live notes document (the case's notes, or an agency's restricted notes): one collaborative editor in the live
// document frame. The server renders a placeholder; TipTap, Yjs and the providers load in the browser after hydration.
import { Link } from "@remix-run/react";
import { lazy, type ReactNode } from "react";
import { LiveDocumentFrame, loadEditor, useLiveDocument, WhenSynced } from "./live-document";

const NotesEditor = lazy(loadEditor);

export type LiveNotesProps = {
  /** The Yjs document, e.g. `case:<id>:notes`. */
  documentName: string;
  /** The socket.io room for presence and for hearing that access ended. */
  room: string;
  canWrite: boolean;
  readOnlyReason: string | null;
  you: { userId: number; caretName: string; colour: string };
  /** id of the visible heading that names the editor. */
  labelledBy: string;
  /** id of the hint under the heading. */
  hintId: string;
  /** Where to come back to after signing in again. */
  returnTo: string;
  what?: string;
  /** The page shows who is here once, for all its documents. */
  hidePresence?: boolean;
};

export function LiveNotes({
  documentName,
  room,
  canWrite,
  readOnlyReason,
  you,
  labelledBy,
  hintId,
  returnTo,
  what = "these notes",
  hidePresence = false,
}: LiveNotesProps) {
  const live = useLiveDocument({ documentName, room, canWrite, readOnlyReason, what });
  const readOnlyId = `${labelledBy}-read-only`;
  const describedBy = [hintId, live.readOnlyMessage ? readOnlyId : null].filter(Boolean).join(" ");
  const placeholder = (
    <div className="govuk-textarea app-live-notes__editor app-live-notes__placeholder">
      {live.collab.ended && !live.collab.everSynced ? "The live notes could not be loaded." : "Loading the live notes…"}
    </div>
  );
  return (
    <LiveDocumentFrame live={live} idPrefix={labelledBy} youUserId={you.userId} returnTo={returnTo} hidePresence={hidePresence}>
      <WhenSynced
        live={live}
        placeholder={placeholder}
        editors={({ doc, provider }) => (
          <NotesEditor doc={doc} provider={provider} user={{ name: you.caretName, color: you.colour }} editable={live.editable} labelledBy={labelledBy} describedBy={describedBy} />
        )}
      />
    </LiveDocumentFrame>
  );
}

/**
 * A page's section of live notes: its heading and hint (ids `<id>-heading`, `<id>-hint`), the editor, and a link to
 * the notes' history.
 */
export function LiveNotesSection({
  id,
  heading,
  hint,
  className,
  live,
  returnTo,
  historyTo,
  what,
}: {
  id: string;
  heading: string;
  hint: ReactNode;
  className?: string;
  live: Pick<LiveNotesProps, "documentName" | "canWrite" | "readOnlyReason" | "you">;
  returnTo: string;
  /** Where the notes' history is read, when they have a history page. */
  historyTo?: string;
  what?: string;
}) {
  return (
    <section className={className} aria-labelledby={`${id}-heading`}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {heading}
      </h2>
      <div className="govuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <LiveNotes
        documentName={live.documentName}
        room={live.documentName}
        canWrite={live.canWrite}
        readOnlyReason={live.readOnlyReason}
        you={live.you}
        labelledBy={`${id}-heading`}
        hintId={`${id}-hint`}
        returnTo={returnTo}
        what={what}
      />
      {historyTo ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={historyTo}>
            See the history of these notes
          </Link>
        </p>
      ) : null}
    </section>
  );
}
