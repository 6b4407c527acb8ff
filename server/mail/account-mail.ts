// What the portal tells a person about their own account, by email. Every change to an account is told to its owner,
// so a change they did not expect is noticed. No message ever carries a password.
import type { MailMessage, Mailer } from "./mailer";

export const INVITATION_HOURS = 72;
export const RESET_HOURS = 1;

type Person = { fullName: string; email: string };

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
      `Dear ${person.fullName},\n\n` +
      `${person.agencyName} has given you an account on the Partnership Portal as ${person.roleName}.\n\n` +
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
      `Dear ${person.fullName},\n\n` +
      (byAdministrator
        ? "Your agency's administrator has reset your password. You have been signed out, and your old password no longer works.\n\n"
        : "Someone (we hope you) asked to reset your password. Your password has not changed.\n\n") +
      `Choose a new password here (the link works once, until ${dateTime(expiresAt)}):\n\n${link}` +
      signOff,
  });
}

export type AccountNotice =
  | { kind: "password-changed" }
  | { kind: "deactivated"; reason: string }
  | { kind: "reactivated" }
  | { kind: "role-pending"; roleName: string; agencyName: string }
  | { kind: "role-refused"; roleName: string; agencyName: string };

export function noticeMessage(person: Person, notice: AccountNotice, at: Date): MailMessage {
  const when = dateTime(at);
  const body: Record<AccountNotice["kind"], () => [string, string]> = {
    "password-changed": () => ["Your Partnership Portal password has changed", `Your password was changed on ${when}. You have been signed out everywhere else.`],
    deactivated: () => [
      "Your Partnership Portal account has been deactivated",
      `Your account was deactivated on ${when} and you have been signed out.\n\nThe reason given: ${(notice as { reason: string }).reason}`,
    ],
    reactivated: () => ["Your Partnership Portal account has been reactivated", `Your account was reactivated on ${when}. You can sign in again.`],
    "role-pending": () => [
      "An account on the Partnership Portal has been asked for you",
      `${(notice as { agencyName: string }).agencyName} has asked for an account for you as ${(notice as { roleName: string }).roleName}. ` +
        "A second administrator must approve it; you will receive an invitation once they have.",
    ],
    "role-refused": () => [
      "Your Partnership Portal account was not approved",
      `The request for an account for you as ${(notice as { roleName: string }).roleName} at ${(notice as { agencyName: string }).agencyName} ` +
        `was not approved on ${when}. Ask your agency's administrator if you need one.`,
    ],
  };
  const [subject, text] = body[notice.kind]();
  return wrapped({ to: person.email, subject, text: `Dear ${person.fullName},\n\n${text}${signOff}` });
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
