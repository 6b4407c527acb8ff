// The portal's configuration: the environment, parsed once with zod at start.
import { z } from "zod";
import { minutesOfDayOrNull } from "./calendar/working-hours";

const booleanText = z
  .enum(["true", "false", "1", "0", "yes", "no"], "must be true or false")
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** A URL with one of `protocols` (each like "redis:") and a host; `message` names its form when it is not one. */
const urlWith = (protocols: readonly string[], message: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname !== "";
      } catch {
        return false;
      }
    }, message);

const postgresUrl = urlWith(["postgres:", "postgresql:"], "must be a URL of the form postgres://user@host:port/database");

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number(`must be a whole number from ${min} to ${max}`)
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`)
    .default(fallback);

const redisUrl = urlWith(["redis:", "rediss:"], "must be a URL of the form redis://host:6379 (rediss:// for TLS)");

const webOrigin = urlWith(["http:", "https:"], "must be the portal's web address, like https://portal.sandmere.example").transform(
  (value) => new URL(value).origin,
);

const smtpUrl = urlWith(["smtp:", "smtps:"], "must be a URL of the form smtp://user:password@host:587 or smtps://host:465");

const timeOfDay = z
  .string()
  .trim()
  .refine((value) => minutesOfDayOrNull(value) !== null, "must be a time of day written HH:MM on the 24-hour clock, like 09:00");

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], "must be development, production or test").default("production"),
  PORT: wholeNumber(0, 65535, 3000),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().trim().min(1).default(".data"),
  /** Several nodes: each joins the others through this Redis (with DATABASE_URL, a PostgreSQL server they share). */
  REDIS_URL: redisUrl.optional(),
  PUBLIC_ORIGIN: webOrigin.optional(),
  SESSION_IDLE_MINUTES: wholeNumber(1, 24 * 60, 60),
  SESSION_ABSOLUTE_HOURS: wholeNumber(1, 7 * 24, 12),
  SIGN_IN_MAX_FAILURES: wholeNumber(1, 100, 5),
  SIGN_IN_WINDOW_MINUTES: wholeNumber(1, 24 * 60, 15),
  COOKIE_SECURE: booleanText.default(true),
  TRUST_PROXY: booleanText.default(false),
  SHUTDOWN_GRACE_SECONDS: wholeNumber(0, 120, 10),
  ACCESS_RECHECK_MS: wholeNumber(100, 5000, 2000),
  COLLAB_MAX_DOCUMENT_MB: wholeNumber(1, 1024, 20),
  BANK_HOLIDAYS_FILE: z.string().trim().min(1).optional(),
  /** Agencies whose people sign in through their own OpenID Connect provider (decision 057): a JSON file. */
  SINGLE_SIGN_ON_FILE: z.string().trim().min(1).optional(),
  WORKING_DAY_STARTS: timeOfDay.default("09:00"),
  WORKING_DAY_ENDS: timeOfDay.default("17:00"),
  FRONT_DOOR_RED_WORKING_HOURS: wholeNumber(1, 40, 4),
  FRONT_DOOR_AMBER_WORKING_DAYS: wholeNumber(1, 10, 1),
  FRONT_DOOR_GREEN_WORKING_DAYS: wholeNumber(1, 20, 3),
  OVERSIGHT_ACCESS_HOURS: wholeNumber(1, 72, 8),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .max(320)
    .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, "must be an address, like Sandmere Partnership Portal <no-reply@portal.example>")
    .default("Sandmere Partnership Portal <no-reply@portal.invalid>"),
}).refine((config) => config.WORKING_DAY_STARTS < config.WORKING_DAY_ENDS, {
  path: ["WORKING_DAY_ENDS"],
  message: "must be after WORKING_DAY_STARTS",
}).refine((config) => !config.REDIS_URL || config.DATABASE_URL, {
  path: ["REDIS_URL"],
  message: "needs DATABASE_URL too: nodes joined through Redis share a PostgreSQL server, not the embedded database",
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming the setting. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // A setting left empty (PORT=) means "not set", as it does in most tools.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const result = configSchema.safeParse(set);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const setting = String(issue.path[0] ?? "environment");
  throw new ConfigError(`${setting}: ${issue.message}`);
}
