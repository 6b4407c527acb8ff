// A map as a printed page: the full copy for professionals, or the family's copy. The print stylesheet (app.css)
// drops the portal's header, footer and links.
import type { MapPrintData } from "../../server/maps/print-map";
import { ChildVoiceSummary } from "./child-voice";
import { StoredMap } from "./live-map";
import { PrintHeader } from "./print-button";
import { ScoresTable } from "./scores-table";
import { RestrictedMarking } from "./restricted-marking";
import { TextBlocks } from "./text-blocks";

export function MapPrint({ data }: { data: MapPrintData }) {
  return (
    <article className="app-print" data-testid="map-print">
      <PrintHeader back={{ to: `/cases/${data.caseId}/maps/${data.mapId}`, label: "Back to the map" }}>
        <div className="govuk-inset-text">
          {data.forFamily
            ? "This is the family's copy. It leaves out every agency's restricted notes and anything marked not for family."
            : "This is the professionals' copy. It includes restricted information: do not give it to the family. Print the family's copy instead."}
        </div>
      </PrintHeader>
      <p className="govuk-body-s app-print__marking">
        {data.forFamily ? "Copy for the family" : "OFFICIAL-SENSITIVE — professionals' copy, not for the family"}
      </p>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">
          {data.childName} · {data.reference}
        </span>
        Signs of Safety map of {data.heldOn}
        {data.title ? `: ${data.title}` : ""}
      </h1>
      <p className="govuk-body-s">
        Printed by {data.printedBy} on {data.printedAt}.
      </p>

      <StoredMap stored={data.stored} />

      <section className="app-section app-print__section">
        <h2 className="govuk-heading-m">Scaling</h2>
        <p className="govuk-body">{data.scalingQuestion}</p>
        {data.scores.length ? (
          <ScoresTable caption="Each agency's current score" rows={data.scores.map((score) => ({ ...score, agencyId: score.agencyName }))} />
        ) : (
          <p className="govuk-body">No agency has scaled yet.</p>
        )}
        {data.spread !== null ? <p className="govuk-body">The agencies' scores are {data.spread} points apart.</p> : null}
      </section>

      <section className="app-section app-print__section">
        <h2 className="govuk-heading-m">The child's voice</h2>
        {data.childVoice.length ? (
          data.childVoice.map((entry) => <ChildVoiceSummary entry={entry} key={entry.id} />)
        ) : (
          <p className="govuk-body">Nothing recorded.</p>
        )}
      </section>

      {data.restricted.length ? (
        <section className="app-section app-print__section">
          <h2 className="govuk-heading-m">Restricted information</h2>
          {data.restricted.map((notes) => (
            <div key={notes.agencyId} className="app-print__restricted">
              <h3 className="govuk-heading-s">{notes.agencyName}: restricted notes</h3>
              <RestrictedMarking agencyName={notes.agencyName} />
              <TextBlocks blocks={notes.blocks} />
            </div>
          ))}
        </section>
      ) : null}
    </article>
  );
}
