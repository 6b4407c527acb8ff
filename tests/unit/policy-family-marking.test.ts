// The access policy for what the family receives: each record's author agency, and only it, marks its words for the
// family, while it may still write them. Typed by hand from the intent, as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can, type Resource } from "../../server/access/policy";
import { police, socialCare, health, partnership, person, caseFacts, record } from "../support/policy-scene";

describe("mark:for-family (whether an agency's words go to the family)", () => {
  const officer = person("practitioner", police);
  const socialWorker = person("practitioner", socialCare);
  const nurse = person("practitioner", health);
  const overseer = person("partnership_manager", partnership);
  const policeManager = person("manager", police);
  const facts = caseFacts({ members: [officer, socialWorker, nurse], agencies: [police, socialCare, health] });
  /** Police's section at a meeting: written by police alone, read by those invited. */
  const section = (state: "open" | "signed-off" = "open", readers = [officer, socialWorker, nurse]): Resource => ({
    ...record(facts, { author: police, state }),
    writers: "author-agency",
    readerUserIds: readers.map((reader) => reader.id),
  }) as Resource;

  test("the author agency marks its own words; no other agency does, even one that reads them", () => {
    expect(can(officer, "mark:for-family", section())).toBe(true);
    expect(can(nurse, "mark:for-family", section())).toBe(false);
    expect(can(socialWorker, "mark:for-family", section())).toBe(false);
  });

  test("after sign-off the marking is locked like everything else", () => {
    expect(can(officer, "mark:for-family", section("signed-off"))).toBe(false);
  });

  test("those who only oversee the case, and an author-agency member not invited, do not mark", () => {
    expect(can(overseer, "mark:for-family", section())).toBe(false);
    expect(can(policeManager, "mark:for-family", section())).toBe(false);
    expect(can(officer, "mark:for-family", section("open", [socialWorker, nurse]))).toBe(false);
  });

  test("restricted words are never the family's, so there is nothing to mark", () => {
    expect(can(officer, "mark:for-family", record(facts, { author: police, visibility: "restricted" }))).toBe(false);
  });

  test("an agency's words on a map, written by every member: only that agency marks them, and not on a closed case", () => {
    const policeWords: Resource = { ...record(facts, { author: police }), writers: "author-agency" } as Resource;
    expect(can(officer, "mark:for-family", policeWords)).toBe(true);
    expect(can(socialWorker, "mark:for-family", policeWords)).toBe(false);
    expect(can(officer, "mark:for-family", { ...policeWords, case: { ...facts, status: "closed" } } as Resource)).toBe(false);
  });

  test("a record marked for the family is the family's to read; unmarked, it is not", () => {
    expect(can(socialWorker, "read:for-family", { ...section(), notForFamily: false } as Resource)).toBe(true);
    expect(can(socialWorker, "read:for-family", { ...section(), notForFamily: true } as Resource)).toBe(false);
  });
});
