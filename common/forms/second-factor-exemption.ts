// A partnership manager records or withdraws an agency's exemption from second factors (decision 056).
import { z } from "zod";
import { singleLine } from "./text";

export const exemptionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("record"),
    agencyId: singleLine("Agency", "Select an agency").min(1, "Select an agency").max(100, "Select an agency"),
    reason: z
      .string("Enter why this agency's people may sign in without a second factor")
      .trim()
      .min(1, "Enter why this agency's people may sign in without a second factor")
      .max(500, "The reason must be 500 characters or fewer"),
  }),
  z.object({
    intent: z.literal("withdraw"),
    agencyId: singleLine("Agency", "Select an agency").min(1, "Select an agency").max(100, "Select an agency"),
  }),
]);
