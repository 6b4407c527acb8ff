// A real SMTP server (the `smtp-server` package) on a free port, for tests: the portal's SMTP_URL points at it, and
// each message it accepts is parsed (mailparser) so a test can read it and follow its link.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string; subject: string; text: string; from: string; raw: ParsedMail };

export type MailReceiver = {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  /** The first message (received already or yet to come) for this address that matches, in arrival order. */
  waitFor(to: string, match?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Messages to this address so far. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
};

export async function startMailReceiver(): Promise<MailReceiver> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(", ") : (parsed.to?.text ?? "");
          messages.push({ to: to.toLowerCase(), subject: parsed.subject ?? "", text: parsed.text ?? "", from: parsed.from?.text ?? "", raw: parsed });
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  const toAddress = (address: string) => messages.filter((mail) => mail.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: toAddress,
    waitFor(to, match = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = toAddress(to).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no email to ${to} arrived within ${timeoutMs} ms (${messages.length} received: ${messages.map((m) => `${m.to}: ${m.subject}`).join("; ")})`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The sign-in link in an invitation or reset email. */
export function signInLinkIn(mail: ReceivedMail): URL {
  const match = mail.text.match(/https?:\/\/\S+\/set-password\/[a-z2-7]{32}/);
  if (!match) throw new Error(`no sign-in link in "${mail.subject}":\n${mail.text}`);
  return new URL(match[0]);
}

