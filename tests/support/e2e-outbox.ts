// The end-to-end server's outbox: with no SMTP_URL the portal writes each email to <DATA_DIR>/outbox, and
// e2e-server.ts leaves the path of its temporary DATA_DIR where the tests can find it.
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";

export const e2eDataDirPointer = (port: number) => join(tmpdir(), `partnership-portal-e2e-${port}.data-dir`);

/** Every email in the outbox to this address, oldest first: subject and text. */
export async function outboxMailTo(port: number, address: string): Promise<{ subject: string; text: string }[]> {
  const folder = join(readFileSync(e2eDataDirPointer(port), "utf8").trim(), "outbox");
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((name) => name.endsWith(".eml")).sort();
  } catch {
    return [];
  }
  const found = [];
  for (const file of files) {
    const mail = await simpleParser(readFileSync(join(folder, file)));
    const to = Array.isArray(mail.to) ? mail.to.map((each) => each.text).join(", ") : (mail.to?.text ?? "");
    if (to.toLowerCase().includes(address.toLowerCase())) found.push({ subject: mail.subject ?? "", text: mail.text ?? "" });
  }
  return found;
}

/** The path of the newest sign-in link sent to this address. */
export async function latestSignInPath(port: number, address: string): Promise<string | null> {
  const links = (await outboxMailTo(port, address)).flatMap((mail) => mail.text.match(/\/set-password\/[a-z2-7]{32}/g) ?? []);
  return links.at(-1) ?? null;
}
