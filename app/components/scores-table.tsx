// Each agency's current score and its reasons: on a map, in its print, and at a strategy meeting.
import type { ReactNode } from "react";
import { ScrollableTable } from "./banners";
import { Cell, Row, RowHeader, Table } from "./table";

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
      <Table testId={testId} caption={caption} captionSize="s" columns={["Agency", { label: "Score (0–10)", numeric: true }, "Reasons", showRecorded && "Recorded"]}>
        {rows.map((row) => (
          <Row key={row.agencyId}>
            <RowHeader>{row.agencyName}</RowHeader>
            <Cell numeric className="app-score">
              {row.score}
            </Cell>
            <Cell className="app-preserve-lines">
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
            </Cell>
            {showRecorded ? <Cell>{row.recorded}</Cell> : null}
          </Row>
        ))}
        {more}
      </Table>
    </ScrollableTable>
  );
}
