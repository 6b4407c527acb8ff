// Outgoing email: through the SMTP server named by SMTP_URL, or, with none configured (a fresh machine), written as one
// .eml file per message to an outbox folder under the data directory, for whoever runs the portal to open.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config";

export type MailMessage = { to: string; subject: string; text: string };

export type Mailer = {
  kind: "smtp" | "outbox";
  /** Where mail goes, for the start banner: the SMTP host (never its password), or the outbox folder. */
  description: string;
  /** Resolves once the SMTP server has accepted the message, or the file is written; rejects otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
};

export function outboxDirectory(config: Pick<Config, "DATA_DIR">): string {
  return resolve(config.DATA_DIR, "outbox");
}

export function createMailer(config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "DATA_DIR">): Mailer {
  if (config.SMTP_URL) {
    const url = new URL(config.SMTP_URL);
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      kind: "smtp",
      description: `SMTP server ${url.protocol}//${url.host}`,
      async send(message) {
        await transport.sendMail({ from: config.MAIL_FROM, ...message });
      },
      close: () => transport.close(),
    };
  }
  const folder = outboxDirectory(config);
  // Builds the same RFC 5322 message an SMTP server would receive, without sending it anywhere.
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "outbox",
    description: `no SMTP_URL set: email is written to ${folder}`,
    async send(message) {
      const info = await builder.sendMail({ from: config.MAIL_FROM, ...message });
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.eml`;
      await writeFile(join(folder, name), info.message as Buffer, { mode: 0o600 });
    },
    close: () => builder.close(),
  };
}
