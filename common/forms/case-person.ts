// Adding a child, family member or member of the safety network to a case.
import { z } from "zod";
import { isValidNhsNumber, normaliseNhsNumber } from "../nhs-number";
import { datePartsProblem, isoDate } from "./dates";
import { singleLine } from "./text";

const optionalText = (max: number, label: string) =>
  singleLine(label).max(max, `${label} must be ${max} characters or fewer`).default("");

export const casePersonSchema = z
  .object({
    kind: z.enum(["child", "family", "network"], "Select whether this is a child, a family member or a member of the safety network"),
    fullName: singleLine("Full name", "Enter the person's full name").min(1, "Enter the person's full name").max(200, "Full name must be 200 characters or fewer"),
    relationship: optionalText(200, "Relationship"),
    dobDay: z.string().trim().default(""),
    dobMonth: z.string().trim().default(""),
    dobYear: z.string().trim().default(""),
    nhsNumber: z
      .string()
      .trim()
      .default("")
      .refine((value) => value === "" || isValidNhsNumber(value), "Enter a valid NHS number, like 999 000 0018 (10 digits)")
      .transform((value) => (value === "" ? null : normaliseNhsNumber(value))),
    parentalResponsibility: z.enum(["yes", "no"]).default("no"),
    address: optionalText(500, "Address"),
    school: optionalText(200, "School or setting"),
  })
  .superRefine((form, ctx) => {
    // Every check adds its issue here, so the error summary lists all of them at once.
    if (form.kind !== "child" && form.relationship === "")
      ctx.addIssue({ code: "custom", path: ["relationship"], message: "Enter their relationship to the child" });
    const problem = dateOfBirthProblem(form.dobDay, form.dobMonth, form.dobYear);
    if (problem) ctx.addIssue({ code: "custom", path: ["dobDay"], message: problem });
  })
  .transform((form) => ({
    kind: form.kind,
    fullName: form.fullName,
    relationship: form.relationship,
    dateOfBirth: isoDate(form.dobDay, form.dobMonth, form.dobYear),
    nhsNumber: form.nhsNumber,
    parentalResponsibility: form.parentalResponsibility === "yes",
    address: form.address,
    school: form.school,
  }));

export type CasePersonInput = z.output<typeof casePersonSchema>;

function dateOfBirthProblem(day: string, month: string, year: string): string | undefined {
  return datePartsProblem("Date of birth", { day, month, year }, { notInFuture: true });
}
