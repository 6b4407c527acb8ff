// The forms on "Professionals and agencies on the case": add a professional, add an agency, remove either.
import { z } from "zod";
import { singleLine } from "./text";

const userId = (message: string) =>
  z
    .string(message)
    .trim()
    .regex(/^\d{1,15}$/, message)
    .transform(Number);

const agencyId = (message: string) =>
  z
    .string(message)
    .trim()
    .min(1, message)
    .max(100, message)
    .regex(/^[a-z0-9][a-z0-9-]*$/, message);

/** Removing ends someone's access at once, so it happens only on the second post, from the confirmation. */
const confirmation = z.enum(["yes"]).optional().catch(undefined);

export const addCaseMemberSchema = z.object({
  userId: userId("Select the professional to add"),
  roleOnCase: singleLine("Role on the case", "Enter their role on the case, for example Health visitor")
    .min(1, "Enter their role on the case, for example Health visitor")
    .max(200, "Role on the case must be 200 characters or fewer"),
});

export const addCaseAgencySchema = z.object({
  agencyId: agencyId("Select the agency to add"),
});

export const removeCaseMemberSchema = z.object({
  userId: userId("Select a professional on the case to remove"),
  confirm: confirmation,
});

export const removeCaseAgencySchema = z.object({
  agencyId: agencyId("Select an agency on the case to remove"),
  confirm: confirmation,
});

export const caseTeamIntents = ["add-member", "remove-member", "add-agency", "remove-agency"] as const;
export type CaseTeamIntent = (typeof caseTeamIntents)[number];

export const caseTeamIntentSchema = z.enum(caseTeamIntents, "Choose what to change on the case");

export type AddCaseMemberInput = z.output<typeof addCaseMemberSchema>;
export type AddCaseAgencyInput = z.output<typeof addCaseAgencySchema>;
