// A core group's notes, live: one document with a part per agency, each its own editor under the agency's heading,
// co-edited by the members with carets and "Who is here now". The server renders placeholders; the editors load in
// the browser after hydration (the same editor as every live note).
import { lazy, type ReactNode } from "react";
import { agencyPartOf } from "../../common/core-group-notes";
import { LiveDocumentFrame, loadEditor, useLiveDocument, WhenSynced } from "./live-document";

const NotesEditor = lazy(loadEditor);

export type NotesPart = { agencyId: string; agencyName: string };

export function LiveCoreGroupNotes({
  live: options,
  parts,
  returnTo,
  after,
}: {
  live: { documentName: string; canWrite: boolean; readOnlyReason: string | null; you: { userId: number; caretName: string; colour: string } };
  parts: NotesPart[];
  returnTo: string;
  /** What stands under each part (whether it goes to the family). */
  after: (part: NotesPart) => ReactNode;
}) {
  const { documentName, you } = options;
  const live = useLiveDocument({ ...options, room: documentName, what: "these notes" });
  const readOnlyId = live.readOnlyMessage ? "notes-read-only" : null;
  return (
    <LiveDocumentFrame live={live} idPrefix="notes" youUserId={you.userId} returnTo={returnTo}>
      {parts.map((part) => {
        const id = `notes-${part.agencyId}`;
        return (
          <div className="app-meeting-section" key={part.agencyId} data-testid={id}>
            <h3 className="govuk-heading-s" id={id}>
              {part.agencyName}
            </h3>
            <p className="govuk-hint" id={`${id}-hint`}>{`What ${part.agencyName} brings to this core group. Every member can write here.`}</p>
            <WhenSynced
              live={live}
              placeholder={<div className="govuk-textarea app-live-notes__editor app-live-notes__placeholder">Loading the live notes…</div>}
              editors={({ doc, provider }) => (
                <NotesEditor
                  doc={doc}
                  fragment={doc.getXmlFragment(agencyPartOf(part.agencyId))}
                  provider={provider}
                  user={{ name: you.caretName, color: you.colour }}
                  editable={live.editable}
                  labelledBy={id}
                  describedBy={[`${id}-hint`, readOnlyId].filter(Boolean).join(" ")}
                />
              )}
            />
            {after(part)}
          </div>
        );
      })}
    </LiveDocumentFrame>
  );
}
