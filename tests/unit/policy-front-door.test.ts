// The access policy at the front door, as the screening team meets it (issue 12 item 2): who sees the queue, reads a
// sent referral there and rates it. Typed by hand from the intent, as in policy.test.ts: the screening team is the
// screeners of social care, police, health and education, with social care's managers; the referrer still reads only
// their own referral; nobody else screens.
import { describe, expect, test } from "vitest";
import { can, type Resource } from "../../server/access/policy";
import { health, partnership, person, police, school as education, socialCare } from "../support/policy-scene";

const frontDoor: Resource = { type: "front-door" };
const referrer = person("practitioner", education);
const sent: Resource = { type: "referral", referrerUserId: referrer.id, state: "submitted" };
const draft: Resource = { type: "referral", referrerUserId: referrer.id, state: "draft" };

describe("the screening team", () => {
  test.each([
    ["social care", socialCare],
    ["police", police],
    ["health", health],
    ["education", education],
  ] as const)("a screener of %s sees the queue, reads a sent referral and rates it", (_name, agency) => {
    const screener = person("screener", agency);
    expect(can(screener, "screen:contact", frontDoor)).toBe(true);
    expect(can(screener, "screen:contact", sent)).toBe(true);
    expect(can(screener, "rate:contact", sent)).toBe(true);
  });

  test("a social care manager sees the queue, reads and rates", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "screen:contact", frontDoor)).toBe(true);
    expect(can(manager, "screen:contact", sent)).toBe(true);
    expect(can(manager, "rate:contact", sent)).toBe(true);
  });

  test("a draft is the referrer's alone: no screener reads or rates it", () => {
    const screener = person("screener", police);
    expect(can(screener, "screen:contact", draft)).toBe(false);
    expect(can(screener, "rate:contact", draft)).toBe(false);
    expect(can(screener, "read:referral", draft)).toBe(false);
  });

  test("screening is not the referrer's reading: a screener does not read it as theirs", () => {
    expect(can(person("screener", health), "read:referral", sent)).toBe(false);
  });
});

describe("everyone else", () => {
  test.each(["practitioner", "chair", "partnership_manager", "administrator"] as const)("a %s of any agency neither sees the queue nor reads nor rates", (role) => {
    for (const agency of [police, health, education, socialCare, partnership]) {
      const other = person(role, agency);
      expect(can(other, "screen:contact", frontDoor)).toBe(false);
      expect(can(other, "screen:contact", sent)).toBe(false);
      expect(can(other, "rate:contact", sent)).toBe(false);
    }
  });

  test("a manager outside social care does not screen", () => {
    for (const agency of [police, health, education, partnership]) {
      expect(can(person("manager", agency), "screen:contact", frontDoor)).toBe(false);
      expect(can(person("manager", agency), "rate:contact", sent)).toBe(false);
    }
  });

  test("a screener of the partnership is not of the screening team", () => {
    expect(can(person("screener", partnership), "screen:contact", frontDoor)).toBe(false);
  });

  test("the referrer reads their own referral only, and neither screens it nor rates it", () => {
    expect(can(referrer, "read:referral", sent)).toBe(true);
    expect(can(referrer, "read:referral", { type: "referral", referrerUserId: referrer.id + 1000, state: "submitted" })).toBe(false);
    expect(can(referrer, "screen:contact", sent)).toBe(false);
    expect(can(referrer, "rate:contact", sent)).toBe(false);
    expect(can(referrer, "screen:contact", frontDoor)).toBe(false);
  });
});
