// The forms of a child protection conference: convening it, the family's and the child's views, and the chair's
// decision (an initial conference: a plan needed or not, its category, lead social worker, core group and first core
// group; a review: the plan continues or ends). What depends on the case (who may lead, who is on it, which agencies
// take part) is given by the caller.
import { z } from "zod";
import { datePartsProblem, isoDate } from "./dates";
import { parseForm, type FieldErrors } from "./form-errors";
import { optional, required, whenAndWho, whenAndWhoOf, whenAndWhoProblems } from "./meetings";
import { planCategories, planMessages, whatFollowsPlan, type PlanCategory, type WhatFollowsPlan } from "./plan";

export const conveneConferenceSchema = z
  .object({
    ...whenAndWho,
    concern: required(5000, "Enter why the conference is held", "Why the conference is held"),
    lateReason: optional(2000, "The reason it is late"),
  })
  .superRefine(whenAndWhoProblems)
  .transform((form) => ({ ...whenAndWhoOf(form), concern: form.concern, lateReason: form.lateReason }));

export const conferenceMessages = {
  lateReason: (dueOn: string, explains: string) =>
    `Enter why the conference is held after ${dueOn}, the last day its clock allows (${explains})`,
  planNeeded: "Select whether the child needs a child protection plan",
  planContinues: "Select whether the child protection plan continues",
  category: "Select the primary category of abuse or neglect the plan is for",
  otherCategories: "The other categories must not include the primary category",
  lead: "Select the lead social worker: a social worker working on this case",
  firstCoreGroup: "The first core group must be on or after the day of the conference",
  firstCoreGroupLate: (dueOn: string) =>
    `Enter why the first core group is later than ${dueOn}, the last day its clock allows (10 working days from the conference)`,
  coreGroupNotOnCase: "Choose core group members only from the professionals working on this case",
  coreGroupMissing: (agencies: string[]) =>
    `Choose at least one core group member from ${agencies.join(" and ")}: every agency on the plan is part of the core group`,
  reason: (ends: boolean) => (ends ? "Enter why the plan ends" : "Enter why the child does not need a plan"),
  whatFollows: "Select what follows: a child in need plan, or closure",
} as const;

export const viewsSchema = z.object({
  familyViews: optional(5000, "The family's views"),
  childViews: optional(5000, "The child's views"),
  childVoiceId: z.string().trim().regex(/^(\d{1,15})?$/, "Select a record of the child's voice").default(""),
});

const yesNo = z.string().default("");

const decisionFields = z
  .object({
    planNeeded: yesNo,
    primaryCategory: z.string().default(""),
    leadUserId: z.string().trim().default(""),
    visits: optional(500, "How often the child is visited"),
    seenAlone: optional(500, "How often the child is seen alone"),
    firstCoreGroupOnDay: z.string().trim().default(""),
    firstCoreGroupOnMonth: z.string().trim().default(""),
    firstCoreGroupOnYear: z.string().trim().default(""),
    firstCoreGroupLateReason: optional(2000, "Why the first core group is later"),
    revisions: optional(5000, "What is revised"),
    reason: optional(2000, "The reason"),
    whatFollows: z.string().default(""),
  })
  .passthrough();

/** A core group's people and the agencies they are from; the conference's own agencies, each needing a member. */
export type DecisionContext = {
  kind: "initial_conference" | "review_conference";
  heldOn: string;
  /** The last day the first core group may be held on (10 working days from the conference), as a date and in words. */
  firstCoreGroupDue: { on: string; words: string } | null;
  /** The people working on the case: who may be a core group member. */
  people: { userId: number; agencyId: string }[];
  /** Of them, who may lead the plan (social care). */
  leadUserIds: readonly number[];
  /** The agencies taking part, each of which must have a core group member. */
  agencies: { id: string; name: string }[];
};

/** What an initial conference decides a plan holds: what createPlan is given, and the core group. */
export type PlanDecided = {
  primaryCategory: PlanCategory;
  otherCategories: PlanCategory[];
  leadUserId: number;
  visits: string;
  seenAlone: string;
  firstCoreGroupOn: string;
  /** Why the first core group is later than its clock allows; null when it is in time. */
  firstCoreGroupLateReason?: string | null;
  coreGroupUserIds: number[];
};

/**
 * The chair's decision. An initial conference: a plan is needed (`plan`, what it holds) or not; a review: the plan
 * continues (`plan` null, with what is revised) or ends. Either "no" says why, and what follows.
 */
export type DecisionForm =
  | { planNeeded: true; plan: PlanDecided | null; revisions: string }
  | { planNeeded: false; reason: string; whatFollows: WhatFollowsPlan };

const isCategory = (value: string): value is PlanCategory => (planCategories as readonly string[]).includes(value);

/** The chair's decision as sent (other categories and core group members are checkboxes), or its problems, field by field. */
export function parseConferenceDecision(form: FormData, context: DecisionContext): { success: true; data: DecisionForm } | { success: false; errors: FieldErrors } {
  const parsed = parseForm(decisionFields, form);
  if (!parsed.success) return { success: false, errors: parsed.errors };
  const f = parsed.data;
  const initial = context.kind === "initial_conference";
  const errors: FieldErrors = {};
  if (f.planNeeded !== "yes" && f.planNeeded !== "no") errors.planNeeded = initial ? conferenceMessages.planNeeded : conferenceMessages.planContinues;
  if (f.planNeeded === "no") {
    if (f.reason === "") errors.reason = conferenceMessages.reason(!initial);
    if (!(whatFollowsPlan as readonly string[]).includes(f.whatFollows)) errors.whatFollows = conferenceMessages.whatFollows;
    if (Object.keys(errors).length) return { success: false, errors };
    return { success: true, data: { planNeeded: false, reason: f.reason, whatFollows: f.whatFollows as WhatFollowsPlan } };
  }
  if (f.planNeeded !== "yes") return { success: false, errors };
  if (!initial) return { success: true, data: { planNeeded: true, plan: null, revisions: f.revisions } };

  if (!isCategory(f.primaryCategory)) errors.primaryCategory = conferenceMessages.category;
  const others = form.getAll("otherCategories").map(String);
  if (others.some((other) => !isCategory(other))) errors.otherCategories = "Select the other categories from those listed";
  else if (others.includes(f.primaryCategory)) errors.otherCategories = conferenceMessages.otherCategories;
  if (!/^\d{1,15}$/.test(f.leadUserId) || !context.leadUserIds.includes(Number(f.leadUserId))) errors.leadUserId = conferenceMessages.lead;
  if (f.visits === "") errors.visits = planMessages.visits;
  if (f.seenAlone === "") errors.seenAlone = planMessages.seenAlone;
  const dateProblem = datePartsProblem(
    "The date of the first core group",
    { day: f.firstCoreGroupOnDay, month: f.firstCoreGroupOnMonth, year: f.firstCoreGroupOnYear },
    { required: true, example: "4 12 2026" },
  );
  const firstCoreGroupOn = isoDate(f.firstCoreGroupOnDay, f.firstCoreGroupOnMonth, f.firstCoreGroupOnYear);
  if (dateProblem) errors.firstCoreGroupOnDay = dateProblem;
  else if (firstCoreGroupOn! < context.heldOn) errors.firstCoreGroupOnDay = conferenceMessages.firstCoreGroup;
  // A first core group planned after its clock's last day needs its reason, as every late date does.
  const late = !dateProblem && !!context.firstCoreGroupDue && firstCoreGroupOn! > context.firstCoreGroupDue.on;
  if (late && f.firstCoreGroupLateReason === "") errors.firstCoreGroupLateReason = conferenceMessages.firstCoreGroupLate(context.firstCoreGroupDue!.words);
  const sent = form.getAll("coreGroup").map(String);
  const people = new Map(context.people.map((person) => [String(person.userId), person]));
  if (sent.some((id) => !people.has(id))) errors.coreGroup = conferenceMessages.coreGroupNotOnCase;
  else {
    const covered = new Set(sent.map((id) => people.get(id)!.agencyId));
    const missing = context.agencies.filter((agency) => !covered.has(agency.id));
    if (missing.length) errors.coreGroup = conferenceMessages.coreGroupMissing(missing.map((agency) => agency.name));
  }
  if (Object.keys(errors).length) return { success: false, errors };
  return {
    success: true,
    data: {
      planNeeded: true,
      revisions: "",
      plan: {
        primaryCategory: f.primaryCategory as PlanCategory,
        otherCategories: [...new Set(others as PlanCategory[])],
        leadUserId: Number(f.leadUserId),
        visits: f.visits,
        seenAlone: f.seenAlone,
        firstCoreGroupOn: firstCoreGroupOn!,
        firstCoreGroupLateReason: late ? f.firstCoreGroupLateReason : null,
        coreGroupUserIds: [...new Set(sent.map(Number))],
      },
    },
  };
}

/** Fields in the order they stand on the decision form, for the error summary. */
export const decisionFieldOrder = ["planNeeded", "primaryCategory", "otherCategories", "leadUserId", "visits", "seenAlone", "firstCoreGroupOnDay", "firstCoreGroupLateReason", "coreGroup", "revisions", "reason", "whatFollows"];
