// The CSV every export writes: a spreadsheet opens it as the table on screen and never runs a cell as a formula.
import { describe, expect, test } from "vitest";
import { csvResponse, toCsv } from "../../server/oversight/csv";

describe("toCsv", () => {
  test("headers in words, then one CRLF-ended line per row", () => {
    expect(toCsv([{ label: "Agency" }, { label: "Count" }], [["Police", 3], ["Health", 0]])).toBe(
      "Agency,Count\r\nPolice,3\r\nHealth,0\r\n",
    );
  });

  test("quotes a cell holding a comma, a quote or a line break, doubling its quotes", () => {
    expect(toCsv([{ label: "Said" }], [['Marsh, Lily'], ['She said "no"'], ["two\nlines"], ["cr\rhere"]])).toBe(
      'Said\r\n"Marsh, Lily"\r\n"She said ""no"""\r\n"two\nlines"\r\n"cr\rhere"\r\n',
    );
  });

  test("an empty cell is empty", () => {
    expect(toCsv([{ label: "A" }, { label: "B" }], [[null, ""]])).toBe("A,B\r\n,\r\n");
  });

  test("a text cell that a spreadsheet would run as a formula starts with a single quote", () => {
    const rows = [["=HYPERLINK(\"http://x\")"], ["+1"], ["-2+3"], ["@SUM(A1)"], ["\tx"], ["safe = fine"]];
    expect(toCsv([{ label: "Cell" }], rows)).toBe(
      "Cell\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'+1\r\n'-2+3\r\n'@SUM(A1)\r\n'\tx\r\nsafe = fine\r\n",
    );
  });

  test("a negative number is a figure, written as it is", () => {
    expect(toCsv([{ label: "Change" }], [[-3], [2.5]])).toBe("Change\r\n-3\r\n2.5\r\n");
  });

  test("a header is guarded too", () => {
    expect(toCsv([{ label: "=cmd" }], [])).toBe("'=cmd\r\n");
  });
});

describe("csvResponse", () => {
  test("a download with a safe file name, read as UTF-8 and never cached", async () => {
    const response = csvResponse('trail "1"\r\n.csv', "A\r\n");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="trail--1---.csv"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.text()).toBe("A\r\n"); // the byte order mark is there, and text() strips it
  });
});
