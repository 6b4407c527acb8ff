import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

test("a person signs in and sees the cases they work on", async () => {
  const cookie = await server.signIn("police");
  const page = await (await server.get("/", cookie)).text();
  expect(page).toContain("Lily Marsh");
  expect(page).toContain("Alex Morgan, Kestrel Vale Police");
});
