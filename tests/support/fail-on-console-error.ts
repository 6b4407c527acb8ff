// A console.error during a test is a failure: the portal logs errors only when something is wrong.
import { afterEach, beforeEach, vi, type MockInstance } from "vitest";

let spy: MockInstance<typeof console.error>;

beforeEach(() => {
  spy = vi.spyOn(console, "error");
});

afterEach(() => {
  const calls = spy.mock.calls;
  spy.mockRestore();
  if (calls.length) throw new Error(`console.error was called:\n${calls.map((args) => args.map(String).join(" ")).join("\n")}`);
});
