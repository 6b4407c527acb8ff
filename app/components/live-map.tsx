// A case's Signs of Safety map, live: every part co-edited, with carets and who is here. Until the editors have
// loaded (and without JavaScript) the map is shown as the server last stored it.
import { lazy } from "react";
import { mapColumns } from "../../common/map-document";
import type { MapContent } from "../../server/maps/read-map";
import { LiveDocumentFrame, useLiveDocument, WhenSynced } from "./live-document";
import { TextBlocks } from "./text-blocks";

const MapEditors = lazy(() => import("../realtime/map-editors"));

export type LiveMapProps = {
  documentName: string;
  canWrite: boolean;
  readOnlyReason: string | null;
  you: { userId: number; caretName: string; colour: string };
  returnTo: string;
  /** The map as stored when the page was rendered. */
  stored: MapContent;
};

export function LiveMap({ documentName, canWrite, readOnlyReason, you, returnTo, stored }: LiveMapProps) {
  const live = useLiveDocument({ documentName, room: documentName, canWrite, readOnlyReason, what: "this map" });
  const readOnlyId = live.readOnlyMessage ? "map-read-only" : null;
  const placeholder = <StoredMap stored={stored} />;
  return (
    <LiveDocumentFrame live={live} idPrefix="map" youUserId={you.userId} returnTo={returnTo} presenceFirst>
      <WhenSynced
        live={live}
        placeholder={placeholder}
        editors={({ doc, provider }) => <MapEditors doc={doc} provider={provider} user={{ name: you.caretName, color: you.colour }} editable={live.editable} readOnlyId={readOnlyId} />}
      />
    </LiveDocumentFrame>
  );
}

/** The map as text, laid out as the live map is: what the server render shows, and what print shows. */
export function StoredMap({ stored, headingLevel = 2 }: { stored: MapContent; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const P = headingLevel === 2 ? "h3" : "h4";
  return (
    <>
      <div className="govuk-grid-row app-map">
        {mapColumns.map((column) => (
          <section className="govuk-grid-column-one-third app-map__column" key={column.key}>
            <H className="govuk-heading-m">{column.question}</H>
            {column.parts.map((part) => (
              <div className="app-map__part" key={part.key}>
                <P className="govuk-heading-s govuk-!-margin-bottom-1">{part.title}</P>
                <TextBlocks blocks={stored.parts[part.key]} empty="Nothing written yet." />
              </div>
            ))}
          </section>
        ))}
      </div>
      <section className="app-map__statements">
        <H className="govuk-heading-m">Danger statements and safety goals</H>
        {stored.pairs.length === 0 ? (
          <p className="govuk-body">No danger statements yet.</p>
        ) : (
          stored.pairs.map((pair) => (
            <div className="govuk-grid-row app-map__pair" key={pair.number}>
              <div className="govuk-grid-column-one-half">
                <P className="govuk-heading-s govuk-!-margin-bottom-1">Danger statement {pair.number}</P>
                <TextBlocks blocks={pair.danger} empty="Not written yet." />
              </div>
              <div className="govuk-grid-column-one-half">
                <P className="govuk-heading-s govuk-!-margin-bottom-1">Safety goal {pair.number}</P>
                <TextBlocks blocks={pair.goal} empty="Not written yet." />
              </div>
            </div>
          ))
        )}
      </section>
    </>
  );
}
