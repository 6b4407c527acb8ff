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
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { success: false, errors, values: redactSecrets(values) };
}

/** Passwords are never sent back to the page. */
export function redactSecrets(values: Record<string, string>): Record<string, string> {
  const safe = { ...values };
  for (const key of Object.keys(safe)) if (/password/i.test(key)) safe[key] = "";
  return safe;
}
