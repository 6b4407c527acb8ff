// The forms by which an author says whether the family receives their words: an agency's words on a map, and a part
// of a meeting's record (the concern, or an agency's section).
import { z } from "zod";

const forFamily = z.enum(["yes", "no"], "Say whether the family receives these words").transform((value) => value === "yes");

/** An agency's words on a map: its own agency's, so nothing names the agency. */
export const mapWordsMarkingSchema = z.object({ forFamily });

/** A part of a meeting's record: the concern, a conference's views, or one agency's section (`agencyId`). */
export const meetingMarkingSchema = z
  .object({
    part: z.enum(["concern", "family_views", "child_views", "section"], "Select what is to be marked"),
    agencyId: z.string().trim().max(100).default(""),
    forFamily,
  })
  .superRefine((form, ctx) => {
    if (form.part === "section" && form.agencyId === "") ctx.addIssue({ code: "custom", path: ["agencyId"], message: "Select the agency's section" });
  })
  .transform((form) => ({
    of: form.part === "section" ? { part: "section" as const, agencyId: form.agencyId } : { part: form.part },
    forFamily: form.forFamily,
  }));
