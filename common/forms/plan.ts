// The forms of a child protection plan: an outcome in plain words, an action in SMART form (what, why, who, by when,
// how progress is measured), and how often the child is visited and seen alone. The vocabulary of categories and of
// what follows an ended plan is shared with the pages.
import { z } from "zod";
import { dueDateOf } from "./meetings";

export const planCategories = ["neglect", "physical_abuse", "sexual_abuse", "emotional_abuse"] as const;
export type PlanCategory = (typeof planCategories)[number];

export const planCategoryNames: Record<PlanCategory, string> = {
  neglect: "Neglect",
  physical_abuse: "Physical abuse",
  sexual_abuse: "Sexual abuse",
  emotional_abuse: "Emotional abuse",
};

export const whatFollowsPlan = ["child_in_need_plan", "closure"] as const;
export type WhatFollowsPlan = (typeof whatFollowsPlan)[number];

export const whatFollowsPlanNames: Record<WhatFollowsPlan, string> = {
  child_in_need_plan: "A child in need plan",
  closure: "The case closes",
};

/** A box that must be filled, with its own message when empty and when too long. */
const text = (max: number, missing: string, label: string) =>
  z
    .string()
    .trim()
    .default("")
    .refine((value) => value !== "", missing)
    .refine((value) => value.length <= max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`);

export const planMessages = {
  wording: "Enter the outcome: what must change for the child",
  outcome: "Select the outcome this action is for",
  what: "Enter what will be done",
  why: "Enter why it will be done: what it changes for the child",
  owner: "Select who will do it (their agency is recorded with them)",
  ownerNotOnCase: "Select someone working on this case: the person chosen is not, or their agency is no longer on it",
  measure: "Enter how progress will be measured",
  visits: "Enter how often the child is visited",
  seenAlone: "Enter how often the child is seen alone",
} as const;

export const outcomeSchema = z.object({ wording: text(2000, planMessages.wording, "The outcome") });

const id = /^\d{1,15}$/;

/**
 * An action, its due date judged against `today` (the calendar date in England by the portal's clock): a real date,
 * today or later; "ongoing", "ASAP", "TBC", blank and past dates each have their own message. `ownerUserIds`: the
 * people working on the case who may own it. `outcomeIds`: when adding, the outcomes it may be for. `keepDueOn`: when
 * changing, the action's present due date, which stands even once passed (correcting the wording of an overdue action
 * does not move its date).
 */
export const planActionSchema = (opts: { today: string; ownerUserIds: readonly number[]; outcomeIds?: readonly number[]; keepDueOn?: string }) =>
  z
    .object({
      outcomeId: z.string().trim().default(""),
      what: text(1000, planMessages.what, "What will be done"),
      why: text(1000, planMessages.why, "Why"),
      ownerUserId: z.string().trim().default(""),
      due: z.string().default(""),
      measure: text(1000, planMessages.measure, "How progress will be measured"),
    })
    .superRefine((form, ctx) => {
      if (opts.outcomeIds && !(id.test(form.outcomeId) && opts.outcomeIds.includes(Number(form.outcomeId))))
        ctx.addIssue({ code: "custom", path: ["outcomeId"], message: planMessages.outcome });
      if (!id.test(form.ownerUserId)) ctx.addIssue({ code: "custom", path: ["ownerUserId"], message: planMessages.owner });
      else if (!opts.ownerUserIds.includes(Number(form.ownerUserId)))
        ctx.addIssue({ code: "custom", path: ["ownerUserId"], message: planMessages.ownerNotOnCase });
      const due = dueOf(form.due, opts);
      if ("problem" in due) ctx.addIssue({ code: "custom", path: ["due"], message: due.problem });
    })
    .transform((form) => ({
      outcomeId: opts.outcomeIds ? Number(form.outcomeId) : null,
      what: form.what,
      why: form.why,
      ownerUserId: Number(form.ownerUserId),
      dueOn: (dueOf(form.due, opts) as { date: string }).date,
      measure: form.measure,
    }));

function dueOf(typed: string, opts: { today: string; keepDueOn?: string }) {
  const due = dueDateOf(typed, opts.today);
  if ("problem" in due && opts.keepDueOn) {
    const kept = dueDateOf(typed, opts.keepDueOn);
    if ("date" in kept && kept.date === opts.keepDueOn) return kept;
  }
  return due;
}

export const planVisitsSchema = z.object({
  visits: text(500, planMessages.visits, "How often the child is visited"),
  seenAlone: text(500, planMessages.seenAlone, "How often the child is seen alone"),
});

/** Fields in the order they stand on the action form, for the error summary. */
export const planActionFields = ["outcomeId", "what", "why", "ownerUserId", "due", "measure"];
