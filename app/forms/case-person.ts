// Adding a child, family member or member of the safety network to a case.
import { z } from "zod";
import { isValidNhsNumber, normaliseNhsNumber } from "../../server/cases/nhs-number";

const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`).default("");

export const casePersonSchema = z
  .object({
    kind: z.enum(["child", "family", "network"], "Select whether this is a child, a family member or a member of the safety network"),
    fullName: z.string("Enter the person's full name").trim().min(1, "Enter the person's full name").max(200, "Full name must be 200 characters or fewer"),
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

/** "2019-03-27" from the three boxes, or null when all are empty. Only called once the date is known good. */
function isoDate(day: string, month: string, year: string): string | null {
  if (day === "" && month === "" && year === "") return null;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** Today's date in England, which is what a person typing "today" means, whatever the server's time zone. */
export function todayInEngland(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

function dateOfBirthProblem(day: string, month: string, year: string): string | undefined {
  if (day === "" && month === "" && year === "") return undefined;
  if (day === "" || month === "" || year === "") return "Date of birth must include a day, month and year";
  if (![day, month, year].every((part) => /^\d+$/.test(part)) || year.length !== 4)
    return "Date of birth must be a real date, like 27 3 2019";
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real =
    date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  if (!real) return "Date of birth must be a real date, like 27 3 2019";
  if (Number(year) < 1900) return "Date of birth must be after 1900";
  if (isoDate(day, month, year)! > todayInEngland()) return "Date of birth must be today or in the past";
  return undefined;
}
