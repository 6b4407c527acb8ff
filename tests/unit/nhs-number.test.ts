// NHS numbers as people type them. Only numbers from the 999 test range (never a real person's).
// The check digits below were worked out by hand (modulus 11, weights 10 down to 2), not by the code under test.
import { describe, expect, test } from "vitest";
import { formatNhsNumber, isValidNhsNumber, normaliseNhsNumber } from "../../common/nhs-number";

describe("isValidNhsNumber", () => {
  test.each(["9990000018", "9990000026", "9990000034", "9990000042"])("accepts %s", (number) => {
    expect(isValidNhsNumber(number)).toBe(true);
  });

  test.each(["999 000 0018", "999-000-0026", " 999 000 0018 ", "999\t000\t0018"])(
    "accepts %j, typed with spaces or hyphens",
    (number) => {
      expect(isValidNhsNumber(number)).toBe(true);
    },
  );

  test("accepts a number whose remainder is 0, so the check digit 11 is written as 0", () => {
    // 9·10 + 9·9 + 9·8 + 0·7 + 0·6 + 0·5 + 0·4 + 0·3 + 5·2 = 253 = 23 × 11 → 11 − 0 = 11 → check digit 0.
    expect(isValidNhsNumber("9990000050")).toBe(true);
    expect(isValidNhsNumber("999 000 0050")).toBe(true);
  });

  test.each(["9990000017", "9990000019", "9990000020", "9990000027", "9990000051"])(
    "refuses %s, whose check digit is wrong",
    (number) => {
      expect(isValidNhsNumber(number)).toBe(false);
    },
  );

  test("refuses every number whose check digit would be 10, whatever its last digit", () => {
    // 9·10 + 9·9 + 9·8 = 243 = 22 × 11 + 1 → 11 − 1 = 10: no such check digit exists.
    for (const number of ["9990000000", "9990000001", "9990000005", "9990000009", "999 000 0000"])
      expect(isValidNhsNumber(number), number).toBe(false);
  });

  test.each([
    ["nine digits", "999000001"],
    ["eleven digits", "99900000180"],
    ["a valid number with a digit added", "99900000188"],
    ["a valid number run together with another", "99900000189990000026"],
  ])("refuses %s (%s)", (_, number) => {
    expect(isValidNhsNumber(number)).toBe(false);
  });

  test.each([
    ["a letter in place of a digit", "999000001A"],
    ["letters only", "abcdefghij"],
    ["a letter O for a zero", "999O000018"],
    ["dots as separators", "999.000.0018"],
    ["a plus sign", "+999000018"],
    ["full-width digits", "９９９００００００１８"],
  ])("refuses %s (%j)", (_, number) => {
    expect(isValidNhsNumber(number)).toBe(false);
  });

  test("refuses an empty entry and one of only spaces", () => {
    expect(isValidNhsNumber("")).toBe(false);
    expect(isValidNhsNumber("   ")).toBe(false);
  });
});

describe("normaliseNhsNumber", () => {
  test("keeps only the digits people typed, without spaces or hyphens", () => {
    expect(normaliseNhsNumber("999 000 0018")).toBe("9990000018");
    expect(normaliseNhsNumber("999-000-0026")).toBe("9990000026");
    expect(normaliseNhsNumber("9990000018")).toBe("9990000018");
  });
});

describe("formatNhsNumber", () => {
  test("prints ten digits the way the NHS does: 3, 3 and 4", () => {
    expect(formatNhsNumber("9990000018")).toBe("999 000 0018");
    expect(formatNhsNumber("9990000026")).toBe("999 000 0026");
  });

  test("round-trips a number typed with hyphens", () => {
    expect(formatNhsNumber(normaliseNhsNumber("999-000-0026"))).toBe("999 000 0026");
  });
});
