// CSV for every export of a table the person is reading (issue 13): RFC 4180 quoting, and no cell a spreadsheet
// would run as a formula.

export type CsvColumn = { label: string };
export type CsvCell = string | number | null;

/** A spreadsheet runs a text cell starting with one of these as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  // A number is written as a number: -3 is a figure, not a formula.
  let text = typeof cell === "number" ? (Number.isFinite(cell) ? String(cell) : "") : String(cell);
  if (typeof cell === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Column headers in words, then one line per row, each line ended by CRLF (RFC 4180). */
export function toCsv(columns: CsvColumn[], rows: CsvCell[][]): string {
  const lines = [columns.map((column) => csvField(column.label)), ...rows.map((row) => row.map(csvField))];
  return lines.map((fields) => `${fields.join(",")}\r\n`).join("");
}

/**
 * The download of a CSV: a byte order mark so a spreadsheet reads it as UTF-8, never cached, and a file name
 * made only of safe characters.
 */
export function csvResponse(fileName: string, csv: string): Response {
  const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, "-");
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeName}"`,
      "Cache-Control": "no-store",
    },
  });
}
