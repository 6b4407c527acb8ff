// The child's voice: the three houses (worries, good things, dreams) in the child's own words, with when they were
// seen, whether alone, and who recorded it.
import type { ChildVoiceEntry } from "../../server/cases/child-voice";
import { formatDate, formatDateTime } from "../../common/format";

/** As the loader sends it: dates arrive as strings after serialisation. */
export type ChildVoiceView = Omit<ChildVoiceEntry, "recordedAt"> & { recordedAt: string | Date };

const houses = [
  { key: "worries", title: "House of worries" },
  { key: "goodThings", title: "House of good things" },
  { key: "dreams", title: "House of dreams" },
] as const;

export function ChildVoiceSummary({ entry, headingLevel = 3 }: { entry: ChildVoiceView; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? "h3" : "h4";
  return (
    <div className="app-child-voice" data-testid="child-voice">
      <p className="govuk-body">
        Seen on {formatDate(entry.seenOn)},{" "}
        {entry.seenAlone ? "alone" : `not alone (${entry.whoElsePresent || "others present"})`}. Recorded by {entry.recordedBy} (
        {entry.recordedByAgency}), {formatDateTime(new Date(entry.recordedAt))}.
        {entry.notForFamily ? (
          <>
            {" "}
            <strong className="govuk-tag govuk-tag--red">Not for family</strong>
          </>
        ) : null}
      </p>
      <div className="govuk-grid-row">
        {houses.map((house) => (
          <div className="govuk-grid-column-one-third" key={house.key}>
            <H className="govuk-heading-s">{house.title}</H>
            {entry[house.key] ? (
              <blockquote className="govuk-inset-text app-preserve-lines app-child-words">{entry[house.key]}</blockquote>
            ) : (
              <p className="govuk-body app-empty">Nothing said.</p>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
