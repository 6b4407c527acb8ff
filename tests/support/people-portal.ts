// The portal the people tests (tests/integration/people*.test.ts) run against: its email goes to a real SMTP
// receiver, and the police's administrator is signed in. Also what those tests ask of it: accounts, links, passwords.
import { afterAll, beforeAll, expect } from "vitest";
import { startMailReceiver, type MailReceiver } from "./mail-receiver";
import { peopleQueries } from "./people-queries";
import { startTestServer, type TestServer } from "./test-server";

export let server: TestServer;
export let mail: MailReceiver;
export let policeAdmin: string;

/** Starts the portal and the mail receiver for the test file that calls this (at its top level), and stops them after. */
export function usePeoplePortal(): void {
  beforeAll(async () => {
    mail = await startMailReceiver();
    server = await startTestServer({ SMTP_URL: mail.url });
    policeAdmin = await server.signIn("policeAdmin");
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });
}

export const DEMO = "sandmere-demo-2026";
export const { userCount, userId, signInStatus } = peopleQueries(() => server);
export const tokenOf = (link: URL) => link.pathname.split("/").pop()!;

/** Nothing in what an administrator is shown can be used to sign in as someone else. */
export function expectNoCredential(html: string, ...tokens: string[]) {
  expect(html).not.toMatch(/temporary-password|one-time password/i);
  expect(html).not.toMatch(/\b[a-z2-9]{4}(-[a-z2-9]{4}){3}\b/);
  expect(html).not.toContain("/set-password/");
  for (const token of tokens) expect(html).not.toContain(token);
}

export async function choosePassword(link: URL, password: string, confirm = password) {
  return server.post(link.pathname, { newPassword: password, confirmPassword: confirm });
}
