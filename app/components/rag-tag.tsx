// A contact's RAG rating as a GOV.UK tag (red, amber as orange, green; grey until it is rated), and its clock: the
// state in words on a tag whose colour says how it stands (red once overdue), with when the decision is due by.
import type { RagRating } from "../../common/front-door-clock";
import { ratingNames } from "../../common/forms/contact-rating";

const colours = { red: "red", amber: "orange", green: "green" } as const;

export function RagTag({ rating }: { rating: RagRating | null }) {
  if (!rating) return <strong className="govuk-tag govuk-tag--grey">Not rated</strong>;
  return <strong className={`govuk-tag govuk-tag--${colours[rating]}`}>{ratingNames[rating]}</strong>;
}

export function FrontDoorClockTag({ clock }: { clock: { words: string; colour: string; decideBy: string; overdue: boolean } }) {
  return (
    <>
      <strong className={`govuk-tag govuk-tag--${clock.colour}`} data-testid={clock.overdue ? "overdue" : "due"}>
        {clock.words}
      </strong>
      <br />
      <span className="govuk-body-s">{clock.decideBy}</span>
    </>
  );
}
