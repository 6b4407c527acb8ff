// Adding a child, family member or member of the safety network to a case.
import { z } from "zod";
import { isValidNhsNumber, normaliseNhsNumber } from "../../server/cases/nhs-number";

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).default("");

export const casePersonSchema = z
  .object({
    kind: z.enum(["child", "family", "network"], "Select whether this is a child, a family member or a member of the safety network"),
    fullName: z.string().trim().min(1, "Enter the person's full name").max(200, "Full name must be 200 characters or fewer"),
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
    if (form.kind !== "child" && form.relationship === "")
      ctx.addIssue({ code: "custom", path: ["relationship"], message: "Enter their relationship to the child" });
  })
  .transform((form, ctx) => {
    const parts = [form.dobDay, form.dobMonth, form.dobYear];
    let dateOfBirth: string | null = null;
    if (parts.some((part) => part !== "")) {
      const [day, month, year] = parts.map(Number);
      const date = new Date(Date.UTC(year, month - 1, day));
      const real =
        parts.every((part) => /^\d+$/.test(part)) &&
        form.dobYear.length === 4 &&
        date.getUTCFullYear() === year &&
        date.getUTCMonth() === month - 1 &&
        date.getUTCDate() === day;
      if (!real) {
        ctx.addIssue({ code: "custom", path: ["dobDay"], message: "Date of birth must be a real date, like 27 3 2019" });
        return z.NEVER;
      }
      if (date.getTime() > Date.now()) {
        ctx.addIssue({ code: "custom", path: ["dobDay"], message: "Date of birth must be today or in the past" });
        return z.NEVER;
      }
      if (year < 1900) {
        ctx.addIssue({ code: "custom", path: ["dobDay"], message: "Date of birth must be after 1900" });
        return z.NEVER;
      }
      dateOfBirth = date.toISOString().slice(0, 10);
    }
    return {
      kind: form.kind,
      fullName: form.fullName,
      relationship: form.relationship,
      dateOfBirth,
      nhsNumber: form.nhsNumber,
      parentalResponsibility: form.parentalResponsibility === "yes",
      address: form.address,
      school: form.school,
    };
  });

export type CasePersonInput = z.output<typeof casePersonSchema>;
