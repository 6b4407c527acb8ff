// What the portal tells a person about their own account, by email. Every change to an account is told to its owner,
// so a change they did not expect is noticed. No message ever carries a password.
import type { MailMessage, Mailer } from "./mailer";

export const INVITATION_HOURS = 72;
export const RESET_HOURS = 1;
/** A reactivated person chooses a new password from a link that lasts as long as an invitation's. */
export const REACTIVATION_HOURS = INVITATION_HOURS;

type Person = { fullName: string; email: string };

/** Whitespace of every kind (line breaks, U+0085, U+2028/2029, tabs, other controls) and bidirectional formatting. */
const anyWhitespace = /[\s\u0000-\u001F\u007F-\u009F]+/g;
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const GREETING_NAME_MAX = 60;

/**
 * Text an administrator wrote (a person's name) as it may appear in the portal's own words: on one line, with no
 * control over the direction of the text around it. Names are refused with line breaks when they are entered; this
 * also holds for any written before that rule.
 */
export function oneLine(text: string): string {
  return text.replace(bidiControls, "").replace(anyWhitespace, " ").trim();
}

/**
 * "Dear <name>," on a line of its own that the wrapping never splits: a name cannot run on into lines that read as
 * the portal's. A name too long for the line is shortened there (only there: it is stored as written).
 */
export function greeting(fullName: string): string {
  let name = oneLine(fullName);
  if (name.length > GREETING_NAME_MAX) {
    const cut = name.slice(0, GREETING_NAME_MAX);
    name = `${cut.includes(" ") ? cut.slice(0, cut.lastIndexOf(" ")) : cut}...`;
  }
  return `Dear ${name || "colleague"},`;
}

const signOff = "\n\nSandmere Partnership Portal\nIf you did not expect this email, tell your agency's administrator.";

/**
 * Plain-text email keeps its lines under 76 characters, so it travels as plain 7-bit text (readable as it is in the
 * outbox folder) rather than quoted-printable, which would split the link. Words, and so links, are never split.
 */
export function wrapLines(text: string, width = 72): string {
  return text
    .split("\n")
    .map((line) => {
      const out: string[] = [];
      let current = "";
      for (const word of line.split(" ")) {
        if (current && current.length + 1 + word.length > width) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      out.push(current);
      return out.join("\n");
    })
    .join("\n");
}

const dateTime = (at: Date) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" }).format(at);

const wrapped = (message: MailMessage): MailMessage => ({ ...message, text: wrapLines(message.text) });

export function invitationMessage(person: Person & { agencyName: string; roleName: string }, link: string, expiresAt: Date): MailMessage {
  return wrapped({
    to: person.email,
    subject: "You have been invited to the Sandmere Partnership Portal",
    text:
      `${greeting(person.fullName)}\n\n` +
      `${oneLine(person.agencyName)} has given you an account on the Partnership Portal as ${oneLine(person.roleName)}.\n\n` +
      `Choose your password here (the link works once, until ${dateTime(expiresAt)}):\n\n${link}\n\n` +
      `Nobody else knows your password, and nobody from the portal or your agency will ever ask you for it.` +
      signOff,
  });
}

export function resetMessage(person: Person, link: string, expiresAt: Date, byAdministrator: boolean): MailMessage {
  return wrapped({
    to: person.email,
    subject: "Reset your Partnership Portal password",
    text:
      `${greeting(person.fullName)}\n\n` +
      (byAdministrator
        ? "Your agency's administrator has reset your password. You have been signed out, and your old password no longer works.\n\n"
        : "Someone (we hope you) asked to reset your password. Your password has not changed.\n\n") +
      `Choose a new password here (the link works once, until ${dateTime(expiresAt)}):\n\n${link}` +
      signOff,
  });
}

/**
 * A reactivated person's password ended when they were deactivated, so whoever knew it then cannot use it now: they
 * choose a new one from this link.
 */
export function reactivationMessage(person: Person & { agencyName: string }, link: string, expiresAt: Date, at: Date): MailMessage {
  return wrapped({
    to: person.email,
    subject: "Your Partnership Portal account has been reactivated",
    text:
      `${greeting(person.fullName)}\n\n` +
      `${oneLine(person.agencyName)} reactivated your account on ${dateTime(at)}. Your old password no longer works.\n\n` +
      `Choose a new password here (the link works once, until ${dateTime(expiresAt)}):\n\n${link}\n\n` +
      `Nobody else knows your password, and nobody from the portal or your agency will ever ask you for it.` +
      signOff,
  });
}

export type AccountNotice =
  | { kind: "password-changed" }
  /** Never the administrator's reason (it stays in the audit trail): only whom to ask. */
  | { kind: "deactivated"; agencyName: string }
  | { kind: "role-pending"; roleName: string; agencyName: string }
  | { kind: "role-refused"; roleName: string; agencyName: string }
  /** `device`: the portal's own words for the browser (describeDevice), never the browser's; `address` checked. */
  | { kind: "new-device"; device: string; address: string }
  | { kind: "second-factor-reset"; agencyName: string }
  | { kind: "authenticator-set-up" }
  | { kind: "recovery-codes-made" }
  /** `name`: what the person called the passkey (their own words, put on one line). */
  | { kind: "passkey-added"; name: string }
  | { kind: "passkey-removed"; name: string };

export function noticeMessage(person: Person, notice: AccountNotice, at: Date): MailMessage {
  const when = dateTime(at);
  const [subject, text]: [string, string] = (() => {
    switch (notice.kind) {
      case "password-changed":
        return ["Your Partnership Portal password has changed", `Your password was changed on ${when}. You have been signed out everywhere else.`];
      case "deactivated":
        return [
          "Your Partnership Portal account has been deactivated",
          `Your account was deactivated on ${when}. You have been signed out, and your password no longer works.\n\n` +
            `If you need to know why, or think this is a mistake, ask an administrator at ${oneLine(notice.agencyName)}. ` +
            "If your account is reactivated, we will email you a link to choose a new password.",
        ];
      case "role-pending":
        return [
          "An account on the Partnership Portal has been asked for you",
          `${oneLine(notice.agencyName)} has asked for an account for you as ${oneLine(notice.roleName)}. ` +
            "A second administrator must approve it; you will receive an invitation once they have.",
        ];
      case "role-refused":
        return [
          "Your Partnership Portal account was not approved",
          `The request for an account for you as ${oneLine(notice.roleName)} at ${oneLine(notice.agencyName)} ` +
            `was not approved on ${when}. Ask your agency's administrator if you need one.`,
        ];
      case "new-device":
        return [
          "New sign-in to your Partnership Portal account",
          `You signed in on ${when} from a browser you have not used with the portal before: ${notice.device}, ` +
            `from the internet address ${notice.address}.\n\n` +
            "If this was you, you do not need to do anything. If it was not you, choose a new password now (use " +
            "\"Forgotten your password?\" on the sign-in page), which signs out every session, and tell your agency's " +
            "administrator.",
        ];
      case "authenticator-set-up":
        return [
          "An authenticator app was set up for your Partnership Portal account",
          `An authenticator app was set up for your account on ${when}, and you were given ten recovery codes. From now ` +
            "on, signing in asks for a code from it after your password.\n\n" +
            "If this was not you, tell your agency's administrator now: someone else has your password.",
        ];
      case "recovery-codes-made":
        return [
          "New recovery codes for your Partnership Portal account",
          `New recovery codes were made for your account on ${when}; the old ones no longer work.\n\n` +
            "If this was not you, tell your agency's administrator now.",
        ];
      case "passkey-added":
        return [
          "A passkey was added to your Partnership Portal account",
          `A passkey named "${oneLine(notice.name)}" was added to your account on ${when}. It signs you in on its own, ` +
            "or after your password instead of a code.\n\n" +
            "If this was not you, remove it from Your passkeys (under Your sessions) and tell your agency's administrator now.",
        ];
      case "passkey-removed":
        return [
          "A passkey was removed from your Partnership Portal account",
          `The passkey named "${oneLine(notice.name)}" was removed from your account on ${when}. It no longer signs you in.\n\n` +
            "If this was not you, tell your agency's administrator now.",
        ];
      case "second-factor-reset":
        return [
          "Your Partnership Portal authenticator app has been reset",
          `An administrator at ${oneLine(notice.agencyName)} reset your second factor on ${when}: your authenticator ` +
            "app, recovery codes and any passkeys no longer sign you in, nor does your password, and you have been signed out " +
            "everywhere.\n\n" +
            "Choose a new password from the link in the separate email we have sent you, then set up an authenticator " +
            "app again and you will get new recovery codes. If you did not ask for this, tell your agency's administrator.",
        ];
    }
  })();
  return wrapped({ to: person.email, subject, text: `${greeting(person.fullName)}\n\n${text}${signOff}` });
}

/**
 * Sends a notice that must not undo the change it reports: a failure is logged (never the message, which may carry a
 * link) and reported as false.
 */
export async function sendNotice(mailer: Mailer, message: MailMessage): Promise<boolean> {
  try {
    await mailer.send(message);
    return true;
  } catch (error) {
    console.warn(`Email "${message.subject}" could not be sent:`, error instanceof Error ? error.message : error);
    return false;
  }
}
