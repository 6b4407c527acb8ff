// An oversight table as the server wrote it in words (server/oversight/tables.ts): the row's first cell heads it and,
// where the row counts something, opens its drill-down; a link under it downloads the same table as CSV.
import { Link } from "@remix-run/react";
import type { TableView } from "../../../server/oversight/tables";
import { ScrollableTable } from "../banners";
import { Cell, Row, RowHeader, Table } from "../table";

export function OversightTable({
  view,
  testId,
  rowHref,
  csvHref,
}: {
  view: TableView;
  testId: string;
  /** Where a row with a key opens (its drill-down); absent: rows open nothing of their own. */
  rowHref?: (key: string) => string;
  /** The same table as CSV; absent on the print view. */
  csvHref?: string;
}) {
  return (
    <>
      <ScrollableTable label={view.caption}>
        <Table testId={testId} caption={view.caption} captionSize="s" columns={view.columns.map((column) => ({ label: column.label, numeric: column.numeric }))}>
          {view.rows.map((row, rowIndex) => (
            <Row key={rowIndex}>
              {row.cells.map((cell, index) => {
                const href = index === 0 && row.key !== null && rowHref ? rowHref(row.key) : row.href?.[index] ?? null;
                const content = href ? (
                  <Link className="govuk-link" to={href}>
                    {cell}
                    {index === 0 && row.linkNote ? `: ${row.linkNote}` : null}
                  </Link>
                ) : (
                  cell
                );
                return index === 0 ? (
                  <RowHeader key={index}>{content}</RowHeader>
                ) : (
                  <Cell key={index} numeric={view.columns[index]?.numeric}>
                    {content}
                  </Cell>
                );
              })}
            </Row>
          ))}
        </Table>
      </ScrollableTable>
      {view.rows.length === 0 ? <p className="govuk-body">Nothing to count in this range.</p> : null}
      {csvHref ? (
        <p className="govuk-body app-no-print">
          <a className="govuk-link" href={csvHref} download data-testid={`${testId}-csv`}>
            Download this table as CSV<span className="govuk-visually-hidden">{`: ${view.caption}`}</span>
          </a>
        </p>
      ) : null}
    </>
  );
}
