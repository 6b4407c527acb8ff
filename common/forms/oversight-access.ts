// Opening a case for oversight (issue 13 item 3; decision 039): a partnership manager not on the case says why they
// need to open it. The reason is kept, shown to the case's lead social worker and team managers, and audited.
import { z } from "zod";

export const OVERSIGHT_REASON_MIN = 10;
export const OVERSIGHT_REASON_MAX = 2000;

export const oversightAccessMessages = {
  reason: "Enter why you need to open this case",
  tooShort: `The reason must be at least ${OVERSIGHT_REASON_MIN} characters: say what you need to check and why`,
  tooLong: `The reason must be ${OVERSIGHT_REASON_MAX} characters or fewer`,
} as const;

export const oversightAccessSchema = z.object({
  reason: z
    .string(oversightAccessMessages.reason)
    .trim()
    .min(1, oversightAccessMessages.reason)
    .min(OVERSIGHT_REASON_MIN, oversightAccessMessages.tooShort)
    .max(OVERSIGHT_REASON_MAX, oversightAccessMessages.tooLong)
    // Invisible characters (zero-width and other format characters, spaces of any kind) say nothing: they do not count.
    .refine((reason) => reason.replace(/[\p{Cf}\p{Z}\s]/gu, "").length >= OVERSIGHT_REASON_MIN, oversightAccessMessages.tooShort),
});
export const oversightAccessFieldOrder = ["reason"];
