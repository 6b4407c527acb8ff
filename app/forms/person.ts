// The agency administrator's form for adding a person to their agency.
import { z } from "zod";
import { roles } from "../../server/access/policy";

export const personSchema = z.object({
  fullName: z.string("Enter the person's full name").trim().min(1, "Enter the person's full name").max(200, "Full name must be 200 characters or fewer"),
  email: z
    .string("Enter the person's work email address")
    .trim()
    .min(1, "Enter the person's work email address")
    .max(320, "Email address must be 320 characters or fewer")
    .regex(/^[^\s@<>()"',;:\\]+@[^\s@<>()"',;:\\]+\.[^\s@<>()"',;:\\]+$/, "Enter an email address in the correct format, like name@example.org"),
  jobTitle: z.string("Job title must be text").trim().max(200, "Job title must be 200 characters or fewer").default(""),
  role: z.enum(roles, "Select the person's role"),
});

export type PersonInput = z.output<typeof personSchema>;
