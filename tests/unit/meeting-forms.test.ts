// Action due dates and meeting times, as a chair types them.
import { describe, expect, test } from "vitest";
import { dueDateOf } from "../../common/forms/meetings";
import { instantInEngland } from "../../common/forms/dates";

describe("an action's due date", () => {
  const today = "2026-11-23";
  test.each([
    ["4 12 2026", "2026-12-04"],
    ["4/12/2026", "2026-12-04"],
    ["04.12.2026", "2026-12-04"],
    ["2026-12-04", "2026-12-04"],
    // Today is a real date: an action due today is still to be done.
    ["23 11 2026", "2026-11-23"],
  ])("%j is %s", (typed, iso) => expect(dueDateOf(typed, today)).toEqual({ date: iso }));

  test.each([
    ["ongoing", `"Ongoing" is not a date`],
    ["On-going", `"Ongoing" is not a date`],
    ["asap", `"ASAP" is not a date`],
    ["A.S.A.P.", `"ASAP" is not a date`],
    ["TBC", `"TBC" is not a date`],
    ["tbd", `"TBC" is not a date`],
    ["", "Enter the date this will be done by"],
    ["next week", "Due date must be a real date"],
    ["30 2 2027", "Due date must be a real date"],
    ["22 11 2026", "Due date must be today or in the future"],
    ["1 1 2026", "Due date must be today or in the future"],
  ])("%j is refused: %s", (typed, message) => {
    const result = dueDateOf(typed, today);
    expect("problem" in result && result.problem).toContain(message);
  });
});

describe("a meeting's time in England", () => {
  test("in winter, GMT", () => expect(instantInEngland("2026-12-10", "10:00").toISOString()).toBe("2026-12-10T10:00:00.000Z"));
  test("in summer, BST is an hour ahead", () => expect(instantInEngland("2026-07-10", "10:00").toISOString()).toBe("2026-07-10T09:00:00.000Z"));
  test("just after midnight in summer", () => expect(instantInEngland("2026-07-10", "00:30").toISOString()).toBe("2026-07-09T23:30:00.000Z"));
});
