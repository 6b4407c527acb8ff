// Every one-line box in every form refuses a line break of any kind, naming the field in the error summary; the
// portal's emails show a name on one line whatever was stored.
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { forgottenPasswordSchema } from "../../common/forms/account-links";
import { casePersonSchema } from "../../common/forms/case-person";
import { addCaseMemberSchema } from "../../common/forms/case-team";
import { parseForm } from "../../common/forms/form-errors";
import { childVoiceSchema, newMapSchema } from "../../common/forms/mapping";
import { decisionsSchema } from "../../common/forms/meetings";
import { personSchema } from "../../common/forms/person";
import { signInSchema } from "../../common/forms/sign-in";
import { isOneLine } from "../../common/forms/text";
import { greeting, noticeMessage, oneLine } from "../../server/mail/account-mail";

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Each one-line field, with a form that is otherwise accepted. */
const oneLineFields: [string, z.ZodType, Record<string, string>, string, string][] = [
  ["add a person to the agency", personSchema, { fullName: "Sam Lee", email: "sam.lee@police.example", jobTitle: "", role: "practitioner" }, "fullName", "Full name"],
  ["add a person to the agency", personSchema, { fullName: "Sam Lee", email: "sam.lee@police.example", jobTitle: "", role: "practitioner" }, "jobTitle", "Job title"],
  ["add a person to the agency", personSchema, { fullName: "Sam Lee", email: "sam.lee@police.example", jobTitle: "", role: "practitioner" }, "email", "Email address"],
  ["add a person to a case", casePersonSchema, { kind: "family", fullName: "Kerry Marsh", relationship: "Mother" }, "fullName", "Full name"],
  ["add a person to a case", casePersonSchema, { kind: "family", fullName: "Kerry Marsh", relationship: "Mother" }, "relationship", "Relationship"],
  ["add a person to a case", casePersonSchema, { kind: "family", fullName: "Kerry Marsh", relationship: "Mother", address: "1 Quay Street" }, "address", "Address"],
  ["add a person to a case", casePersonSchema, { kind: "family", fullName: "Kerry Marsh", relationship: "Mother", school: "Larkfield" }, "school", "School or setting"],
  ["add a professional to a case", addCaseMemberSchema, { userId: "3", roleOnCase: "Health visitor" }, "roleOnCase", "Role on the case"],
  ["start a map", newMapSchema, { heldOnDay: "12", heldOnMonth: "11", heldOnYear: "2026", title: "After the meeting" }, "title", "Title"],
  [
    "the child's voice",
    childVoiceSchema,
    { seenOnDay: "12", seenOnMonth: "11", seenOnYear: "2025", seenAlone: "no", whoElsePresent: "Her aunt", worries: "Shouting" },
    "whoElsePresent",
    "Who else was there",
  ],
  [
    "a meeting's decisions",
    decisionsSchema,
    {
      section47: "yes",
      section47Why: "Bruising",
      policeInvestigation: "joint",
      immediateProtection: "no",
      icpc: "yes",
      familyTold: "yes",
      familyToldBy: "Sam Okafor",
      familyToldOnDay: "4",
      familyToldOnMonth: "12",
      familyToldOnYear: "2026",
    },
    "familyToldBy",
    "Who tells the family",
  ],
  ["sign in", signInSchema, { email: "sam@council.example", password: "anything at all" }, "email", "Email address"],
  ["forgotten password", forgottenPasswordSchema, { email: "sam@council.example" }, "email", "Email address"],
];

describe("one-line fields", () => {
  test.each(oneLineFields)("%s: %s is accepted as one line", (_form, schema, fields) => {
    expect(parseForm(schema, formData(fields)).success).toBe(true);
  });

  for (const [name, lineBreak] of [
    ["line feed", "\n"],
    ["carriage return", "\r"],
    ["line separator", "\u2028"],
    ["paragraph separator", "\u2029"],
  ])
    test.each(oneLineFields)(`%s: %s with a ${name} inside is refused, "<Label> must be on one line"`, (_form, schema, fields, field, label) => {
      const value = field === "email" ? `sam${lineBreak}lee@council.example` : `${fields[field] || "Text"}${lineBreak}${lineBreak}More text`;
      const result = parseForm(schema, formData({ ...fields, [field]: value }));
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.errors[field]).toBe(`${label} must be on one line`);
        // What was typed is shown back, unchanged, for the person to correct.
        expect(result.values[field]).toBe(value);
      }
    });

  test("next line (U+0085), vertical tab and form feed are line breaks too (and control characters, which says so first)", () => {
    for (const lineBreak of ["\u0085", "\u000B", "\u000C"]) {
      expect(isOneLine(`a${lineBreak}b`)).toBe(false);
      const result = parseForm(personSchema, formData({ fullName: `Sam${lineBreak}Lee`, email: "sam.lee@police.example", jobTitle: "", role: "practitioner" }));
      expect(result.success).toBe(false);
      if (!result.success) expect(result.errors.fullName).toBe("Full name must not contain control characters");
    }
  });

  test("a line break at either end is trimmed, as spaces are", () => {
    const result = parseForm(personSchema, formData({ fullName: "\r\nSam Lee\n", email: "sam.lee@police.example", jobTitle: "", role: "practitioner" }));
    expect(result.success && result.data.fullName).toBe("Sam Lee");
  });

  test("text areas keep their paragraphs", () => {
    const voice = { seenOnDay: "12", seenOnMonth: "11", seenOnYear: "2025", seenAlone: "yes", worries: "Shouting.\n\nThe dark." };
    const result = parseForm(childVoiceSchema, formData(voice));
    expect(result.success && result.data.worries).toBe("Shouting.\n\nThe dark.");
  });
});

describe("names in the portal's emails", () => {
  test("are on one line, with no direction overrides", () => {
    expect(oneLine("Sam\r\n\u2028Lee\u0085\tOkafor")).toBe("Sam Lee Okafor");
    expect(oneLine("Sam \u202ELee\u2066")).toBe("Sam Lee");
    expect(greeting("Sam\n\nLee")).toBe("Dear Sam Lee,");
  });

  test("a name too long for the greeting line is shortened there, so it never runs into the lines below", () => {
    const long = `Sam Lee ${"and more words ".repeat(10)}`;
    const line = greeting(long);
    expect(line.length).toBeLessThanOrEqual(72);
    expect(line).toMatch(/^Dear Sam Lee and more words .*\.\.\.,$/);
  });

  test("a deactivation notice says whom to ask and carries no reason", () => {
    const message = noticeMessage({ fullName: "Alex Morgan", email: "alex@police.example" }, { kind: "deactivated", agencyName: "Kestrel Vale Police" }, new Date("2026-11-30T09:00:00Z"));
    expect(message.text.split("\n")[0]).toBe("Dear Alex Morgan,");
    expect(message.text.replace(/\s+/g, " ")).toContain("ask an administrator at Kestrel Vale Police");
    expect(message.text).not.toMatch(/reason/i);
  });
});
