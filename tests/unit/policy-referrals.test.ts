// The access policy for referrals into the front door, as the referrer meets them: who may make one, read it and
// change it. Typed by hand from the intent (issue 12), as in policy.test.ts; the screening team's rules come with
// screening.
import { describe, expect, test } from "vitest";
import { can, roles, type Resource } from "../../server/access/policy";
import { health, partnership, person, police, school as education, socialCare } from "../support/policy-scene";

const school = person("practitioner", education);
const draftOf = (referrerUserId: number): Resource => ({ type: "referral", referrerUserId, state: "draft" });
const sentBy = (referrerUserId: number): Resource => ({ type: "referral", referrerUserId, state: "submitted" });

describe("make:referral", () => {
  test.each(roles.filter((role) => role !== "administrator"))("a %s may refer, for their own agency", (role) => {
    for (const agency of [police, health, education, socialCare, partnership]) {
      const actor = person(role, agency);
      expect(can(actor, "make:referral", { type: "agency", agencyId: agency.id })).toBe(true);
    }
  });

  test("an administrator may not: they hold no children's records", () => {
    expect(can(person("administrator", education), "make:referral", { type: "agency", agencyId: education.id })).toBe(false);
  });

  test("nobody refers in another agency's name", () => {
    expect(can(school, "make:referral", { type: "agency", agencyId: police.id })).toBe(false);
  });
});

describe("a referral's referrer", () => {
  test("reads and changes their draft", () => {
    expect(can(school, "read:referral", draftOf(school.id))).toBe(true);
    expect(can(school, "edit:referral", draftOf(school.id))).toBe(true);
  });

  test("reads their sent referral, and can no longer change it", () => {
    expect(can(school, "read:referral", sentBy(school.id))).toBe(true);
    expect(can(school, "edit:referral", sentBy(school.id))).toBe(false);
  });
});

describe("anyone else", () => {
  test.each(roles)("a %s of any agency neither reads nor changes another person's draft or sent referral", (role) => {
    for (const agency of [police, health, education, socialCare, partnership]) {
      const other = person(role, agency);
      for (const resource of [draftOf(school.id), sentBy(school.id)]) {
        expect(can(other, "read:referral", resource)).toBe(false);
        expect(can(other, "edit:referral", resource)).toBe(false);
      }
    }
  });
});
