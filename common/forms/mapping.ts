// The forms of a case's mapping: starting a map, an agency's scaling, the child's voice, sharing restricted notes.
import { z } from "zod";
import { datePartsProblem, isoDate } from "./dates";
import { singleLine } from "./text";

const text = (max: number, label: string) => z.string().trim().max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`).default("");
const line = (max: number, label: string) => singleLine(label).max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`).default("");

const dateParts = { Day: z.string().trim().default(""), Month: z.string().trim().default(""), Year: z.string().trim().default("") };

export const newMapSchema = z
  .object({
    heldOnDay: dateParts.Day,
    heldOnMonth: dateParts.Month,
    heldOnYear: dateParts.Year,
    title: line(200, "Title"),
  })
  .superRefine((form, ctx) => {
    const problem = datePartsProblem("Date of the mapping", { day: form.heldOnDay, month: form.heldOnMonth, year: form.heldOnYear }, { required: true, example: "12 11 2026" });
    if (problem) ctx.addIssue({ code: "custom", path: ["heldOnDay"], message: problem });
  })
  .transform((form) => ({ heldOn: isoDate(form.heldOnDay, form.heldOnMonth, form.heldOnYear)!, title: form.title }));

export const scalingSchema = z.object({
  score: z
    .string()
    .trim()
    .default("")
    .refine((value) => value !== "", "Enter your agency's score, a whole number from 0 to 10")
    .refine((value) => value === "" || /^-?\d+(\.\d*)?$/.test(value), "Score must be a number from 0 to 10")
    .refine((value) => !/^-?\d+(\.\d*)?$/.test(value) || Number.isInteger(Number(value)), "Score must be a whole number, like 4")
    .refine((value) => !Number.isInteger(Number(value)) || value === "" || (Number(value) >= 0 && Number(value) <= 10), "Score must be between 0 and 10")
    .transform(Number),
  reasons: z
    .string()
    .trim()
    .default("")
    .refine((value) => value !== "", "Enter the reasons for your agency's score")
    .refine((value) => value.length <= 5000, "Reasons must be 5,000 characters or fewer"),
  // The family sees an agency's reasons only when the agency says so: police and clinical reasons often must not
  // reach them, and forgetting to tick a box must never be what shares them.
  forFamily: z.enum(["yes"]).optional(),
}).transform(({ forFamily, ...scaling }) => ({ ...scaling, notForFamily: forFamily !== "yes" }));

export const childVoiceSchema = z
  .object({
    seenOnDay: dateParts.Day,
    seenOnMonth: dateParts.Month,
    seenOnYear: dateParts.Year,
    // Checked below with the rest, so an empty form lists every problem at once.
    seenAlone: z.string().default(""),
    whoElsePresent: line(500, "Who else was there"),
    worries: text(5000, "Worries"),
    goodThings: text(5000, "Good things"),
    dreams: text(5000, "Dreams"),
    notForFamily: z.enum(["yes"]).optional(),
  })
  .superRefine((form, ctx) => {
    const problem = datePartsProblem("Date the child was seen", { day: form.seenOnDay, month: form.seenOnMonth, year: form.seenOnYear }, { required: true, notInFuture: true, example: "12 11 2026" });
    if (problem) ctx.addIssue({ code: "custom", path: ["seenOnDay"], message: problem });
    if (form.seenAlone !== "yes" && form.seenAlone !== "no")
      ctx.addIssue({ code: "custom", path: ["seenAlone"], message: "Select whether the child was seen alone" });
    if (form.seenAlone === "no" && form.whoElsePresent === "")
      ctx.addIssue({ code: "custom", path: ["whoElsePresent"], message: "Enter who else was there when the child was seen" });
    if (!form.worries && !form.goodThings && !form.dreams)
      ctx.addIssue({ code: "custom", path: ["worries"], message: "Enter what the child said in at least one of the three houses" });
  })
  .transform((form) => ({
    seenOn: isoDate(form.seenOnDay, form.seenOnMonth, form.seenOnYear)!,
    seenAlone: form.seenAlone === "yes",
    whoElsePresent: form.seenAlone === "yes" ? "" : form.whoElsePresent,
    worries: form.worries,
    goodThings: form.goodThings,
    dreams: form.dreams,
    notForFamily: form.notForFamily === "yes",
  }));

export const shareSchema = z.object({
  intent: z.enum(["share", "stop"]),
  agencyId: z.string("Select the agency to share with").trim().min(1, "Select the agency to share with").max(100),
  reason: z
    .string()
    .trim()
    .default("")
    .refine((value) => value !== "", "Enter why, for the record")
    .refine((value) => value.length <= 1000, "Reason must be 1,000 characters or fewer"),
});
