// The portal for a test file whose mail is read back: a real SMTP receiver, and a test server sending to it, started
// before the file's tests and stopped after (as meeting-portal.ts does for meetings).
import { afterAll, beforeAll } from "vitest";
import { startMailReceiver, type MailReceiver } from "./mail-receiver";
import { startTestServer, type TestServer } from "./test-server";

export let server: TestServer;
export let mail: MailReceiver;

/** Call at the top level of the test file. */
export function useMailPortal(): void {
  beforeAll(async () => {
    mail = await startMailReceiver();
    server = await startTestServer({ SMTP_URL: mail.url });
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });
}
