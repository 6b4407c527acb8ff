// A contact's RAG rating as a GOV.UK tag: red, amber (orange) or green, or grey until it is rated.
import type { RagRating } from "../../common/front-door-clock";
import { ratingNames } from "../../common/forms/contact-rating";

const colours = { red: "red", amber: "orange", green: "green" } as const;

export function RagTag({ rating }: { rating: RagRating | null }) {
  if (!rating) return <strong className="govuk-tag govuk-tag--grey">Not rated</strong>;
  return <strong className={`govuk-tag govuk-tag--${colours[rating]}`}>{ratingNames[rating]}</strong>;
}
