// GOV.UK table: a caption, one header row, and the body's rows written with Row, RowHeader and Cell.
import { isValidElement, type ReactNode } from "react";

/** A column's heading: its text, a numeric column, or a heading only screen readers hear. `false`/`null`: no column. */
export type Column = ReactNode | { label: ReactNode; numeric?: boolean } | { hidden: string };

const numeric = (on: boolean | undefined) => (on ? " govuk-table__header--numeric" : "");

function HeaderCell({ column }: { column: Column }) {
  if (column !== null && typeof column === "object" && !isValidElement(column)) {
    if ("hidden" in column)
      return (
        <th scope="col" className="govuk-table__header">
          <span className="govuk-visually-hidden">{column.hidden}</span>
        </th>
      );
    if ("label" in column)
      return (
        <th scope="col" className={`govuk-table__header${numeric(column.numeric)}`}>
          {column.label}
        </th>
      );
  }
  return (
    <th scope="col" className="govuk-table__header">
      {column as ReactNode}
    </th>
  );
}

/**
 * `caption` is read to screen readers only unless `captionSize` shows it; without a caption, name the table with
 * `labelledBy`.
 */
export function Table({
  caption,
  captionSize,
  columns,
  children,
  className,
  testId,
  labelledBy,
}: {
  caption?: ReactNode;
  captionSize?: "s" | "m";
  columns: Column[];
  children: ReactNode;
  className?: string;
  testId?: string;
  labelledBy?: string;
}) {
  const shown = columns.filter((column) => column !== null && column !== undefined && column !== false);
  return (
    <table className={`govuk-table${className ? ` ${className}` : ""}`} data-testid={testId} aria-labelledby={labelledBy}>
      {caption === undefined ? null : (
        <caption className={`govuk-table__caption ${captionSize ? `govuk-table__caption--${captionSize}` : "govuk-visually-hidden"}`}>{caption}</caption>
      )}
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {shown.map((column, index) => (
            <HeaderCell column={column} key={index} />
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">{children}</tbody>
    </table>
  );
}

export function Row({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <tr className="govuk-table__row" data-testid={testId}>
      {children}
    </tr>
  );
}

export function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="govuk-table__header">
      {children}
    </th>
  );
}

/** `className`: more classes, such as `app-preserve-lines`. */
export function Cell({ children, numeric, className }: { children?: ReactNode; numeric?: boolean; className?: string }) {
  return (
    <td className={`govuk-table__cell${numeric ? " govuk-table__cell--numeric" : ""}${className ? ` ${className}` : ""}`}>{children}</td>
  );
}
