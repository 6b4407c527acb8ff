// One measure on the oversight page (and its print view): its title and definition, the headline figure with the
// national figure beside it, the trend by month as a chart with the same figures as a table, and its own table.
// Every figure and row opens what it counts (the drill-down), and every table downloads as CSV.
import { Link } from "@remix-run/react";
import type { MeasureView } from "../../../server/oversight/dashboard";
import { TrendChart } from "./trend-chart";
import { OversightTable } from "./oversight-table";

/** Where the measure's links go, for the scope on screen; absent on the print view (no links to follow on paper). */
export type MeasureLinks = { drillDown: (row: string | null) => string; csv: (table: "figures" | "trend") => string };

export function MeasureSection({ measure, links }: { measure: MeasureView; links?: MeasureLinks }) {
  return (
    <section className="app-section app-print__section app-oversight-measure" aria-labelledby={`measure-${measure.id}`} data-testid={`measure-${measure.id}`}>
      <h3 className="govuk-heading-m" id={`measure-${measure.id}`}>
        {measure.title}
      </h3>
      <p className="govuk-body app-oversight-definition">{measure.definition}</p>
      <dl className="govuk-summary-list app-oversight-figures">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">In this range</dt>
          <dd className="govuk-summary-list__value app-oversight-headline" data-testid={`headline-${measure.id}`}>
            {measure.headline}
          </dd>
          {links ? (
            <dd className="govuk-summary-list__actions">
              <Link className="govuk-link" to={links.drillDown(null)}>
                See what this counts<span className="govuk-visually-hidden">{`: ${measure.title}`}</span>
              </Link>
            </dd>
          ) : null}
        </div>
        {measure.national ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">England</dt>
            <dd className="govuk-summary-list__value" data-testid={`national-${measure.id}`}>
              {measure.national.text}
              <span className="govuk-body-s app-oversight-source"> ({measure.national.source})</span>
            </dd>
            {links ? <dd className="govuk-summary-list__actions" /> : null}
          </div>
        ) : null}
      </dl>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <TrendChart id={measure.id} title={measure.title} label={measure.trend.label} percent={measure.trend.format === "percent"} points={measure.trend.points} />
        </div>
        <div className="govuk-grid-column-one-half">
          <OversightTable view={measure.trendTable} testId={`trend-table-${measure.id}`} csvHref={links?.csv("trend")} />
        </div>
      </div>
      <OversightTable view={measure.table} testId={`table-${measure.id}`} rowHref={links ? (key) => links.drillDown(key) : undefined} csvHref={links?.csv("figures")} />
    </section>
  );
}
