// A map as a printed page: the full copy for professionals, or the family's copy. The print stylesheet (app.css)
// drops the portal's header, footer and links.
import { Form } from "@remix-run/react";
import { possessive } from "../../common/format";
import type { MapPrintData } from "../../server/maps/print-map";
import { ChildVoiceSummary } from "./child-voice";
import { StoredMap } from "./live-map";
import { PrintHeader } from "./print-button";
import { ScoresTable } from "./scores-table";
import { RestrictedMarking } from "./restricted-marking";
import { TextBlocks } from "./text-blocks";

/** On the family's copy: this person's agency, when it may say whether its words on the map go to the family. */
type YourWords = { agencyName: string; forFamily: boolean } | null;

export function MapPrint({ data }: { data: MapPrintData & { yours?: YourWords } }) {
  return (
    <article className="app-print" data-testid="map-print">
      <PrintHeader back={{ to: `/cases/${data.caseId}/maps/${data.mapId}`, label: "Back to the map" }}>
        <div className="govuk-inset-text">
          {data.forFamily
            ? "This is the family's copy. It holds only the words on the map of the agencies that have marked theirs for the family, and leaves out every agency's restricted notes and anything marked not for family."
            : "This is the professionals' copy. It includes restricted information: do not give it to the family. Print the family's copy instead."}
        </div>
        {data.forFamily ? <WordsMarked data={data} /> : null}
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

/** Whose words on the map the family receives, and this person's agency's say over its own. Never printed. */
function WordsMarked({ data }: { data: MapPrintData & { yours?: YourWords } }) {
  const yours = data.yours ?? null;
  return (
    <div data-testid="words-marked">
      <p className="govuk-body">
        {data.wordsMarked.length
          ? `Words on the map marked for the family by: ${data.wordsMarked.map((m) => `${m.agencyName} (${m.by}, ${m.at})`).join("; ")}. Every other agency's words are left out.`
          : "No agency has marked its words on this map for the family yet, so the family's copy holds none of them."}
      </p>
      {yours ? (
        <Form method="post" className="app-inline-form">
          <input type="hidden" name="forFamily" value={yours.forFamily ? "no" : "yes"} />
          <p className="govuk-body">
            {yours.forFamily
              ? `${possessive(yours.agencyName)} words on this map are in the family's copy.`
              : `${possessive(yours.agencyName)} words on this map are not in the family's copy.`}
          </p>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            {yours.forFamily ? `Hold back ${possessive(yours.agencyName)} words from the family` : `Give ${possessive(yours.agencyName)} words to the family`}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
