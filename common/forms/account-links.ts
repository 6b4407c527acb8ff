// Forms for sign-in links (choosing a password, asking for a reset) and for deactivating a person with a reason.
import { z } from "zod";
import { passwordRules } from "../password-rules";
import { singleLine } from "./text";

export const choosePasswordSchema = z
  .object({
    newPassword: z
      .string("Enter a new password")
      .min(passwordRules.minLength, `New password must be ${passwordRules.minLength} characters or more`)
      .max(passwordRules.maxLength, `New password must be ${passwordRules.maxLength} characters or fewer`),
    confirmPassword: z.string("Confirm your new password"),
  })
  .refine((form) => form.confirmPassword === form.newPassword, { path: ["confirmPassword"], message: "The passwords do not match" });

export const forgottenPasswordSchema = z.object({
  email: singleLine("Email address", "Enter your email address")
    .min(1, "Enter your email address")
    .max(320, "Email address must be 320 characters or fewer")
    .regex(/^[^\s@]+@[^\s@]+$/, "Enter an email address in the correct format, like name@example.org"),
});

export const DEACTIVATION_REASON_MAX = 1000;

export const deactivatePersonSchema = z.object({
  reason: z
    .string("Enter why you are deactivating this person")
    .trim()
    .min(1, "Enter why you are deactivating this person")
    .max(DEACTIVATION_REASON_MAX, `The reason must be ${DEACTIVATION_REASON_MAX} characters or fewer`),
});
