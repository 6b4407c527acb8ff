// The referral's "NHS number (if known)": each problem has its own GOV.UK message; spaces are allowed and stripped.
// Only numbers from the 999 test range (never a real person's).
import { describe, expect, test } from "vitest";
import { childSchema } from "../../common/forms/referrals";
import { nhsNumberProblem } from "../../common/nhs-number";

describe("nhsNumberProblem", () => {
  test.each(["9990000018", "999 000 0018", " 999 000 0026 ", "999-000-0034"])("accepts %j", (input) => {
    expect(nhsNumberProblem(input)).toBeUndefined();
  });

  test.each([
    ["nine digits", "999 000 001", "NHS number must be 10 digits, like 999 000 0018"],
    ["eleven digits", "99900000180", "NHS number must be 10 digits, like 999 000 0018"],
    ["a letter", "999 000 001A", "NHS number must only include numbers 0 to 9 and spaces"],
    ["a wrong check digit", "999 000 0017", "Enter a valid NHS number: the last digit does not match the others, so check each digit"],
    ["a number whose check digit would be 10", "9990000000", "Enter a valid NHS number: the last digit does not match the others, so check each digit"],
  ])("refuses %s", (_, input, message) => {
    expect(nhsNumberProblem(input)).toBe(message);
  });
});

describe("the referral's child page", () => {
  const base = { intent: "continue", fullName: "Tia Wren", born: "yes", dobDay: "3", dobMonth: "4", dobYear: "2018" };
  const parse = (extra: Record<string, string>) => childSchema("2026-11-30").safeParse({ ...base, ...extra });

  test("keeps the NHS number as 10 digits, spaces stripped", () => {
    const parsed = parse({ nhsNumber: " 999 000 0018 " });
    expect(parsed.success && parsed.data.child?.nhsNumber).toBe("9990000018");
  });

  test("without one, it is null", () => {
    const parsed = parse({});
    expect(parsed.success && parsed.data.child?.nhsNumber).toBeNull();
  });

  test("a bad one is refused on the NHS number field", () => {
    const parsed = parse({ nhsNumber: "999 000 0017" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["nhsNumber", "Enter a valid NHS number: the last digit does not match the others, so check each digit"],
    ]);
  });

  test("an unborn child has none yet", () => {
    const parsed = parse({ born: "no", dobDay: "", dobMonth: "", dobYear: "", dueDay: "1", dueMonth: "3", dueYear: "2027", nhsNumber: "9990000018" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toEqual(["nhsNumber"]);
  });
});
