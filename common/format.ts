// Dates and devices as people read them. Done on the server, so the page and its hydration agree.
const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "14 May 2020": GOV.UK style. Dates of birth are stored as dates; they are read in UTC so no zone moves them. */
export function formatDate(date: Date | string | null): string {
  if (!date) return "";
  const value = typeof date === "string" ? new Date(date) : date;
  return `${value.getUTCDate()} ${months[value.getUTCMonth()]} ${value.getUTCFullYear()}`;
}

/** England's clock, to the minute or to the second: one formatter each, made once (making one costs far more than using it). */
const dateTimeFormats = {
  minute: new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hourCycle: "h12" }),
  second: new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h12",
  }),
};

/** "14 May 2020 at 3:05pm", in UK time; with `seconds`, "14 May 2020 at 3:05:07pm" (as an audit trail is read). */
export function formatDateTime(date: Date, opts: { seconds?: boolean } = {}): string {
  const parts = dateTimeFormats[opts.seconds ? "second" : "minute"].formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const time = `${part("hour")}:${part("minute")}${opts.seconds ? `:${part("second")}` : ""}`;
  return `${part("day")} ${part("month")} ${part("year")} at ${time}${part("dayPeriod").toLowerCase().replace(/\s/g, "")}`;
}

export function ageInYears(dateOfBirth: Date | string, today: Date): number {
  const dob = typeof dateOfBirth === "string" ? new Date(dateOfBirth) : dateOfBirth;
  let age = today.getUTCFullYear() - dob.getUTCFullYear();
  const birthdayPassed =
    today.getUTCMonth() > dob.getUTCMonth() ||
    (today.getUTCMonth() === dob.getUTCMonth() && today.getUTCDate() >= dob.getUTCDate());
  if (!birthdayPassed) age -= 1;
  return age;
}

/** "14 May 2020 (6 years old)", or months for a baby. */
export function formatDateOfBirth(dateOfBirth: Date | string | null, today: Date): string {
  if (!dateOfBirth) return "Not known";
  const dob = typeof dateOfBirth === "string" ? new Date(dateOfBirth) : dateOfBirth;
  const years = ageInYears(dob, today);
  if (years >= 1) return `${formatDate(dob)} (${years} ${years === 1 ? "year" : "years"} old)`;
  const months =
    (today.getUTCFullYear() - dob.getUTCFullYear()) * 12 +
    today.getUTCMonth() -
    dob.getUTCMonth() -
    (today.getUTCDate() < dob.getUTCDate() ? 1 : 0);
  return `${formatDate(dob)} (${Math.max(0, months)} ${months === 1 ? "month" : "months"} old)`;
}

/** How a person signed in, as a session lists it. */
export const signInMethodNames = {
  password: "Password",
  "password+authenticator": "Password and authenticator app",
  "password+recovery-code": "Password and recovery code",
  sso: "Single sign-on",
  "sso+mfa": "Single sign-on with its own second factor",
  "sso+authenticator": "Single sign-on and authenticator app",
  "sso+recovery-code": "Single sign-on and recovery code",
  "password+passkey": "Password and passkey",
  passkey: "Passkey",
  "sso+passkey": "Single sign-on and passkey",
} as const;

/** "Chrome on Windows": enough to recognise a session, without keeping a fingerprint. */
export function describeDevice(userAgent: string): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\/|EdgiOS\//.test(userAgent)
    ? "Edge"
    : /Firefox\/|FxiOS\//.test(userAgent)
      ? "Firefox"
      : /Chrome\/|Chromium\/|CriOS\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "A browser";
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /Mac OS X|Macintosh/.test(userAgent)
          ? "macOS"
          : /CrOS/.test(userAgent)
            ? "ChromeOS"
            : /Linux/.test(userAgent)
              ? "Linux"
              : "an unknown system";
  return `${browser} on ${system}`;
}

/** "Kestrel Vale Police's", "Children's Services'". */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
