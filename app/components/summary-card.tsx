// A GOV.UK summary card: a titled card of summary-list rows, a "Change" link in its title bar for those who may change
// it, and anything that stands under its rows (a form).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Hidden } from "./page";

export function SummaryCard({
  title,
  id,
  testId,
  change,
  after,
  children,
}: {
  title: string;
  id: string;
  testId: string;
  /** Where "Change" leads, and the words a screen reader hears after it. */
  change?: { to: string; hidden: string } | null;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="govuk-summary-card" id={id} data-testid={testId}>
      <div className="govuk-summary-card__title-wrapper">
        <h4 className="govuk-summary-card__title">{title}</h4>
        {change ? (
          <ul className="govuk-summary-card__actions">
            <li className="govuk-summary-card__action">
              <Link className="govuk-link" to={change.to}>
                Change<Hidden>{` ${change.hidden}`}</Hidden>
              </Link>
            </li>
          </ul>
        ) : null}
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">{children}</dl>
        {after}
      </div>
    </div>
  );
}
