// parseForm refuses control characters in any field, in the error-summary pattern, and changes nothing a person wrote.
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { controlCharacterErrors, fieldLabel, parseForm } from "../../common/forms/form-errors";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
};
const schema = z.object({ reasons: z.string().min(1, "Enter the reasons"), score: z.string() });

describe("control characters", () => {
  test.each(["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085", "\u009f"])("%j is refused with the field's label", (character) => {
    const parsed = parseForm(schema, form({ reasons: `a${character}b`, score: "4" }));
    expect(parsed).toMatchObject({ success: false, errors: { reasons: "Reasons must not contain control characters" } });
    if (!parsed.success) expect(parsed.values.reasons).toBe(`a${character}b`); // given back as written, never stripped
  });

  test("tab, new line and carriage return are what people write", () => {
    expect(parseForm(schema, form({ reasons: "a\tb\r\nc\n", score: "4" }))).toMatchObject({ success: true, data: { reasons: "a\tb\r\nc\n" } });
  });

  test("joins the schema's own errors, and wins on its own field", () => {
    const parsed = parseForm(schema, form({ reasons: "", score: "\u0000" }));
    expect(parsed).toMatchObject({ success: false, errors: { reasons: "Enter the reasons", score: "Score must not contain control characters" } });
  });

  test("a field the schema does not know is still checked; a date's parts share the day's message", () => {
    expect(controlCharacterErrors(form({ intent: "\u0002" }))).toEqual({ intent: "Intent must not contain control characters" });
    expect(controlCharacterErrors(form({ dobMonth: "\u0002" }))).toEqual({ dobDay: "Date of birth must not contain control characters" });
    expect(controlCharacterErrors(form({ ["na\u0000me"]: "x" }))).toEqual({ form: "The form could not be read. Reload the page and try again" });
  });

  test("labels", () => {
    expect(fieldLabel("whoElsePresent")).toBe("Who else was there");
    expect(fieldLabel("someNewField")).toBe("Some new field");
    expect(fieldLabel("toString")).toBe("To string");
  });
});
