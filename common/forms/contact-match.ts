// A screener's match of a referral's child (issue 12 item 3): one of the children already known that were shown, or
// none of them. Whether the chosen child was among those shown is checked by the page against what it shows now.
import { z } from "zod";

export const NO_MATCH_CHOICE = "none";

export const contactMatchSchema = z.object({
  child: z.string("Select a child of this referral").regex(/^\d{1,15}$/, "Select a child of this referral").transform(Number),
  match: z
    .string("Select the child this is, or that it is none of them")
    .trim()
    .regex(/^(none|\d{1,15})$/, "Select the child this is, or that it is none of them")
    .transform((value) => (value === NO_MATCH_CHOICE ? null : Number(value))),
});

export const contactMatchFieldOrder = ["child", "match"];

/** The messages of the refusals the page decides, each its own. */
export const matchMessages = {
  notShown: "Select one of the children shown, or that it is none of them",
  notOnReferral: "Select a child of this referral",
  decided: "This referral has been decided: its children's matches can no longer change",
  proposed: "A decision is waiting for a manager: it must be sent back before a match changes",
} as const;
