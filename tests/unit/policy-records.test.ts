// The access policy for records on a case: the family's copy, signed-off records, restricted records shared with a
// named agency, and an agency's scaling on a map. Typed by hand from the intent, as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can, roles, type CaseFacts } from "../../server/access/policy";
import { police, socialCare, health, school, partnership, person, caseFacts, record } from "../support/policy-scene";

describe("read:for-family (what goes in the family's copy)", () => {
  const socialWorker = person("practitioner", socialCare);
  const officer = person("practitioner", police);
  const facts = caseFacts({ members: [socialWorker, officer] });

  test("a shared record not marked 'not for family' goes to the family", () => {
    expect(can(socialWorker, "read:for-family", record(facts, { author: socialCare }))).toBe(true);
  });

  test("a shared record marked 'not for family' is left out", () => {
    expect(can(socialWorker, "read:for-family", record(facts, { author: socialCare, notForFamily: true }))).toBe(false);
  });

  test("a restricted record is left out, even for the author agency and even if not marked 'not for family'", () => {
    const intelligence = record(facts, { author: police, visibility: "restricted", notForFamily: false });
    expect(can(officer, "read:record", intelligence)).toBe(true);
    expect(can(officer, "read:for-family", intelligence)).toBe(false);
  });

  test("a restricted record shared with a named agency is still left out of the family's copy", () => {
    const intelligence = record(facts, { author: police, visibility: "restricted", sharedWith: [socialCare] });
    expect(can(socialWorker, "read:record", intelligence)).toBe(true);
    expect(can(socialWorker, "read:for-family", intelligence)).toBe(false);
  });

  test("someone who cannot read the case cannot produce a family copy of it", () => {
    const stranger = person("practitioner", health);
    expect(can(stranger, "read:for-family", record(facts, { author: socialCare }))).toBe(false);
  });
});

describe("a signed-off record is read-only for everyone", () => {
  const kinds = [police, socialCare] as const;
  for (const role of roles) {
    for (const agency of kinds) {
      test(`a ${role} of ${agency.kind}, a member of the case, reads but never writes it`, () => {
        const actor = person(role, agency);
        const facts = caseFacts({ members: [actor] });
        for (const visibility of ["shared", "restricted"] as const) {
          const signedOff = record(facts, { author: police, visibility, state: "signed-off" });
          expect(can(actor, "write:record", signedOff)).toBe(false);
        }
        expect(can(actor, "read:record", record(facts, { author: police, state: "signed-off" }))).toBe(true);
      });
    }
  }

  test("the author who wrote it cannot change it after sign-off (changes are addenda)", () => {
    const author = person("practitioner", police);
    const facts = caseFacts({ members: [author] });
    expect(can(author, "write:record", record(facts, { author: police, visibility: "restricted" }))).toBe(true);
    expect(can(author, "write:record", record(facts, { author: police, visibility: "restricted", state: "signed-off" }))).toBe(false);
    expect(can(author, "read:record", record(facts, { author: police, visibility: "restricted", state: "signed-off" }))).toBe(true);
  });
});

describe("naming an agency on a restricted record (sharedWithAgencyIds)", () => {
  const officer = person("practitioner", police);
  const healthVisitor = person("practitioner", health);
  const socialWorker = person("practitioner", socialCare);
  const facts = caseFacts({ members: [officer, healthVisitor, socialWorker], agencies: [police, health, socialCare] });
  const intelligence = record(facts, { author: police, visibility: "restricted", sharedWith: [health] });

  test("the named agency's member may read it but not write it", () => {
    expect(can(healthVisitor, "read:record", intelligence)).toBe(true);
    expect(can(healthVisitor, "write:record", intelligence)).toBe(false);
  });

  test("an agency it does not name still cannot read it", () => {
    expect(can(socialWorker, "read:record", intelligence)).toBe(false);
    expect(can(socialWorker, "write:record", intelligence)).toBe(false);
  });

  test("the author agency still reads and writes it", () => {
    expect(can(officer, "read:record", intelligence)).toBe(true);
    expect(can(officer, "write:record", intelligence)).toBe(true);
  });

  test("being named does not give a non-member of the named agency access (need to know)", () => {
    const otherHealthVisitor = person("practitioner", health);
    expect(can(otherHealthVisitor, "read:record", intelligence)).toBe(false);
  });

  test("the named agency's team manager reads it as oversight, read-only", () => {
    const healthManager = person("manager", health);
    expect(can(healthManager, "read:record", intelligence)).toBe(true);
    expect(can(healthManager, "write:record", intelligence)).toBe(false);
  });
});

describe("record:scaling (an agency's 0–10 judgement on a map)", () => {
  const map = (facts: CaseFacts) => record(facts, { author: socialCare });

  test("a member of an agency on the case may, for a shared map they may write", () => {
    const officer = person("practitioner", police);
    expect(can(officer, "record:scaling", map(caseFacts({ members: [officer] })))).toBe(true);
  });

  test("a member whose agency is not on the case may not", () => {
    const dsl = person("practitioner", school);
    expect(can(dsl, "record:scaling", map(caseFacts({ members: [dsl], agencies: [police, socialCare] })))).toBe(false);
  });

  test("oversight, the partnership, and a closed case or signed-off map may not", () => {
    const policeManager = person("manager", police);
    const partnershipManager = person("partnership_manager", partnership);
    const officer = person("practitioner", police);
    const facts = caseFacts({ members: [partnershipManager], agencies: [police, socialCare, partnership] });
    expect(can(policeManager, "record:scaling", map(facts))).toBe(false);
    expect(can(partnershipManager, "record:scaling", map(facts))).toBe(false);
    expect(can(officer, "record:scaling", map(caseFacts({ members: [officer], status: "closed" })))).toBe(false);
    expect(can(officer, "record:scaling", record(caseFacts({ members: [officer] }), { state: "signed-off" }))).toBe(false);
  });
});
