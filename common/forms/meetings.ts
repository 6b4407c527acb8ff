// The forms of a strategy meeting: convening it, the chair's decisions, actions with a real date, scaling
// exemptions, dissent and addenda.
import { z } from "zod";
import { datePartsProblem, isoDate, todayInEngland } from "./dates";
import { singleLine } from "./text";

export const required = (max: number, missing: string, label: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine((value) => value !== "", missing)
    .refine((value) => value.length <= max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

export const optional = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`).default("");

/** When and how a meeting or conference is held, and who chairs it: the fields every convening form has. */
export const whenAndWho = {
  heldOnDay: z.string().trim().default(""),
  heldOnMonth: z.string().trim().default(""),
  heldOnYear: z.string().trim().default(""),
  heldTime: z.string().trim().default(""),
  how: z.string().default(""),
  chairUserId: z.string().trim().default(""),
};

type WhenAndWho = { [K in keyof typeof whenAndWho]: string };

/** The problems of the fields every convening form has, each on its field. */
export function whenAndWhoProblems(form: WhenAndWho, ctx: z.RefinementCtx) {
  const dateProblem = datePartsProblem("Date", { day: form.heldOnDay, month: form.heldOnMonth, year: form.heldOnYear }, { required: true, example: "4 12 2026" });
  if (dateProblem) ctx.addIssue({ code: "custom", path: ["heldOnDay"], message: dateProblem });
  if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(form.heldTime))
    ctx.addIssue({ code: "custom", path: ["heldTime"], message: "Enter the time in 24-hour form, like 14:30" });
  if (!["in_person", "video", "telephone"].includes(form.how))
    ctx.addIssue({ code: "custom", path: ["how"], message: "Select how the meeting is held" });
  if (!/^\d{1,15}$/.test(form.chairUserId)) ctx.addIssue({ code: "custom", path: ["chairUserId"], message: "Select who chairs it" });
}

/** The fields every convening form has, as the domain takes them. */
export const whenAndWhoOf = (form: WhenAndWho) => ({
  heldOn: isoDate(form.heldOnDay, form.heldOnMonth, form.heldOnYear)!,
  heldTime: form.heldTime.padStart(5, "0"),
  how: form.how as "in_person" | "video" | "telephone",
  chairUserId: Number(form.chairUserId),
});

export const conveneSchema = z
  .object({
    kind: z.string().default(""),
    ...whenAndWho,
    concern: required(5000, "Enter the concern of significant harm", "The concern"),
  })
  .superRefine((form, ctx) => {
    if (form.kind !== "meeting" && form.kind !== "discussion")
      ctx.addIssue({ code: "custom", path: ["kind"], message: "Select whether this is a strategy meeting or a telephone strategy discussion" });
    whenAndWhoProblems(form, ctx);
  })
  .transform((form) => ({ kind: form.kind as "meeting" | "discussion", ...whenAndWhoOf(form), concern: form.concern }));

/** The words people put where a date should be. Each gets its own reason. */
const notDates: [RegExp, string][] = [
  [/^on-?going$/i, `"Ongoing" is not a date. Enter the date this will be done by, like 4 12 2026`],
  [/^a\.?s\.?a\.?p\.?$/i, `"ASAP" is not a date. Enter the date this will be done by, like 4 12 2026`],
  [/^t\.?b\.?[cd]\.?$/i, `"TBC" is not a date. Agree the date this will be done by before recording the action, like 4 12 2026`],
];

/**
 * A due date typed as "4 12 2026", "4/12/2026" or "2026-12-04": the ISO date, or why it is not a real date from today
 * on. `today` is the calendar date in England (todayInEngland): an action due today is still to be done.
 */
export function dueDateOf(text: string, today = todayInEngland()): { date: string } | { problem: string } {
  const value = text.trim();
  if (value === "") return { problem: "Enter the date this will be done by, like 4 12 2026" };
  for (const [pattern, problem] of notDates) if (pattern.test(value)) return { problem };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dmy = /^(\d{1,2})[\s/.-]+(\d{1,2})[\s/.-]+(\d{4})$/.exec(value);
  const parts = iso ? { day: iso[3], month: iso[2], year: iso[1] } : dmy ? { day: dmy[1], month: dmy[2], year: dmy[3] } : null;
  if (!parts) return { problem: "Due date must be a real date, like 4 12 2026" };
  const problem = datePartsProblem("Due date", parts, { example: "4 12 2026" });
  if (problem) return { problem };
  const date = isoDate(parts.day, parts.month, parts.year)!;
  if (date < today) return { problem: "Due date must be today or in the future: an action is something still to be done" };
  return { date };
}

/** An action, its due date judged against `today`, the calendar date in England by the portal's clock. */
export const actionSchema = (today: string) =>
  z
    .object({
      what: required(1000, "Enter what will be done", "What will be done"),
      ownerUserId: z.string().trim().default(""),
      due: z.string().default(""),
    })
    .superRefine((form, ctx) => {
      if (!/^\d{1,15}$/.test(form.ownerUserId))
        ctx.addIssue({ code: "custom", path: ["ownerUserId"], message: "Select who will do it (their agency is recorded with them)" });
      const due = dueDateOf(form.due, today);
      if ("problem" in due) ctx.addIssue({ code: "custom", path: ["due"], message: due.problem });
    })
    .transform((form) => ({ what: form.what, ownerUserId: Number(form.ownerUserId), dueOn: (dueDateOf(form.due, today) as { date: string }).date }));

export const decisionsSchema = z
  .object({
    section47: z.string().default(""),
    section47Why: required(5000, "Enter why a section 47 enquiry will or will not start", "The reason"),
    policeInvestigation: z.string().default(""),
    immediateProtection: z.string().default(""),
    immediateProtectionDetail: optional(5000, "What protection"),
    icpc: z.string().default(""),
    familyTold: z.string().default(""),
    familyToldBy: singleLine("Who tells the family").max(200, "Who tells the family must be 200 characters or fewer").default(""),
    familyToldOnDay: z.string().trim().default(""),
    familyToldOnMonth: z.string().trim().default(""),
    familyToldOnYear: z.string().trim().default(""),
    familyNotToldWhy: optional(2000, "Why not yet"),
  })
  .superRefine((form, ctx) => {
    const yesNo = (field: keyof typeof form, message: string) => {
      if (form[field] !== "yes" && form[field] !== "no") ctx.addIssue({ code: "custom", path: [field], message });
    };
    yesNo("section47", "Select whether a section 47 enquiry starts");
    if (!["none", "single", "joint"].includes(form.policeInvestigation))
      ctx.addIssue({ code: "custom", path: ["policeInvestigation"], message: "Select whether the police investigate, and how" });
    yesNo("immediateProtection", "Select whether the child needs immediate protection");
    if (form.immediateProtection === "yes" && form.immediateProtectionDetail === "")
      ctx.addIssue({ code: "custom", path: ["immediateProtectionDetail"], message: "Enter what protection is being put in place" });
    yesNo("icpc", "Select whether an initial child protection conference is to be convened");
    yesNo("familyTold", "Select whether the family is being told");
    if (form.familyTold === "yes") {
      if (form.familyToldBy === "") ctx.addIssue({ code: "custom", path: ["familyToldBy"], message: "Enter who tells the family" });
      const problem = datePartsProblem("The date the family is told", { day: form.familyToldOnDay, month: form.familyToldOnMonth, year: form.familyToldOnYear }, { required: true, example: "4 12 2026" });
      if (problem) ctx.addIssue({ code: "custom", path: ["familyToldOnDay"], message: problem });
    }
    if (form.familyTold === "no" && form.familyNotToldWhy === "")
      ctx.addIssue({ code: "custom", path: ["familyNotToldWhy"], message: "Enter why the family is not being told yet" });
  })
  .transform((form) => ({
    section47: form.section47 === "yes",
    section47Why: form.section47Why,
    policeInvestigation: form.policeInvestigation as "none" | "single" | "joint",
    immediateProtection: form.immediateProtection === "yes",
    immediateProtectionDetail: form.immediateProtection === "yes" ? form.immediateProtectionDetail : "",
    icpc: form.icpc === "yes",
    familyTold: form.familyTold === "yes",
    familyToldBy: form.familyTold === "yes" ? form.familyToldBy : "",
    familyToldOn: form.familyTold === "yes" ? isoDate(form.familyToldOnDay, form.familyToldOnMonth, form.familyToldOnYear) : null,
    familyNotToldWhy: form.familyTold === "no" ? form.familyNotToldWhy : "",
  }));

export const exemptionSchema = z.object({
  agencyId: z.string().trim().min(1, "Select the agency that could not scale").max(100),
  reason: required(2000, "Enter why the agency could not scale", "The reason"),
});

export const dissentSchema = z.object({
  agencyId: z.string().trim().min(1, "Select the agency that disagrees").max(100),
  dissent: required(2000, "Enter what the agency disagrees with, and why", "The dissent"),
});

export const addendumSchema = z.object({
  addendum: required(5000, "Enter the addendum", "The addendum"),
});

export const actionStatusSchema = z.object({
  actionId: z.string().regex(/^\d{1,15}$/, "Select an action"),
  status: z.enum(["open", "done", "cancelled"], "Select the action's status"),
});

/**
 * Which other agencies at the meeting also read an agency's part for the chair (`agencyId`): each ticked box a `reader`,
 * none at all being a choice too (the chair alone). Which agencies are at the meeting is the action's to check.
 */
export const chairPartReadersSchema = z.object({
  agencyId: z.string().trim().min(1, "Select the agency whose part this is").max(100, "Select an agency at this meeting"),
  readers: z.array(z.string().trim().min(1, "Select only agencies at this meeting").max(100, "Select only agencies at this meeting")).max(50, "Select only agencies at this meeting"),
});
