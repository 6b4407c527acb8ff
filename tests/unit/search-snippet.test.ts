// A search result shows the words around the match, cut at whole words, with the match as it was written.
import { describe, expect, test } from "vitest";
import { snippetAround } from "../../server/search/search-case";

describe("snippetAround", () => {
  test("finds the match whatever its case, and keeps it as written", () => {
    expect(snippetAround("Lily told her teacher that Dean pushed her mum.", "dean")).toEqual({
      before: "Lily told her teacher that ",
      match: "Dean",
      after: " pushed her mum.",
    });
  });

  test("cuts long text at whole words and says so", () => {
    const text = `${"word ".repeat(40)}Biscuit the cat ${"more ".repeat(40)}`.trim();
    const snippet = snippetAround(text, "Biscuit", 20)!;
    expect(snippet.before.startsWith("…")).toBe(true);
    expect(snippet.before.slice(1).split(" ").every((word) => word === "" || word === "word")).toBe(true);
    expect(snippet.after.endsWith("…")).toBe(true);
    expect(snippet.after.slice(0, -1).trim().split(" ").every((word) => ["the", "cat", "more"].includes(word))).toBe(true);
  });

  test("no match: nothing", () => {
    expect(snippetAround("Nanny Pat", "police")).toBeNull();
  });
});
