// The screening team's forms for agency checks on a contact (issue 12 item 4): asking an agency to check what it holds,
// and sharing the police's restricted check with the whole team, always with why.
import { z } from "zod";

export const CHECK_TEXT_MAX = 2000;

export const askCheckSchema = z.object({
  agencyId: z.string("Choose the agency to ask").trim().min(1, "Choose the agency to ask").max(63, "Choose the agency to ask"),
  asked: z
    .string("Enter what you want the agency to check")
    .trim()
    .min(1, "Enter what you want the agency to check")
    .max(CHECK_TEXT_MAX, `What you want checked must be ${CHECK_TEXT_MAX} characters or fewer`),
});
export const askCheckFieldOrder = ["agencyId", "asked"];

export const shareCheckSchema = z.object({
  reason: z
    .string("Enter why the whole screening team needs to read this check")
    .trim()
    .min(1, "Enter why the whole screening team needs to read this check")
    .max(CHECK_TEXT_MAX, `The reason must be ${CHECK_TEXT_MAX} characters or fewer`),
});
export const shareCheckFieldOrder = ["reason"];
