// A form refused for one answer comes back with every other answer as it was typed — dates included — so nobody has
// to type a date again because another box was wrong.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const key of ["socialWorker", "chair"]) cookies[key] = await server.signIn(key);
});
afterAll(async () => {
  await server?.close();
});

/** The value an input of this name was given in the page, or null when it has none. */
function inputValue(html: string, name: string): string | null {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
  return /value="([^"]*)"/.exec(input)?.[1] ?? null;
}

describe("a date typed into a refused form is kept", () => {
  test.each([
    ["the child's voice, refused for its missing words", "/cases/1/child-voice", "socialWorker", "seenOn", { seenAlone: "yes", worries: "", goodThings: "", dreams: "" }],
    ["a new map, refused for a title too long", "/cases/1/maps", "socialWorker", "heldOn", { title: "x".repeat(300) }],
    ["convening a meeting, refused for its missing people", "/cases/1/meetings/new", "chair", "heldOn", { kind: "meeting", heldTime: "10:00", how: "video", concern: "A concern." }],
  ])("%s", async (_what, path, who, prefix, rest) => {
    const date = { [`${prefix}Day`]: "9", [`${prefix}Month`]: "11", [`${prefix}Year`]: "2026" };
    const response = await server.post(path, { ...date, ...rest } as Record<string, string>, cookies[who]);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("There is a problem");
    expect([inputValue(html, `${prefix}Day`), inputValue(html, `${prefix}Month`), inputValue(html, `${prefix}Year`)]).toEqual(["9", "11", "2026"]);
  });
});
