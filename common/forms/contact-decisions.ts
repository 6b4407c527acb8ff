// The screening team's consent record and decisions on a contact (issue 12 items 5 and 6; decision 036).
import { z } from "zod";

export const CONSENT_REASON_MAX = 2000;
export const RATIONALE_MAX = 5000;
export const FEEDBACK_MAX = 2000;
export const SEND_BACK_REASON_MAX = 2000;

export const consentAnswers = ["given", "refused", "dispensed_with"] as const;
export type ConsentAnswer = (typeof consentAnswers)[number];

export const consentNames: Record<ConsentAnswer, string> = {
  given: "Asked and given",
  refused: "Asked and refused",
  dispensed_with: "Dispensed with",
};

/** The referrer's own answer on the referral, in the same words. */
export const referrerConsentNames = { given: "Asked and given", refused: "Asked and refused", not_asked: "Not asked" } as const;

/** Stable strings: the step up and step down slice and the demo use them. */
export const decisionOutcomes = ["no_further_action", "early_help", "assessment", "strategy_discussion"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const outcomeNames: Record<DecisionOutcome, string> = {
  no_further_action: "No further action or advice",
  early_help: "Step down to early help",
  assessment: "Child and family assessment (section 17)",
  strategy_discussion: "Strategy discussion (significant harm suspected)",
};

const text = (missing: string, max: number, tooLong: string) => z.string(missing).trim().min(1, missing).max(max, tooLong);

export const consentSchema = z
  .object({
    consent: z.enum(consentAnswers, "Choose whether consent was given, refused or dispensed with"),
    reason: z.string().trim().max(CONSENT_REASON_MAX, `The reason must be ${CONSENT_REASON_MAX} characters or fewer`).default(""),
    managerUserId: z.string().trim().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.consent !== "dispensed_with") return;
    if (!value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Enter why consent is dispensed with" });
    if (!/^\d{1,15}$/.test(value.managerUserId))
      ctx.addIssue({ code: "custom", path: ["managerUserId"], message: "Select the social care manager who decided to dispense with consent" });
  })
  .transform((value) => ({
    consent: value.consent,
    reason: value.reason,
    managerUserId: value.consent === "dispensed_with" ? Number(value.managerUserId) : null,
  }));

export const consentFieldOrder = ["consent", "reason", "managerUserId"];

export const proposalSchema = z.object({
  outcome: z.enum(decisionOutcomes, "Choose the outcome you propose"),
  rationale: text("Enter the rationale for this decision", RATIONALE_MAX, `The rationale must be ${RATIONALE_MAX} characters or fewer`),
  feedback: text("Enter the feedback for the referrer", FEEDBACK_MAX, `The feedback must be ${FEEDBACK_MAX} characters or fewer`),
});

export const proposalFieldOrder = ["outcome", "rationale", "feedback", "form"];

export const answerSchema = z
  .object({
    answer: z.enum(["authorise", "send_back"], "Choose whether to authorise the decision or send it back"),
    feedback: z.string().trim().max(FEEDBACK_MAX, `The feedback must be ${FEEDBACK_MAX} characters or fewer`).default(""),
    reason: z.string().trim().max(SEND_BACK_REASON_MAX, `The reason must be ${SEND_BACK_REASON_MAX} characters or fewer`).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.answer === "authorise" && !value.feedback)
      ctx.addIssue({ code: "custom", path: ["feedback"], message: "Enter the feedback for the referrer" });
    if (value.answer === "send_back" && !value.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Enter why you are sending the decision back" });
  });

export const answerFieldOrder = ["answer", "feedback", "reason", "form"];

/** Where a sent referral stands, in the referrer's words: received, being screened, or decided with its outcome. */
export function referralStandingWords(referral: { screened: boolean; outcome: DecisionOutcome | null }, received: string): { words: string; colour: "blue" | "yellow" | "green" } {
  if (referral.outcome) return { words: `Decided: ${outcomeNames[referral.outcome]}`, colour: "green" };
  return referral.screened ? { words: "Being screened", colour: "yellow" } : { words: received, colour: "blue" };
}
