// Outgoing email without an SMTP server: one readable .eml file per message in <DATA_DIR>/outbox; links in email
// never point at an origin a caller chose; SMTP_URL and MAIL_FROM are checked at start.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "../../server/config";
import { linkOrigin } from "../../server/mail/link-origin";
import { invitationMessage } from "../../server/mail/account-mail";
import { createMailer } from "../../server/mail/mailer";

const dataDir = mkdtempSync(join(tmpdir(), "portal-mail-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the outbox, when no SMTP_URL is set", () => {
  test("writes each message as a readable .eml file and says where", async () => {
    const mailer = createMailer(parseConfig({ DATA_DIR: dataDir }));
    expect(mailer.kind).toBe("outbox");
    expect(mailer.description).toBe(`no SMTP_URL set: email is written to ${join(dataDir, "outbox")}`);
    await mailer.send({ to: "sam.okafor@sandmere-council.example", subject: "Reset your password", text: "Dear Sam,\n\nhttp://localhost:3000/set-password/abc" });
    await mailer.send({ to: "alex.morgan@kestrelvale-police.example", subject: "Second", text: "Hello" });
    const files = readdirSync(join(dataDir, "outbox"));
    expect(files).toHaveLength(2);
    expect(files.every((name) => name.endsWith(".eml"))).toBe(true);
    const first = files.map((name) => readFileSync(join(dataDir, "outbox", name), "utf8")).find((text) => text.includes("Reset your password"))!;
    expect(first).toMatch(/^From: Sandmere Partnership Portal <no-reply@portal\.invalid>$/m);
    expect(first).toMatch(/^To: sam\.okafor@sandmere-council\.example$/m);
    expect(first).toContain("Dear Sam,");
  });
});

test("an invitation keeps its link whole on one line, as plain 7-bit text anyone can read in the outbox", async () => {
  const dir = join(dataDir, "invitation");
  const link = "http://localhost:3000/set-password/abcdefghijklmnopqrstuvwxyz234567"; // as on a fresh machine
  const person = { fullName: "Casey Lane", email: "casey.lane@kestrelvale-police.example", agencyName: "Kestrel Vale Police", roleName: "Practitioner" };
  await createMailer(parseConfig({ DATA_DIR: dir })).send(invitationMessage(person, link, new Date("2026-11-30T09:00:00Z")));
  const [file] = readdirSync(join(dir, "outbox"));
  const eml = readFileSync(join(dir, "outbox", file), "utf8");
  expect(eml).toContain("Content-Transfer-Encoding: 7bit");
  expect(eml.split("\n")).toContain(link);
  expect(eml.replace(/\s+/g, " ")).toContain("until 30 November 2026 at 09:00");
});

describe("the origin of links in email", () => {
  const listening = (PUBLIC_ORIGIN: string | undefined, listeningPort: number | null = 3000) => ({ config: { PUBLIC_ORIGIN }, listeningPort });
  test("is PUBLIC_ORIGIN when set, whatever the request was addressed to", () => {
    expect(linkOrigin(listening("https://portal.sandmere.example"), "http://evil.example/people")).toBe("https://portal.sandmere.example");
  });
  test("otherwise this machine as the request named it, only when it names this machine", () => {
    expect(linkOrigin(listening(undefined), "http://localhost:3000/people")).toBe("http://localhost:3000");
    expect(linkOrigin(listening(undefined, 4000), "http://127.0.0.1:4000/people/new")).toBe("http://127.0.0.1:4000");
    expect(linkOrigin(listening(undefined), "http://evil.example/people/new")).toBeNull();
    expect(linkOrigin(listening(undefined), "not a url")).toBeNull();
  });
  test("on the port the portal listens on, never the port the Host header named", () => {
    expect(linkOrigin(listening(undefined, 3000), "http://localhost:31337/forgotten-password")).toBe("http://localhost:3000");
    expect(linkOrigin(listening(undefined, 3000), "http://127.0.0.1/people")).toBe("http://127.0.0.1:3000");
    expect(linkOrigin(listening(undefined, 80), "http://localhost:31337/people")).toBe("http://localhost");
    expect(linkOrigin(listening(undefined, 3000), "http://[::1]:9/people")).toBe("http://[::1]:3000");
    // Not listening yet: no link at all, rather than a guess.
    expect(linkOrigin(listening(undefined, null), "http://localhost:3000/people")).toBeNull();
  });
});

describe("mail settings", () => {
  test("SMTP_URL must be smtp:// or smtps://", () => {
    expect(parseConfig({ SMTP_URL: "smtps://user:secret@mail.sandmere.example:465" }).SMTP_URL).toBe("smtps://user:secret@mail.sandmere.example:465");
    for (const bad of ["http://mail.example", "mail.example:25", "smtp://"]) {
      expect(() => parseConfig({ SMTP_URL: bad })).toThrow(ConfigError);
      expect(() => parseConfig({ SMTP_URL: bad })).toThrow(/^SMTP_URL: must be a URL of the form smtp:/);
    }
  });
  test("MAIL_FROM has a default and must be one address on one line", () => {
    expect(parseConfig({}).MAIL_FROM).toBe("Sandmere Partnership Portal <no-reply@portal.invalid>");
    expect(parseConfig({ MAIL_FROM: "Portal <portal@sandmere.example>" }).MAIL_FROM).toBe("Portal <portal@sandmere.example>");
    expect(() => parseConfig({ MAIL_FROM: "not an address" })).toThrow(/^MAIL_FROM: /);
    expect(() => parseConfig({ MAIL_FROM: "a@b.example\r\nBcc: x@y.example" })).toThrow(/^MAIL_FROM: /);
  });
});
