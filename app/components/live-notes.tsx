// A case's live notes: the collaborative editor, its connection status, why it may be read-only, and who is here.
// The server renders a placeholder; TipTap, Yjs and the providers load in the browser after hydration.
import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useCollabDocument, type CollabEnded } from "../realtime/use-collab-document";
import { usePresence } from "../realtime/use-presence";
import { PresenceList } from "./presence-list";

const loadEditor = () => import("../realtime/notes-editor");
const NotesEditor = lazy(loadEditor);

export type LiveNotesProps = {
  caseId: number;
  /** The Yjs document, `case:<id>:notes`. */
  documentName: string;
  /** From the loader: whether the policy lets this person write, so the editor starts read-only without waiting. */
  canWrite: boolean;
  /** Why not, in words, when they cannot. */
  readOnlyReason: string | null;
  you: { userId: number; caretName: string; colour: string };
  /** id of the visible heading that names the editor. */
  labelledBy: string;
  /** id of the hint under the heading. */
  hintId: string;
};

const reconnecting = "Reconnecting… your changes are kept and will be sent when the connection returns";

export function LiveNotes({ caseId, documentName, canWrite, readOnlyReason, you, labelledBy, hintId }: LiveNotesProps) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    setMounted(true);
    void loadEditor(); // fetch the editor's code while the document connects
  }, []);

  const presence = usePresence(`case:${caseId}`);
  const endedKind = presence.ended?.kind;
  const stop = useMemo<CollabEnded | null>(() => {
    if (endedKind === "session-ended") return { kind: "session-ended", message: "Your session has ended — sign in again" };
    if (endedKind === "removed") return { kind: "access-ended", message: "You no longer have access to this case's notes" };
    return null;
  }, [endedKind]);
  const collab = useCollabDocument(documentName, stop);

  const { ended, notice } = collab;
  const readOnlyMessage = !canWrite ? readOnlyReason ?? "You can read these notes but not change them." : notice?.message ?? null;
  const editable = canWrite && !notice && !ended && collab.everSynced;
  const readOnlyId = `${labelledBy}-read-only`;
  const describedBy = [hintId, readOnlyMessage ? readOnlyId : null].filter(Boolean).join(" ");

  let status = "";
  if (mounted) {
    if (collab.status === "connected") status = "Connected";
    else if (collab.status === "reconnecting")
      status = collab.rateLimited
        ? `Too many changes were sent at once. ${canWrite ? reconnecting : "Reconnecting…"}`
        : canWrite && !notice
          ? reconnecting
          : "Reconnecting…";
    else if (collab.status === "stopped") status = ended ? `Not connected. ${ended.message}` : "Not connected";
    else status = "Connecting…";
  }

  const placeholder = (
    <div className="govuk-textarea app-live-notes__editor app-live-notes__placeholder">
      {ended && !collab.everSynced ? "The live notes could not be loaded." : "Loading the live notes…"}
    </div>
  );

  return (
    <div className="app-live-notes">
      {ended ? <EndedBanner ended={ended} caseId={caseId} /> : null}
      {readOnlyMessage ? (
        <div className="govuk-inset-text" id={readOnlyId}>
          {readOnlyMessage}
        </div>
      ) : null}
      <p className="govuk-body-s app-live-notes__status" role="status" aria-live="polite" data-testid="live-notes-status">
        {status}
      </p>
      {mounted && collab.doc && collab.provider && collab.everSynced ? (
        <Suspense fallback={placeholder}>
          <NotesEditor
            doc={collab.doc}
            provider={collab.provider}
            user={{ name: you.caretName, color: you.colour }}
            editable={editable}
            labelledBy={labelledBy}
            describedBy={describedBy}
          />
        </Suspense>
      ) : (
        placeholder
      )}
      <noscript>
        <p className="govuk-body">
          The live notes need JavaScript, which is turned off or not available in your browser. Turn it on to read and
          write these notes.
        </p>
      </noscript>
      <PresenceList presence={presence} youUserId={you.userId} />
    </div>
  );
}

function EndedBanner({ ended, caseId }: { ended: CollabEnded; caseId: number }) {
  const here = `/cases/${caseId}`;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="live-notes-ended-title" data-testid="live-notes-ended">
      <div className="govuk-notification-banner__header">
        <h3 className="govuk-notification-banner__title" id="live-notes-ended-title">
          Important
        </h3>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{ended.message}</p>
        <p className="govuk-body">
          {ended.kind === "session-ended" ? (
            <a className="govuk-notification-banner__link" href={`/sign-in?next=${encodeURIComponent(here)}`}>
              Sign in again
            </a>
          ) : ended.kind === "access-ended" ? (
            <a className="govuk-notification-banner__link" href="/">
              Go to your work
            </a>
          ) : (
            <a className="govuk-notification-banner__link" href={here}>
              Reload the page
            </a>
          )}
        </p>
      </div>
    </div>
  );
}
