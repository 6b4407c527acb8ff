// The second step of signing in (decision 056): a code from an authenticator app, or a recovery code.
import { z } from "zod";
import { singleLine } from "./text";

/** Minutes for which proving who you are covers the most sensitive actions (decision 056). */
export const CONFIRMATION_MINUTES = 15;

/** Six digits; spaces people copy with the code ("123 456") are ignored. */
export const authenticatorCodeSchema = z.object({
  code: singleLine("Code", "Enter the 6-digit code from your authenticator app")
    .transform((code) => code.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, "Enter the 6-digit code from your authenticator app")
        .regex(/^\d+$/, "The code must be numbers only")
        .length(6, "The code must be 6 digits"),
    ),
});

/** Ten letters and digits, as shown when they were made ("abcde-23456"); case, spaces and dashes are ignored. */
export const recoveryCodeSchema = z.object({
  recoveryCode: singleLine("Recovery code", "Enter one of your recovery codes")
    .transform((code) => code.replace(/[\s-]/g, "").toLowerCase())
    .pipe(
      z
        .string()
        .min(1, "Enter one of your recovery codes")
        .regex(/^[a-z2-7]{10}$/, "A recovery code is 10 letters and numbers, like abcde-23456"),
    ),
});

export const confirmPasswordSchema = z.object({
  password: z.string("Enter your password").min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
});
