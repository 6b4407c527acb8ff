// The referral form (the front door's "Refer"): one schema per question page, and the check made before sending.
import { addCalendarMonths } from "../calendar-dates";
import { z } from "zod";
import { nhsNumberProblem, normaliseNhsNumber } from "../nhs-number";
import { datePartsProblem, isoDate, todayInEngland } from "./dates";
import { singleLine } from "./text";

const line = (label: string, max: number) => singleLine(label).max(max, `${label} must be ${max} characters or fewer`).default("");
const paragraph = (label: string, max: number) =>
  z.string(`${label} must be text`).trim().max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`).default("");

/** The question pages, in the order a referrer meets them; each is a step of `/referrals/<id>/<step>`. */
export const referralSteps = ["child", "family", "concern", "actions", "family-knows", "consent", "referrer"] as const;
export type ReferralStep = (typeof referralSteps)[number];
export const stepTitles: Record<ReferralStep, string> = {
  child: "Which child or children are you worried about?",
  family: "Who is in the family, and who lives with the child?",
  concern: "What happened, and what are you worried about?",
  actions: "What have you done so far?",
  "family-knows": "Does the family know you are making this referral?",
  consent: "Did you ask for consent to refer?",
  referrer: "Your contact details",
};

/** Where a sent referral stands, in the referrer's words, until screening's outcomes come with screening. */
export const RECEIVED = "Received, waiting for screening";

/** An unborn child's expected date: from today to 10 months on (a pregnancy known of before it is due). */
export const EXPECTED_MONTHS_AHEAD = 10;

/** "Save and add another" or "Save and continue", on the pages that list people. */
const intent = z.enum(["add", "continue"]).default("continue");

/** A child: born (date of birth, not in the future) or unborn (expected date, within the next 10 months). */
export function childSchema(today = todayInEngland()) {
  return z
    .object({
      intent,
      fullName: line("Full name", 200),
      born: z.enum(["yes", "no", ""]).default(""),
      dobDay: z.string().trim().default(""),
      dobMonth: z.string().trim().default(""),
      dobYear: z.string().trim().default(""),
      dueDay: z.string().trim().default(""),
      dueMonth: z.string().trim().default(""),
      dueYear: z.string().trim().default(""),
      nhsNumber: z.string().trim().default(""),
      address: line("Address", 500),
      school: line("School or setting", 200),
    })
    .superRefine((form, ctx) => {
      const blank = form.fullName === "" && form.born === "" && !form.dobDay && !form.dueDay && !form.nhsNumber && !form.address && !form.school;
      // "Continue" with nothing typed moves on (the children already added stand); anything typed is a child to check.
      if (blank && form.intent === "continue") return;
      if (form.fullName === "") ctx.addIssue({ code: "custom", path: ["fullName"], message: "Enter the child's full name" });
      if (form.born === "") ctx.addIssue({ code: "custom", path: ["born"], message: "Select whether the child has been born" });
      if (form.born === "yes") {
        const problem = datePartsProblem("Date of birth", { day: form.dobDay, month: form.dobMonth, year: form.dobYear }, { required: true, notInFuture: true, today });
        if (problem)
          ctx.addIssue({
            code: "custom",
            path: ["dobDay"],
            message: problem.endsWith("today or in the past") ? "Date of birth must be today or in the past; for an unborn child, give the expected date" : problem,
          });
      }
      if (form.born === "no") {
        const parts = { day: form.dueDay, month: form.dueMonth, year: form.dueYear };
        const problem = datePartsProblem("Expected date", parts, { required: true, example: "27 3 2027" });
        const date = problem ? null : isoDate(parts.day, parts.month, parts.year)!;
        const latest = addCalendarMonths(today, EXPECTED_MONTHS_AHEAD);
        const message =
          problem ??
          (date! < today ? "Expected date must be today or in the future; for a child already born, give the date of birth" : date! > latest ? `Expected date must be within the next ${EXPECTED_MONTHS_AHEAD} months` : undefined);
        if (message) ctx.addIssue({ code: "custom", path: ["dueDay"], message });
      }
      if (form.nhsNumber !== "") {
        const problem = form.born === "no" ? "An unborn child has no NHS number yet: leave the NHS number blank" : nhsNumberProblem(form.nhsNumber);
        if (problem) ctx.addIssue({ code: "custom", path: ["nhsNumber"], message: problem });
      }
    })
    .transform((form) =>
      form.fullName === ""
        ? { intent: form.intent, child: null }
        : {
            intent: form.intent,
            child: {
              fullName: form.fullName,
              dateOfBirth: form.born === "yes" ? isoDate(form.dobDay, form.dobMonth, form.dobYear) : null,
              expectedOn: form.born === "no" ? isoDate(form.dueDay, form.dueMonth, form.dueYear) : null,
              nhsNumber: form.nhsNumber === "" ? null : normaliseNhsNumber(form.nhsNumber),
              address: form.address,
              school: form.school,
            },
          },
    );
}
export type ReferralChild = NonNullable<z.output<ReturnType<typeof childSchema>>["child"]>;

/** A member of the family: who they are to the child, and whether they live with them. */
export const householdMemberSchema = z
  .object({
    intent,
    fullName: line("Full name", 200),
    relationship: line("Relationship", 200),
    livesWithChild: z.enum(["yes", "no", ""]).default(""),
  })
  .superRefine((form, ctx) => {
    if (form.fullName === "" && form.relationship === "" && form.livesWithChild === "" && form.intent === "continue") return;
    if (form.fullName === "") ctx.addIssue({ code: "custom", path: ["fullName"], message: "Enter the person's full name" });
    if (form.relationship === "") ctx.addIssue({ code: "custom", path: ["relationship"], message: "Enter their relationship to the child" });
    if (form.livesWithChild === "") ctx.addIssue({ code: "custom", path: ["livesWithChild"], message: "Select whether they live with the child" });
  })
  .transform((form) => ({
    intent: form.intent,
    member: form.fullName === "" ? null : { fullName: form.fullName, relationship: form.relationship, livesWithChild: form.livesWithChild === "yes" },
  }));
export type HouseholdMember = NonNullable<z.output<typeof householdMemberSchema>["member"]>;

/** Removing a child or family member listed on the page. */
export const removeSchema = z.object({ intent: z.literal("remove"), id: z.string().regex(/^\d{1,15}$/, "Select who to remove").transform(Number) });

export const concernSchema = z.object({
  whatHappened: paragraph("What happened", 10_000),
  worries: paragraph("What you are worried about", 10_000).refine((text) => text !== "", "Enter what you are worried about"),
});

export const actionsSchema = z.object({ actionsTaken: paragraph("What you have done", 10_000) });

export const familyKnowsSchema = z
  .object({
    familyKnows: z.enum(["yes", "no"], "Select whether the family knows about the referral"),
    familyKnowsDetail: paragraph("Why not", 2_000),
  })
  .transform((form) => ({ familyKnows: form.familyKnows, familyKnowsDetail: form.familyKnows === "no" ? form.familyKnowsDetail : "" }));

export const consentSchema = z
  .object({
    consent: z.enum(["given", "refused", "not_asked"], "Select whether you asked for consent"),
    refusedDetail: paragraph("What the family said", 2_000),
    notAskedWhy: paragraph("Why you did not ask for consent", 2_000),
  })
  .superRefine((form, ctx) => {
    if (form.consent === "not_asked" && form.notAskedWhy === "")
      ctx.addIssue({ code: "custom", path: ["notAskedWhy"], message: "Enter why you did not ask for consent" });
  })
  .transform((form) => ({
    consent: form.consent,
    consentDetail: form.consent === "not_asked" ? form.notAskedWhy : form.consent === "refused" ? form.refusedDetail : "",
  }));
export const consentNames = { given: "Asked, and given", refused: "Asked, and refused", not_asked: "Not asked" } as const;

export const referrerSchema = z
  .object({
    referrerName: line("Your name", 200).refine((text) => text !== "", "Enter your name"),
    referrerJobTitle: line("Your job title", 200),
    referrerPhone: line("Telephone number", 40).refine((text) => text === "" || /^[0-9 +()-]{6,40}$/.test(text), "Enter a telephone number, like 01632 960 001"),
    referrerEmail: line("Email address", 320).refine((text) => text === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text), "Enter an email address, like name@example.org"),
  })
  .superRefine((form, ctx) => {
    if (form.referrerPhone === "" && form.referrerEmail === "")
      ctx.addIssue({ code: "custom", path: ["referrerPhone"], message: "Enter a telephone number or an email address, so the screening team can reach you" });
  });

/** What a referral must hold before it is sent: each gap named, with the question page that fills it. */
export function referralGaps(referral: {
  childCount: number;
  worries: string;
  familyKnows: string | null;
  consent: string | null;
  consentDetail: string;
  referrerName: string;
  referrerPhone: string;
  referrerEmail: string;
}): { step: ReferralStep; message: string }[] {
  const gaps: { step: ReferralStep; message: string }[] = [];
  if (!referral.childCount) gaps.push({ step: "child", message: "Add the child or children you are worried about" });
  if (!referral.worries) gaps.push({ step: "concern", message: "Say what you are worried about" });
  if (!referral.familyKnows) gaps.push({ step: "family-knows", message: "Say whether the family knows about the referral" });
  if (!referral.consent) gaps.push({ step: "consent", message: "Say whether you asked for consent" });
  else if (referral.consent === "not_asked" && !referral.consentDetail) gaps.push({ step: "consent", message: "Say why you did not ask for consent" });
  if (!referral.referrerName || (!referral.referrerPhone && !referral.referrerEmail))
    gaps.push({ step: "referrer", message: "Give your name and a telephone number or email address" });
  return gaps;
}
