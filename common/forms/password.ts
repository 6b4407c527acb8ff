import { z } from "zod";
import { passwordRules } from "../password-rules";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string("Enter your current password").min(1, "Enter your current password").max(200, "Password must be 200 characters or fewer"),
    newPassword: z
      .string("Enter a new password")
      .min(passwordRules.minLength, `New password must be ${passwordRules.minLength} characters or more`)
      .max(passwordRules.maxLength, `New password must be ${passwordRules.maxLength} characters or fewer`),
    confirmPassword: z.string("Confirm your new password"),
  })
  .refine((form) => form.confirmPassword === form.newPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match",
  })
  .refine((form) => form.newPassword !== form.currentPassword, {
    path: ["newPassword"],
    message: "New password must be different from your current password",
  });
