// Every table the oversight pages show, as the words on screen: the page renders these cells and the CSV export
// writes the very same ones, so a download is exactly what the person read.
import type { FigureFormat, Measure, Cell } from "./terms";

export type TableView = {
  caption: string;
  /** Column headers in words. */
  columns: { label: string; numeric: boolean }[];
  /** `key`: what the row counts (its drill-down), or null for a row that opens nothing of its own. */
  rows: { key: string | null; cells: string[]; href?: (string | null)[]; linkNote?: string }[];
};

const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
const unit = (value: number, one: string, many: string) => `${number.format(value)} ${value === 1 ? one : many}`;

export const NOT_APPLICABLE = "Not applicable";

/** A figure as the page says it: "81.0%", "1,204", "3 working days", "6.5 out of 10". */
export function formatFigure(value: Cell | undefined, format: FigureFormat): string {
  if (value === null || value === undefined || value === "") return NOT_APPLICABLE;
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return NOT_APPLICABLE;
  // A minus sign, not a hyphen: it reads as one, and a spreadsheet never takes the exported cell for a formula.
  if (value < 0) return `\u2212${formatFigure(-value, format)}`;
  switch (format) {
    case "percent":
      return `${value.toFixed(1)}%`;
    case "days":
      return unit(value, "day", "days");
    case "working-days":
      return unit(value, "working day", "working days");
    case "score":
      return `${number.format(value)} out of 10`;
    default:
      return number.format(value);
  }
}

/** A month (YYYY-MM) in words: "November 2026". */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The headline in words, with what a share is of: "42.9% (3 of 7)". */
export function headlineText(measure: Measure): string {
  const { value, format, numerator, denominator } = measure.headline;
  const figure = value === null ? "Nothing to count in this range" : formatFigure(value, format);
  return numerator !== undefined && denominator !== undefined && value !== null ? `${figure} (${numerator} of ${denominator})` : figure;
}

/** The measure's own table, by rating, agency, category or whatever its rows are. */
export function figureTableView(measure: Measure): TableView {
  const { table } = measure;
  return {
    caption: table.caption,
    columns: table.columns.map((column) => ({ label: column.label, numeric: column.format !== "text" })),
    rows: table.rows.map((row) => ({ key: row.key, cells: table.columns.map((column) => formatFigure(row.cells[column.key], column.format)) })),
  };
}

/** The trend as a table: each month, the figure, and what a share is of. */
export function trendTableView(measure: Measure): TableView {
  const { trend } = measure;
  const withOf = trend.points.some((point) => point.of !== undefined);
  return {
    caption: `${measure.title}, month by month`,
    columns: [{ label: "Month", numeric: false }, { label: trend.label, numeric: true }, ...(withOf ? [{ label: "Out of", numeric: true }] : [])],
    rows: trend.points.map((point) => ({
      key: null,
      cells: [monthName(point.month), formatFigure(point.value, trend.format), ...(withOf ? [point.of === undefined ? NOT_APPLICABLE : number.format(point.of)] : [])],
    })),
  };
}

/** One thing a figure counts, as the drill-down may show it to this person (server/oversight/drill-down.ts). */
export type DrillDownItem = {
  reference: string;
  childName: string | null;
  caseHref: string | null;
  reasonHref: string | null;
  agencyName: string;
  dates: { label: string; date: string }[];
  outcome: string;
  /** Words on the case that explain the outcome (a late conference's reason), where the person may read the case. */
  caseWords?: string | null;
};

export const NAME_NOT_SHOWN = "Not shown to you";

const longDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`))
    : date;

/** What a figure counts: reference, child (where the person may see the name), agency, each date, the outcome. */
export function countedTableView(caption: string, items: DrillDownItem[]): TableView {
  const dateLabels: string[] = [];
  for (const item of items) for (const { label } of item.dates) if (!dateLabels.includes(label)) dateLabels.push(label);
  const withWords = items.some((item) => item.caseWords);
  return {
    caption,
    columns: [
      { label: "Reference", numeric: false },
      { label: "Child", numeric: false },
      { label: "Agency", numeric: false },
      ...dateLabels.map((label) => ({ label, numeric: false })),
      { label: "Outcome", numeric: false },
      ...(withWords ? [{ label: "Reason recorded on the case", numeric: false }] : []),
    ],
    rows: items.map((item) => ({
      key: null,
      cells: [
        item.reference,
        item.childName ?? NAME_NOT_SHOWN,
        item.agencyName,
        ...dateLabels.map((label) => {
          const found = item.dates.find((date) => date.label === label);
          return found ? longDate(found.date) : "";
        }),
        item.outcome,
        ...(withWords ? [item.caseWords ?? ""] : []),
      ],
      href: [item.caseHref ?? item.reasonHref],
      ...(item.caseHref === null && item.reasonHref !== null ? { linkNote: "open by giving a reason" } : {}),
    })),
  };
}

/** A table as CSV's columns and rows (server/oversight/csv.ts writes them). */
export function csvOf(view: TableView): { columns: { label: string }[]; rows: string[][] } {
  return { columns: view.columns.map((column) => ({ label: column.label })), rows: view.rows.map((row) => row.cells) };
}
