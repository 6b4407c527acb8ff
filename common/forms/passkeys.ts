// Passkeys (decision 058): the name a person gives one, and the browser's answer to a passkey challenge, sent as JSON in
// a form field. Everything in the answer is read here before anything else sees it: shapes, sizes, base64url.
import { z } from "zod";
import { singleLine } from "./text";

export const PASSKEY_NAME_MAX = 100;

export const passkeyNameSchema = z.object({
  name: singleLine("Name").pipe(
    z.string().min(1, "Enter a name for the passkey").max(PASSKEY_NAME_MAX, `The name must be ${PASSKEY_NAME_MAX} characters or fewer`),
  ),
});

/** Said of every answer that cannot be read: the browser, or whoever sent it, did not follow the ceremony. */
export const UNREADABLE_ANSWER = "Your browser's answer could not be read. Try again.";

const base64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);

const transports = z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(10);

const common = {
  id: base64url(1400),
  rawId: base64url(1400),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  // Extensions the portal never asks for: kept out, whatever arrives.
  clientExtensionResults: z.unknown().transform(() => ({})),
};

export const registrationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url(4000),
    attestationObject: base64url(12000),
    transports: transports.optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url(4000),
    authenticatorData: base64url(4000),
    signature: base64url(2000),
    userHandle: base64url(200).optional(),
  }),
});

/** A form field holding the browser's answer as JSON, read with `schema`; any failure is one plain message. */
function answer<Schema extends z.ZodType>(schema: Schema) {
  return z
    .string(UNREADABLE_ANSWER)
    .min(1, "Your browser did not use a passkey. Try again, or use another way.")
    .max(20_000, UNREADABLE_ANSWER)
    .transform((text, ctx): z.output<Schema> => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const read = schema.safeParse(json);
      if (read.success) return read.data;
      ctx.addIssue({ code: "custom", message: UNREADABLE_ANSWER });
      return z.NEVER;
    });
}

/** Adding a passkey: its name, and the browser's new credential. */
export const addPasskeySchema = passkeyNameSchema.extend({ credential: answer(registrationResponseSchema) });

/** Giving a passkey: the browser's signed answer. */
export const usePasskeySchema = z.object({ credential: answer(authenticationResponseSchema) });

export const removePasskeySchema = z.object({
  passkeyId: z.string("Choose a passkey to remove").regex(/^[1-9]\d{0,14}$/, "Choose a passkey to remove").transform(Number),
});

/** Why a passkey was refused, as every page says it (server/auth/passkeys.ts names the reasons). */
export const passkeyRefusalMessages = {
  challenge: "The request to use your passkey has ended or was already used. Try again.",
  unknown: "That passkey cannot be used here. Use a passkey you have added to your account, or another way.",
  rejected: "Your passkey's answer could not be checked. Try again, or use another way.",
  deactivated: "That passkey cannot be used here. Use a passkey you have added to your account, or another way.",
  "already-added": "That passkey is already added to your account.",
} as const;
