// Matching a referral's child to children already known (decision 035): the keys names and addresses are compared by,
// why a child is a possible match, and the 12 calendar months of a re-referral.
import { describe, expect, test } from "vitest";
import { isSameChild, matchKey, matchReasons, surnameKey } from "../../common/child-matching";
import { withinReReferralWindow } from "../../server/referrals/re-referrals";

const lily = { fullName: "Lily Marsh", dateOfBirth: "2020-05-14", nhsNumber: "9990000018", address: "14 Example Road, Sandmere SM1 0ZZ" };
const nobody = { fullName: "Sam Other", dateOfBirth: "2011-01-01", nhsNumber: null, address: "" };

describe("matchKey", () => {
  test.each([
    ["Lily Marsh", "lilymarsh"],
    ["  LILY   marsh ", "lilymarsh"],
    ["Lily-Marsh", "lilymarsh"],
    ["Zoë O'Brien", "zoeobrien"],
    ["Zoe O’Brien", "zoeobrien"],
    ["7 Gull Lane, Sandmere SM1 4QT", "7gulllanesandmeresm14qt"],
    ["7 gull lane sandmere sm14qt", "7gulllanesandmeresm14qt"],
    ["Flat 2/3, 10 High St.", "flat2310highst"],
    ["", ""],
    ["—", ""],
  ])("%j → %j", (text, key) => {
    expect(matchKey(text)).toBe(key);
  });
});

describe("surnameKey", () => {
  test.each([
    ["Lily Marsh", "marsh"],
    ["Lily Mae MARSH ", "marsh"],
    ["Ava Smith-Jones", "jones"],
    ["Liam O'Brien", "obrien"],
    ["Jürgen Müller", "muller"],
    ["Cher", "cher"],
    ["  ", ""],
  ])("%j → %j", (name, key) => {
    expect(surnameKey(name)).toBe(key);
  });
});

describe("matchReasons", () => {
  test("the same NHS number", () => {
    expect(matchReasons(lily, { ...nobody, nhsNumber: "9990000018" })).toEqual(["same NHS number"]);
  });

  test("the same name and date of birth, whatever the case and spacing", () => {
    expect(matchReasons(lily, { ...nobody, fullName: "  lily  MARSH", dateOfBirth: "2020-05-14" })).toEqual(["same name and date of birth"]);
  });

  test("the same surname and date of birth (a twin, or a name spelt another way), said as such", () => {
    expect(matchReasons(lily, { ...nobody, fullName: "Lilly Marsh", dateOfBirth: "2020-05-14" })).toEqual(["same surname and date of birth"]);
  });

  test("a name alone, or a date of birth alone, is no match", () => {
    expect(matchReasons(lily, { ...nobody, fullName: "Lily Marsh" })).toEqual([]);
    expect(matchReasons(lily, { ...nobody, dateOfBirth: "2020-05-14" })).toEqual([]);
  });

  test("the same address, with its punctuation, spaces and case", () => {
    expect(matchReasons(lily, { ...nobody, address: "14 example road sandmere sm1 0zz" })).toEqual(["same address"]);
  });

  test("no address, or one too short to tell one home from another, never matches", () => {
    expect(matchReasons({ ...lily, address: "" }, { ...nobody, address: "" })).toEqual([]);
    expect(matchReasons({ ...lily, address: "Flat 1" }, { ...nobody, address: "flat 1" })).toEqual([]);
  });

  test("every reason that holds, strongest first", () => {
    expect(matchReasons(lily, { ...lily, fullName: "LILY MARSH" })).toEqual(["same NHS number", "same name and date of birth", "same address"]);
  });

  test("an unborn child (no date of birth) matches by NHS number or address only", () => {
    expect(matchReasons({ ...lily, dateOfBirth: null, nhsNumber: null }, { ...lily, dateOfBirth: null, nhsNumber: null })).toEqual(["same address"]);
  });

  test("the same child for a re-referral: NHS number, or name and date of birth; never surname or address alone", () => {
    expect(isSameChild(lily, { ...nobody, nhsNumber: "9990000018" })).toBe(true);
    expect(isSameChild(lily, { ...nobody, fullName: "lily marsh", dateOfBirth: "2020-05-14" })).toBe(true);
    expect(isSameChild(lily, { ...nobody, fullName: "Lilly Marsh", dateOfBirth: "2020-05-14" })).toBe(false);
    expect(isSameChild(lily, { ...nobody, address: lily.address })).toBe(false);
  });
});

describe("withinReReferralWindow: the 12 calendar months before a referral was sent, in London dates", () => {
  const at = (iso: string) => new Date(iso);
  test("exactly 12 calendar months earlier counts; a day more does not", () => {
    expect(withinReReferralWindow(at("2025-03-10T10:00:00Z"), at("2026-03-10T10:00:00Z"))).toBe(true);
    expect(withinReReferralWindow(at("2025-03-09T10:00:00Z"), at("2026-03-10T10:00:00Z"))).toBe(false);
  });

  test("a later or simultaneous referral is not an earlier one", () => {
    expect(withinReReferralWindow(at("2026-03-10T10:00:00Z"), at("2026-03-10T10:00:00Z"))).toBe(false);
    expect(withinReReferralWindow(at("2026-03-11T10:00:00Z"), at("2026-03-10T10:00:00Z"))).toBe(false);
  });

  test("the 29th of February: 12 months before 28 February 2025 is 28 February 2024, so the 29th counts", () => {
    expect(withinReReferralWindow(at("2024-02-29T12:00:00Z"), at("2025-02-28T12:00:00Z"))).toBe(true);
    expect(withinReReferralWindow(at("2024-02-27T12:00:00Z"), at("2025-02-28T12:00:00Z"))).toBe(false);
  });

  test("counted in London dates: 23:30 UTC on a summer evening is already the next day in London", () => {
    // 2025-06-09T23:30Z is 00:30 on 10 June in London: exactly 12 months before 10 June 2026.
    expect(withinReReferralWindow(at("2025-06-09T23:30:00Z"), at("2026-06-10T09:00:00Z"))).toBe(true);
    expect(withinReReferralWindow(at("2025-06-09T22:30:00Z"), at("2026-06-10T09:00:00Z"))).toBe(false);
  });
});
