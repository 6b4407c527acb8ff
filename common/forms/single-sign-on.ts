// Signing in through an agency's own provider (decision 057): the button a person presses, and what the provider's
// answer at the portal's redirect URI may hold before anything else reads it.
import { z } from "zod";

/** The agency whose provider the person chose (a button's value): checked against the configured ones afterwards. */
export const singleSignOnChoiceSchema = z.object({
  provider: z.string("Choose your agency's sign-in").trim().min(1, "Choose your agency's sign-in").max(100, "Choose your agency's sign-in"),
});

/** The answer's query: only its shape here; openid-client checks what it means. */
export const singleSignOnAnswerSchema = z.object({
  state: z.string().max(500).optional(),
  code: z.string().max(4000).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  session_state: z.string().max(500).optional(),
});
