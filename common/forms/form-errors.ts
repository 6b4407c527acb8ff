// Turns a zod failure into the GOV.UK error-summary pattern: one message per field, in the form's order.
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type FormFailure = { errors: FieldErrors; values: Record<string, string> };

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  return values;
}

export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  formData: FormData,
): { success: true; data: z.output<Schema> } | ({ success: false } & FormFailure) {
  const values = formValues(formData);
  const controls = controlCharacterErrors(formData);
  const result = schema.safeParse(values);
  if (result.success && !Object.keys(controls).length) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  // Nothing a person wrote is silently changed: a box holding a control character is refused, and says so.
  Object.assign(errors, controls);
  return { success: false, errors, values: redactSecrets(values) };
}

/**
 * Control characters: C0 (U+0000–U+001F) other than tab, line feed and carriage return, DEL, and C1 (U+0080–U+009F).
 * No one types them; they arrive from tools, or pasted from other systems, and PostgreSQL cannot store NUL at all.
 */
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasControlCharacters(text: string): boolean {
  return controlCharacter.test(text);
}

/** "<Field> must not contain control characters", for every field (every value sent under its name) that does. */
export function controlCharacterErrors(formData: FormData): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of formData.entries()) {
    if ((typeof value === "string" && hasControlCharacters(value)) || hasControlCharacters(key)) {
      // A date's three boxes share one message, on the day box, as the schemas put a date's problems.
      const field = hasControlCharacters(key) ? "form" : key.replace(/(Month|Year)$/, (_, part) => (Object.hasOwn(fieldLabels, key.slice(0, -part.length) + "Day") ? "Day" : part));
      errors[field] ??= field === "form" ? "The form could not be read. Reload the page and try again" : `${fieldLabel(key)} must not contain control characters`;
    }
  }
  return errors;
}

/** How each field is named in messages: the words of its label, as the schemas' own messages use them. */
const fieldLabels: Record<string, string> = {
  email: "Email address",
  password: "Password",
  currentPassword: "Current password",
  newPassword: "New password",
  confirmPassword: "Confirm new password",
  fullName: "Full name",
  jobTitle: "Job title",
  role: "Role",
  kind: "Kind",
  relationship: "Relationship",
  dobDay: "Date of birth",
  dobMonth: "Date of birth",
  dobYear: "Date of birth",
  nhsNumber: "NHS number",
  parentalResponsibility: "Parental responsibility",
  address: "Address",
  school: "School or setting",
  userId: "Professional",
  roleOnCase: "Role on the case",
  agencyId: "Agency",
  heldOnDay: "Date",
  heldOnMonth: "Date",
  heldOnYear: "Date",
  title: "Title",
  score: "Score",
  reasons: "Reasons",
  seenOnDay: "Date the child was seen",
  seenOnMonth: "Date the child was seen",
  seenOnYear: "Date the child was seen",
  whoElsePresent: "Who else was there",
  worries: "Worries",
  goodThings: "Good things",
  dreams: "Dreams",
  reason: "Reason",
  heldTime: "Time",
  how: "How the meeting is held",
  concern: "The concern",
  chairUserId: "Chair",
  what: "What will be done",
  ownerUserId: "Who will do it",
  due: "Due date",
  section47Why: "The reason for the section 47 decision",
  immediateProtectionDetail: "What protection",
  familyToldBy: "Who tells the family",
  familyToldOnDay: "The date the family is told",
  familyToldOnMonth: "The date the family is told",
  familyToldOnYear: "The date the family is told",
  familyNotToldWhy: "Why not yet",
  dissent: "The dissent",
  addendum: "The addendum",
};

export function fieldLabel(key: string): string {
  if (Object.hasOwn(fieldLabels, key)) return fieldLabels[key];
  // A field not listed: its name in words ("whoElsePresent" → "Who else present").
  const words = key.replace(/[^A-Za-z0-9]+/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : "This field";
}

/** Passwords and second-factor codes are never sent back to the page. */
export function redactSecrets(values: Record<string, string>): Record<string, string> {
  const safe = { ...values };
  for (const key of Object.keys(safe)) if (/password|^code$|recoveryCode/i.test(key)) safe[key] = "";
  return safe;
}
