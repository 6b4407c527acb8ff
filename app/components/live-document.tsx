// What every live (Yjs) document on a page shares: the connection and its status in words, why it may be read-only,
// the banner when access or the session ends, and who else has it open. The editors inside differ: one for notes,
// several for a map.
import { Suspense, useEffect, useMemo, useState, type ReactNode } from "react";
import { useCollabDocument, type CollabEnded, type CollabState } from "../realtime/use-collab-document";
import { usePresence } from "../realtime/use-presence";
import { NotificationBanner } from "./banners";
import { PresenceList } from "./presence-list";

export const loadEditor = () => import("../realtime/notes-editor");

const reconnecting = "Reconnecting… your changes are kept and will be sent when the connection returns";

export type LiveDocumentOptions = {
  /** The Yjs document, e.g. `case:1:notes`. */
  documentName: string;
  /** The socket.io room for "Who is here now" and for hearing that access ended. */
  room: string;
  /** From the loader: whether the policy lets this person write, so the editors start read-only without waiting. */
  canWrite: boolean;
  /** Why not, in words, when they cannot. */
  readOnlyReason: string | null;
  /** What the document is called in a sentence: "this case's notes". */
  what: string;
};

export type LiveDocument = {
  collab: CollabState;
  presence: ReturnType<typeof usePresence>;
  mounted: boolean;
  /** Whether the editors accept typing now. */
  editable: boolean;
  status: string;
  readOnlyMessage: string | null;
  /** Whether the document can be shown: loaded and in step with the server once. */
  ready: boolean;
};

export function useLiveDocument({ documentName, room, canWrite, readOnlyReason, what }: LiveDocumentOptions): LiveDocument {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    setMounted(true);
    void loadEditor(); // fetch the editor's code while the document connects
  }, []);

  const presence = usePresence(room);
  const endedKind = presence.ended?.kind;
  const stop = useMemo<CollabEnded | null>(() => {
    if (endedKind === "session-ended") return { kind: "session-ended", message: "Your session has ended — sign in again" };
    if (endedKind === "removed") return { kind: "access-ended", message: `You no longer have access to ${what}` };
    return null;
  }, [endedKind, what]);
  const collab = useCollabDocument(documentName, stop);

  const { ended, notice } = collab;
  const readOnlyMessage = !canWrite ? readOnlyReason ?? `You can read ${what} but not change them.` : notice?.message ?? null;
  const editable = canWrite && !notice && !ended && collab.everSynced;

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
  const ready = mounted && !!collab.doc && !!collab.provider && collab.everSynced;
  return { collab, presence, mounted, editable, status, readOnlyMessage, ready };
}

/**
 * A live document's editors, once it has synced with the server; `placeholder` until then (and while they load), and
 * nothing once access to it has ended.
 */
export function WhenSynced({
  live,
  placeholder,
  editors,
}: {
  live: LiveDocument;
  placeholder: ReactNode;
  editors: (synced: { doc: NonNullable<CollabState["doc"]>; provider: NonNullable<CollabState["provider"]> }) => ReactNode;
}) {
  if (live.collab.ended?.kind === "access-ended") return null;
  if (!live.ready) return <>{placeholder}</>;
  return <Suspense fallback={placeholder}>{editors({ doc: live.collab.doc!, provider: live.collab.provider! })}</Suspense>;
}

/** The banner, read-only explanation and status above a live document's editors, and the presence list below. */
export function LiveDocumentFrame({
  live,
  idPrefix,
  youUserId,
  returnTo,
  presenceFirst = false,
  hidePresence = false,
  children,
}: {
  live: LiveDocument;
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
  youUserId: number;
  /** Where "Sign in again" and "Reload the page" lead. */
  returnTo: string;
  /** Who is here, above the editors rather than below (a long page such as a map), or not at all (the page shows it once). */
  presenceFirst?: boolean;
  hidePresence?: boolean;
  children: ReactNode;
}) {
  const { ended } = live.collab;
  return (
    <div className="app-live-notes">
      {ended ? <EndedBanner ended={ended} returnTo={returnTo} id={`${idPrefix}-ended-title`} /> : null}
      {live.readOnlyMessage ? (
        <div className="govuk-inset-text" id={`${idPrefix}-read-only`}>
          {live.readOnlyMessage}
        </div>
      ) : null}
      <p className="govuk-body-s app-live-notes__status" role="status" aria-live="polite" data-testid="live-notes-status">
        {live.status}
      </p>
      {/* First on the page, under its h1 (a map): a heading of the page's second level. */}
      {presenceFirst ? <PresenceList presence={live.presence} youUserId={youUserId} headingLevel={2} /> : null}
      {children}
      <noscript>
        <p className="govuk-body">
          Live editing needs JavaScript, which is turned off or not available in your browser. Turn it on to read and
          write here.
        </p>
      </noscript>
      {presenceFirst || hidePresence ? null : <PresenceList presence={live.presence} youUserId={youUserId} />}
    </div>
  );
}

function EndedBanner({ ended, returnTo, id }: { ended: CollabEnded; returnTo: string; id: string }) {
  return (
    <NotificationBanner
      id={id}
      heading={ended.message}
      role="region"
      level={3}
      testId="live-notes-ended"
      link={
        ended.kind === "session-ended"
          ? { href: `/sign-in?next=${encodeURIComponent(returnTo)}`, text: "Sign in again" }
          : ended.kind === "access-ended"
            ? { href: "/", text: "Go to your work" }
            : { href: returnTo, text: "Reload the page" }
      }
    />
  );
}
