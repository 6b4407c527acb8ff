// Text boxes that hold one line (a name, a job title, a role, a title). A line break in one is never typed there: it
// arrives from a tool, or from someone who wants their text to stand as a paragraph of its own wherever it is shown
// (an email, a print, the audit trail). So it is refused, naming the field, and never silently removed.
import { z } from "zod";

/**
 * Every character that ends a line somewhere: line feed, carriage return, vertical tab, form feed, next line (U+0085),
 * and the Unicode line and paragraph separators (U+2028, U+2029).
 */
const lineBreak = /[\n\r\u000B\u000C\u0085\u2028\u2029]/;

export function isOneLine(text: string): boolean {
  return !lineBreak.test(text);
}

export const oneLineMessage = (label: string) => `${label} must be on one line`;

/**
 * A single-line text field: trimmed as every field is, then refused with "<Label> must be on one line" if a line break
 * is left inside. Chain `.min()`, `.max()` and `.default()` as on any string.
 */
export function singleLine(label: string, invalidType = `${label} must be text`) {
  return z.string(invalidType).trim().refine(isOneLine, oneLineMessage(label));
}
