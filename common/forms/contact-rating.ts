// A screener's RAG rating of a sent contact (issue 12 item 2): red, amber or green, always with why.
import { z } from "zod";
import { ragRatings } from "../front-door-clock";

export const RATING_REASON_MAX = 2000;

export const contactRatingSchema = z.object({
  rating: z.enum(ragRatings, "Choose red, amber or green"),
  reason: z
    .string("Enter why you gave this rating")
    .trim()
    .min(1, "Enter why you gave this rating")
    .max(RATING_REASON_MAX, `The reason must be ${RATING_REASON_MAX} characters or fewer`),
});

export const contactRatingFieldOrder = ["rating", "reason"];

export const ratingNames = { red: "Red", amber: "Amber", green: "Green" } as const;
