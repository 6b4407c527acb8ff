// Step up and step down between early help and social care (issue 12 item 7; decision 038): the proposal, with its
// rationale, and the receiving team's answer, accepted with who leads the work now, or declined with why.
import { z } from "zod";

export const TRANSITION_TEXT_MAX = 4000;

export const transitionDirections = ["step_down", "step_up"] as const;
export type TransitionDirection = (typeof transitionDirections)[number];

/** How a direction reads: "Step down to early help", and the kind of agency each side of it is. */
export const transitionNames: Record<TransitionDirection, { title: string; from: "social_care" | "early_help"; to: "social_care" | "early_help"; toTeam: string }> = {
  step_down: { title: "Step down to early help", from: "social_care", to: "early_help", toTeam: "early help" },
  step_up: { title: "Step up to social care", from: "early_help", to: "social_care", toTeam: "social care" },
};

export const transitionMessages = {
  rationale: "Enter the rationale: why this child's work should move",
  rationaleTooLong: `The rationale must be ${TRANSITION_TEXT_MAX} characters or fewer`,
  toAgency: "Choose the service that will receive the work",
  answer: "Choose whether you accept or decline the transition",
  declineReason: "Enter why you are declining the transition",
  reasonTooLong: `The reason must be ${TRANSITION_TEXT_MAX} characters or fewer`,
  lead: "Choose who in your team will lead the work",
  ownProposal: "You proposed this transition: someone else in the receiving team answers it",
  closed: "This case is closed: its work cannot step up or down",
  notSocialCareLed: (leadAgency: string) => `Only a case led by social care can step down to early help. This case is led by ${leadAgency}.`,
  notEarlyHelpLed: (leadAgency: string) => `Only a case led by early help can step up to social care. This case is led by ${leadAgency}.`,
  activePlan: "The child protection plan is active: it ends at a review conference before the case can step down to early help",
  pending: (agency: string) => `A transition of this case is already waiting for an answer from ${agency}`,
  answered: (answer: "accepted" | "declined", by: string) => `This transition has already been ${answer} by ${by}: it has one answer`,
  answeredAlready: "This transition has already been answered: it has one answer",
  wrongAgency: "Choose a service of the kind the work is moving to",
  leadNotInTeam: "Choose someone in your own team to lead the work",
} as const;

const text = (empty: string, tooLong: string) => z.string(empty).trim().min(1, empty).max(TRANSITION_TEXT_MAX, tooLong);

export const proposeTransitionSchema = z.object({
  direction: z.enum(transitionDirections, "Choose whether the work steps up or down"),
  toAgencyId: z.string(transitionMessages.toAgency).trim().min(1, transitionMessages.toAgency).max(100, transitionMessages.toAgency),
  rationale: text(transitionMessages.rationale, transitionMessages.rationaleTooLong),
});
export const proposeTransitionFieldOrder = ["direction", "toAgencyId", "rationale"];

export const answerTransitionSchema = z.discriminatedUnion(
  "answer",
  [
    z.object({
      answer: z.literal("accepted"),
      leadUserId: z.string(transitionMessages.lead).regex(/^\d{1,15}$/, transitionMessages.lead).transform(Number).optional(),
      reason: z.string().trim().max(TRANSITION_TEXT_MAX, transitionMessages.reasonTooLong).default(""),
    }),
    z.object({
      answer: z.literal("declined"),
      reason: text(transitionMessages.declineReason, transitionMessages.reasonTooLong),
    }),
  ],
  { error: () => transitionMessages.answer },
);
export const answerTransitionFieldOrder = ["answer", "leadUserId", "reason", "form"];
