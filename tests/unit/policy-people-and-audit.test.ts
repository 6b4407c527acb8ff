// The access policy for administration and oversight: who manages an agency's people, and who reads the audit
// trail. Typed by hand from the intent, as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can } from "../../server/access/policy";
import { police, socialCare, health, partnership, person, caseFacts, theCase, record } from "../support/policy-scene";

describe("manage:people", () => {
  test("an agency administrator manages the people of their own agency", () => {
    const admin = person("administrator", police);
    expect(can(admin, "manage:people", { type: "agency", agencyId: police.id })).toBe(true);
  });

  test("an administrator cannot manage another agency's people", () => {
    const admin = person("administrator", police);
    expect(can(admin, "manage:people", { type: "agency", agencyId: socialCare.id })).toBe(false);
    expect(can(admin, "manage:people", { type: "agency", agencyId: health.id })).toBe(false);
  });

  test.each(["practitioner", "manager", "screener", "chair", "partnership_manager"] as const)(
    "a %s cannot manage people, not even in their own agency",
    (role) => {
      const actor = person(role, socialCare);
      expect(can(actor, "manage:people", { type: "agency", agencyId: socialCare.id })).toBe(false);
    },
  );

  test("a partnership manager cannot manage the people of any agency", () => {
    const partnershipManager = person("partnership_manager", partnership);
    for (const agency of [partnership, police, socialCare, health])
      expect(can(partnershipManager, "manage:people", { type: "agency", agencyId: agency.id })).toBe(false);
  });
});

describe("read:audit (who viewed and changed what)", () => {
  test("a partnership manager reads the partnership's audit trail, and a case's only while they read the case", () => {
    const partnershipManager = person("partnership_manager", partnership);
    expect(can(partnershipManager, "read:audit", { type: "partnership" })).toBe(true);
    // Not on the case, no reason given (decision 039): not its trail.
    expect(can(partnershipManager, "read:audit", theCase(caseFacts()))).toBe(false);
    expect(can(partnershipManager, "read:audit", record(caseFacts()))).toBe(false);
    // Opened for oversight with a reason, or on the case: its trail too.
    expect(can(partnershipManager, "read:audit", theCase(caseFacts({ oversight: [partnershipManager] })))).toBe(true);
    expect(can(partnershipManager, "read:audit", theCase(caseFacts({ members: [partnershipManager] })))).toBe(true);
  });

  test("a team manager reads the audit of cases their agency is on, not of others", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "read:audit", theCase(caseFacts({ agencies: [police, socialCare] })))).toBe(true);
    expect(can(manager, "read:audit", record(caseFacts({ agencies: [police, socialCare] })))).toBe(true);
    expect(can(manager, "read:audit", theCase(caseFacts({ agencies: [police, health] })))).toBe(false);
  });

  test("a team manager does not read the whole partnership's audit trail", () => {
    expect(can(person("manager", socialCare), "read:audit", { type: "partnership" })).toBe(false);
  });

  test.each(["practitioner", "screener", "chair", "administrator"] as const)(
    "a %s, even a member of the case, does not read its audit trail",
    (role) => {
      const actor = person(role, socialCare);
      const facts = caseFacts({ members: [actor] });
      expect(can(actor, "read:audit", theCase(facts))).toBe(false);
      expect(can(actor, "read:audit", { type: "partnership" })).toBe(false);
    },
  );

  test("there is no audit trail of an agency as such", () => {
    const partnershipManager = person("partnership_manager", partnership);
    expect(can(partnershipManager, "read:audit", { type: "agency", agencyId: police.id })).toBe(false);
  });
});
