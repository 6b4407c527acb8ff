// Each agency's current score and its reasons: on a map, in its print, and at a strategy meeting.
import type { ReactNode } from "react";
import { ScrollableTable } from "./banners";

export type ScoreRow = {
  agencyId: string;
  agencyName: string;
  score: number;
  /** null: left out of this copy (the family's), though the score is shown. */
  reasons: string | null;
  notForFamily: boolean;
  /** Who recorded it and when, where the page shows it. */
  recorded?: string;
};

export function ScoresTable({ rows, caption, testId, more }: { rows: ScoreRow[]; caption: string; testId?: string; more?: ReactNode }) {
  const showRecorded = rows.some((row) => row.recorded);
  return (
    <ScrollableTable label={caption}>
      <table className="govuk-table" data-testid={testId}>
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Agency</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Score (0–10)</th>
            <th scope="col" className="govuk-table__header">Reasons</th>
            {showRecorded ? <th scope="col" className="govuk-table__header">Recorded</th> : null}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.agencyId}>
              <th scope="row" className="govuk-table__header">
                {row.agencyName}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric app-score">{row.score}</td>
              <td className="govuk-table__cell app-preserve-lines">
                {row.reasons === null ? (
                  <span className="app-empty">Not included in this copy.</span>
                ) : (
                  <>
                    {row.reasons}
                    {row.notForFamily ? (
                      <>
                        {" "}
                        <strong className="govuk-tag govuk-tag--orange">Not for family</strong>
                      </>
                    ) : null}
                  </>
                )}
              </td>
              {showRecorded ? <td className="govuk-table__cell">{row.recorded}</td> : null}
            </tr>
          ))}
          {more}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
