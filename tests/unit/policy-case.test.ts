// The access policy for the case itself: who edits a case's own details, that a closed case is read-only, and who
// changes who works on it. Typed by hand from the intent, as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can } from "../../server/access/policy";
import { police, socialCare, health, school, partnership, person, caseFacts, theCase, record } from "../support/policy-scene";

describe("edit:case (the case's own details: status, people, lead worker)", () => {
  test("a social care member of an open case may edit it", () => {
    const socialWorker = person("practitioner", socialCare);
    const facts = caseFacts({ members: [socialWorker] });
    expect(can(socialWorker, "edit:case", theCase(facts))).toBe(true);
  });

  test("a social care team manager may edit an open case social care is on, without being a member", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "edit:case", theCase(caseFacts({ agencies: [police, socialCare] })))).toBe(true);
  });

  test("a social care team manager may not edit a case social care is not on", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "edit:case", theCase(caseFacts({ agencies: [police, health] })))).toBe(false);
  });

  test("a police member of the case may not edit it: social care leads the case", () => {
    const officer = person("practitioner", police);
    const policeManager = person("manager", police);
    const facts = caseFacts({ members: [officer, policeManager] });
    expect(can(officer, "edit:case", theCase(facts))).toBe(false);
    expect(can(policeManager, "edit:case", theCase(facts))).toBe(false);
  });

  test("a health or school member of the case may not edit it", () => {
    const healthVisitor = person("practitioner", health);
    const dsl = person("practitioner", school);
    const facts = caseFacts({ members: [healthVisitor, dsl] });
    expect(can(healthVisitor, "edit:case", theCase(facts))).toBe(false);
    expect(can(dsl, "edit:case", theCase(facts))).toBe(false);
  });

  test("nobody edits a closed case, not even its social worker or their manager", () => {
    const socialWorker = person("practitioner", socialCare);
    const manager = person("manager", socialCare);
    const facts = caseFacts({ members: [socialWorker, manager], status: "closed" });
    for (const actor of [socialWorker, manager]) expect(can(actor, "edit:case", theCase(facts))).toBe(false);
  });

  test("social care administrators and partnership managers do not edit cases, even as members", () => {
    const admin = person("administrator", socialCare);
    const partnershipManager = person("partnership_manager", partnership);
    const facts = caseFacts({ members: [admin, partnershipManager] });
    expect(can(admin, "edit:case", theCase(facts))).toBe(false);
    expect(can(partnershipManager, "edit:case", theCase(facts))).toBe(false);
  });

  test("a case is edited as a case, not through one of its records", () => {
    const socialWorker = person("practitioner", socialCare);
    const facts = caseFacts({ members: [socialWorker] });
    expect(can(socialWorker, "edit:case", record(facts, { author: socialCare }))).toBe(false);
  });
});

describe("a closed case is read-only", () => {
  test("its members still read it, but nobody writes its records", () => {
    const officer = person("practitioner", police);
    const facts = caseFacts({ members: [officer], status: "closed" });
    expect(can(officer, "read:case", theCase(facts))).toBe(true);
    expect(can(officer, "read:record", record(facts, { author: police }))).toBe(true);
    expect(can(officer, "write:record", record(facts, { author: police }))).toBe(false);
  });
});

describe("manage:case-team (adding and removing professionals and agencies)", () => {
  test("the case's social care lead may; a social care member who does not lead it may not", () => {
    const lead = person("practitioner", socialCare);
    const colleague = person("practitioner", socialCare);
    const facts = caseFacts({ leads: [lead], members: [colleague] });
    expect(can(lead, "manage:case-team", theCase(facts))).toBe(true);
    expect(can(colleague, "manage:case-team", theCase(facts))).toBe(false);
  });

  test("a social care team manager of an agency on the case may, without being a member", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "manage:case-team", theCase(caseFacts()))).toBe(true);
    expect(can(manager, "manage:case-team", theCase(caseFacts({ agencies: [police] })))).toBe(false);
  });

  test("no other agency's people, no administrator or partnership manager, and nobody on a closed case", () => {
    const officer = person("practitioner", police);
    const policeManager = person("manager", police);
    const admin = person("administrator", socialCare);
    const partnershipManager = person("partnership_manager", partnership);
    const lead = person("practitioner", socialCare);
    const facts = caseFacts({ leads: [lead], members: [officer, policeManager, admin, partnershipManager] });
    for (const actor of [officer, policeManager, admin, partnershipManager])
      expect(can(actor, "manage:case-team", theCase(facts))).toBe(false);
    expect(can(lead, "manage:case-team", theCase(caseFacts({ leads: [lead], status: "closed" })))).toBe(false);
  });

  test("a lead who has been removed from the case no longer may", () => {
    const lead = person("practitioner", socialCare);
    const facts = { ...caseFacts(), leadUserIds: [lead.id] };
    expect(can(lead, "manage:case-team", theCase(facts))).toBe(false);
  });
});
