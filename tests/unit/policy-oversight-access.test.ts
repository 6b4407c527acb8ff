// A partnership manager opens a case they are not on only by recording why, for a few hours (decision 039): until
// then they do not read it, nor its records, nor its audit trail; while it lasts they read it as an overseer,
// read-only; the case's lead social worker and social care managers see who opened it. Typed by hand from the intent,
// as in policy.test.ts; the facts' `oversight` stands for live access loaded from the database (expires_at > now).
import { describe, expect, test } from "vitest";
import { can } from "../../server/access/policy";
import { planRecord, planResource } from "../../server/access/resources";
import { caseFacts, health, partnership, person, police, record, socialCare, theCase } from "../support/policy-scene";

const lead = person("practitioner", socialCare);
const officer = person("practitioner", police);
const overseer = person("partnership_manager", partnership);
const anotherOverseer = person("partnership_manager", partnership);

const withoutReason = caseFacts({ leads: [lead], members: [officer], agencies: [socialCare, police] });
const withReason = caseFacts({ leads: [lead], members: [officer], agencies: [socialCare, police], oversight: [overseer] });

describe("a partnership manager not on the case", () => {
  test("without a reason reads nothing of it, and may open it for oversight", () => {
    expect(can(overseer, "read:case", theCase(withoutReason))).toBe(false);
    expect(can(overseer, "read:record", record(withoutReason))).toBe(false);
    expect(can(overseer, "read:audit", theCase(withoutReason))).toBe(false);
    expect(can(overseer, "open:case-for-oversight", theCase(withoutReason))).toBe(true);
  });

  test("with live access reads the case and its shared records, never a restricted one, and writes nothing", () => {
    expect(can(overseer, "read:case", theCase(withReason))).toBe(true);
    expect(can(overseer, "read:record", record(withReason, { author: police, visibility: "shared" }))).toBe(true);
    expect(can(overseer, "read:record", record(withReason, { author: police, visibility: "restricted" }))).toBe(false);
    expect(can(overseer, "write:record", record(withReason))).toBe(false);
    expect(can(overseer, "edit:case", theCase(withReason))).toBe(false);
    expect(can(overseer, "manage:case-team", theCase(withReason))).toBe(false);
    const plan = { leadUserId: lead.id, endedOn: null };
    expect(can(overseer, "read:record", planRecord(withReason, plan))).toBe(true);
    expect(can(overseer, "change:plan", planResource(withReason, plan))).toBe(false);
  });

  test("with live access reads the case's audit trail, and has nothing more to open", () => {
    expect(can(overseer, "read:audit", theCase(withReason))).toBe(true);
    expect(can(overseer, "open:case-for-oversight", theCase(withReason))).toBe(false);
  });

  test("one manager's reason opens the case to that manager only", () => {
    expect(can(anotherOverseer, "read:case", theCase(withReason))).toBe(false);
    expect(can(anotherOverseer, "open:case-for-oversight", theCase(withReason))).toBe(true);
  });

  test("the partnership's own audit trail stays theirs, whatever case they have opened", () => {
    expect(can(overseer, "read:audit", { type: "partnership" })).toBe(true);
    expect(can(anotherOverseer, "read:audit", { type: "partnership" })).toBe(true);
  });
});

describe("only partnership managers open a case for oversight", () => {
  test.each([
    ["a practitioner not on the case", person("practitioner", health)],
    ["a health manager whose agency is not on it", person("manager", health)],
    ["a police manager whose agency is on it", person("manager", police)],
    ["a chair not on the case", person("chair", socialCare)],
    ["an administrator", person("administrator", socialCare)],
    ["the partnership's administrator", person("administrator", partnership)],
    ["a member of the case", officer],
  ])("%s may not", (_who, actor) => {
    expect(can(actor, "open:case-for-oversight", theCase(withoutReason))).toBe(false);
  });

  test("a partnership manager who works on the case already reads it, and has nothing to open", () => {
    const member = person("partnership_manager", partnership);
    const facts = caseFacts({ members: [member] });
    expect(can(member, "read:case", theCase(facts))).toBe(true);
    expect(can(member, "open:case-for-oversight", theCase(facts))).toBe(false);
  });
});

describe("who sees that a case was opened for oversight", () => {
  test.each([
    ["the lead social worker", lead, true],
    ["a social care manager of an agency on the case", person("manager", socialCare), true],
    ["a police officer on the case", officer, false],
    ["a police manager of an agency on the case", person("manager", police), false],
    ["a social care practitioner not on the case", person("practitioner", socialCare), false],
    ["the partnership manager who opened it", overseer, false],
  ] as const)("%s: %s", (_who, actor, allowed) => {
    expect(can(actor, "read:oversight-access", theCase(withReason))).toBe(allowed);
  });

  test("a social care manager whose agency is not on the case does not", () => {
    const facts = caseFacts({ leads: [lead], agencies: [police, health], oversight: [overseer] });
    expect(can(person("manager", socialCare), "read:oversight-access", theCase(facts))).toBe(false);
  });
});
