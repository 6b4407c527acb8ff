// The forms of a core group: scheduling it, how often the plan's core groups meet, progress against an action (a reason
// for "at risk" and "no longer needed"), whether an agency's part of the notes goes to the family, attendance, and to
// whom the signed-off notes were sent.
import { z } from "zod";
import { datePartsProblem, isoDate } from "./dates";

export const progressStatuses = ["not_started", "on_track", "at_risk", "done", "no_longer_needed"] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

export const progressStatusNames: Record<ProgressStatus, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  done: "Done",
  no_longer_needed: "No longer needed",
};

/** The GOV.UK tag colour of each status. */
export const progressStatusColours: Record<ProgressStatus, string> = {
  not_started: "grey",
  on_track: "blue",
  at_risk: "red",
  done: "green",
  no_longer_needed: "purple",
};

/** The statuses that need a reason, and the message when it is missing. */
export const progressReasonNeeded: Partial<Record<ProgressStatus, string>> = {
  at_risk: "Enter why the action is at risk",
  no_longer_needed: "Enter why the action is no longer needed",
};

const text = (max: number, label: string) =>
  z.string().trim().default("").refine((value) => value.length <= max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

const id = z.string().trim().default("");
const isId = (value: string) => /^\d{1,15}$/.test(value);

export const progressSchema = z
  .object({
    actionId: id,
    status: z.string().default(""),
    reason: text(2000, "The reason"),
    note: text(1000, "The note"),
  })
  .superRefine((form, ctx) => {
    if (!isId(form.actionId)) ctx.addIssue({ code: "custom", path: ["actionId"], message: "Select an action of the plan" });
    if (!progressStatuses.includes(form.status as ProgressStatus))
      ctx.addIssue({ code: "custom", path: ["status"], message: "Select how the action stands" });
    const needed = progressReasonNeeded[form.status as ProgressStatus];
    if (needed && form.reason === "") ctx.addIssue({ code: "custom", path: ["reason"], message: needed });
  })
  .transform((form) => ({
    actionId: Number(form.actionId),
    status: form.status as ProgressStatus,
    // A reason given for a status that needs none is kept: nothing a person wrote is silently dropped.
    reason: form.reason,
    note: form.note,
  }));

export const coreGroupHows = ["in_person", "video", "telephone"] as const;

export const scheduleSchema = z
  .object({
    heldOnDay: id,
    heldOnMonth: id,
    heldOnYear: id,
    heldTime: z.string().trim().default(""),
    how: z.string().default(""),
    lateReason: text(2000, "Why it is late"),
  })
  .superRefine((form, ctx) => {
    const heldOn = { day: form.heldOnDay, month: form.heldOnMonth, year: form.heldOnYear };
    const problem = datePartsProblem("Date", heldOn, { required: true, example: "4 12 2026" });
    if (problem) ctx.addIssue({ code: "custom", path: ["heldOnDay"], message: problem });
    if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(form.heldTime))
      ctx.addIssue({ code: "custom", path: ["heldTime"], message: "Enter the time in 24-hour form, like 14:30" });
    if (!coreGroupHows.includes(form.how as (typeof coreGroupHows)[number]))
      ctx.addIssue({ code: "custom", path: ["how"], message: "Select how the core group meets" });
  })
  .transform((form) => ({
    heldOn: isoDate(form.heldOnDay, form.heldOnMonth, form.heldOnYear)!,
    heldTime: form.heldTime.padStart(5, "0"),
    how: form.how as (typeof coreGroupHows)[number],
    lateReason: form.lateReason || null,
  }));

export const lateReasonMissing = (dueOn: string) =>
  `Enter why the core group is later than ${dueOn}, the day its clock allows: a missed clock needs its reason`;

/** The intervals between core groups a lead social worker may choose, in working days. */
export const coreGroupIntervals = [10, 15, 20, 30, 40] as const;

/** "20 working days (about every 4 weeks)". */
export const intervalWords = (workingDays: number) => `${workingDays} working days (about every ${workingDays / 5} weeks)`;

export const intervalSchema = (choices: readonly number[]) =>
  z.object({
    workingDays: z
      .string()
      .default("")
      .refine((value) => choices.includes(Number(value)) && isId(value), "Select how often the core group meets")
      .transform(Number),
  });

export const familyMarkSchema = z.object({
  agencyId: z.string().trim().min(1, "Select the agency").max(100),
  forFamily: z.enum(["yes", "no"], "Select whether the family may see this part"),
});

/** Who received the signed-off notes, which version and when: a date up to `today`, the calendar date in England. */
export const distributionSchema = (today: string) =>
  z
    .object({
      recipient: z.string().trim().default(""),
      version: z.string().default(""),
      sentOnDay: id,
      sentOnMonth: id,
      sentOnYear: id,
    })
    .superRefine((form, ctx) => {
      if (!/^(professional|family):\d{1,15}$/.test(form.recipient))
        ctx.addIssue({ code: "custom", path: ["recipient"], message: "Select who received the notes" });
      if (form.version !== "full" && form.version !== "family")
        ctx.addIssue({ code: "custom", path: ["version"], message: "Select which version of the notes they received" });
      const sentOn = { day: form.sentOnDay, month: form.sentOnMonth, year: form.sentOnYear };
      const problem = datePartsProblem("The date they were sent", sentOn, { required: true, notInFuture: true, today, example: "4 12 2026" });
      if (problem) ctx.addIssue({ code: "custom", path: ["sentOnDay"], message: problem });
    })
    .transform((form) => {
      const [kind, recipientId] = form.recipient.split(":");
      return {
        recipientKind: kind as "professional" | "family",
        recipientId: Number(recipientId),
        version: form.version as "full" | "family",
        sentOn: isoDate(form.sentOnDay, form.sentOnMonth, form.sentOnYear)!,
      };
    });

export const distributionMessages = {
  familyGetFull: "The family receive only the family's version of the notes",
  noSuchRecipient: "Select a member of this core group, or someone in the child's family or network",
} as const;
