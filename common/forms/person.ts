// The agency administrator's form for adding a person to their agency.
import { z } from "zod";
import { roles } from "../vocabulary";
import { singleLine } from "./text";

/** A name is shown in the portal's own emails to the person, so it can hold a name and nothing posing as a link. */
const webAddress = /:\/\/|\bwww\.|\bhttps?:/i;

export const personSchema = z.object({
  fullName: singleLine("Full name", "Enter the person's full name")
    .min(1, "Enter the person's full name")
    .max(200, "Full name must be 200 characters or fewer")
    .refine((name) => !webAddress.test(name), "Full name must be the person's name, not a web address"),
  email: singleLine("Email address", "Enter the person's work email address")
    .min(1, "Enter the person's work email address")
    .max(320, "Email address must be 320 characters or fewer")
    .regex(/^[^\s@<>()"',;:\\]+@[^\s@<>()"',;:\\]+\.[^\s@<>()"',;:\\]+$/, "Enter an email address in the correct format, like name@example.org"),
  jobTitle: singleLine("Job title").max(200, "Job title must be 200 characters or fewer").default(""),
  role: z.enum(roles, "Select the person's role"),
});

export type PersonInput = z.output<typeof personSchema>;
