// The notice above a live document a person may read but not write: true for the reason they cannot write, and
// grammatical for one document ("this section … it") and for several ("these notes … them").
import { describe, expect, test } from "vitest";
import { coreGroupNotesResource } from "../../server/access/core-group-resources";
import type { Resource } from "../../server/access/policy";
import { coreGroupNotesNaming } from "../../server/documents/core-group-notes";
import { liveDocumentFor, readOnlyNotice } from "../../server/documents/live-document-view";
import { caseFacts, health, person, police, record, school, socialCare } from "../support/policy-scene";

const officer = person("practitioner", police);
const nurse = person("practitioner", health);
const chair = person("chair", socialCare);
const manager = person("manager", health);
const partnershipManager = person("partnership_manager", { id: "sandmere-partnership", kind: "partnership" });
const teacherAdmin = person("administrator", school);
const facts = caseFacts({ members: [officer, nurse, chair, teacherAdmin], agencies: [police, health, socialCare, school] });

const section = (state: "open" | "signed-off" = "open", onCase = facts): Resource =>
  ({ ...record(onCase, { author: police, state }), writers: "author-agency" }) as Resource;
const restricted = record(facts, { author: police, visibility: "restricted", sharedWith: [health], notForFamily: true });

const singular = { what: "this section" };
const plural = { what: "these notes" };

describe("why this person cannot write, in words", () => {
  test.each([
    ["the case is closed", nurse, section("open", { ...facts, status: "closed" }), singular, "This case is closed. You can read this section but no one can change it."],
    ["the case is closed", nurse, record({ ...facts, status: "closed" }), plural, "This case is closed. You can read these notes but no one can change them."],
    ["signed off", officer, section("signed-off"), singular, "This section has been signed off. You can read it but no one can change it."],
    ["signed off", officer, record(facts, { state: "signed-off" }), plural, "These notes have been signed off. You can read them but no one can change them."],
    ["signed off", officer, record(facts, { state: "signed-off" }), { what: "this map" }, "This map has been signed off. You can read it but no one can change it."],
    [
      "a manager who oversees the case",
      manager,
      section(),
      singular,
      "You oversee this case, so you can read this section but not change it. Only the professionals working on the case can write in it.",
    ],
    [
      "the partnership oversees every case",
      partnershipManager,
      record(facts),
      plural,
      "You oversee this case, so you can read these notes but not change them. Only the professionals working on the case can write in them.",
    ],
    ["an administrator", teacherAdmin, record(facts), plural, "Administrators manage people, not children's records, so you can read these notes but not change them."],
    ["restricted notes shared with another agency", nurse, restricted, plural, "These notes have been shared with you to read. Only their own agency can write in them."],
    ["a meeting's part for the chair", chair, { ...restricted, readerUserIds: [chair.id] } as Resource, { what: "this part" }, "This part has been shared with you to read. Only its own agency can write in it."],
    ["another agency's section at a meeting", nurse, section(), singular, "You can read this section but not change it. Only its own agency can write in it."],
  ])("%s (%j)", (_reason, actor, resource, name, notice) => {
    expect(readOnlyNotice(actor, resource, name)).toBe(notice);
  });

  test("a singular document is never followed by a plural pronoun or verb", () => {
    const resources: Resource[] = [section("open", { ...facts, status: "closed" }), section("signed-off"), section(), restricted];
    for (const actor of [officer, nurse, chair, manager, partnershipManager, teacherAdmin])
      for (const resource of resources) {
        const notice = readOnlyNotice(actor, resource, singular);
        expect(notice).not.toMatch(/\b(them|their|have been)\b/);
        expect(readOnlyNotice(actor, resource, plural)).not.toMatch(/\b(it|its|has been)\b/);
      }
  });

  test("the page's view says nothing to someone who may write, and the notice to someone who may not", () => {
    const reader = (actor: typeof officer) => ({
      actor,
      user: { id: actor.id, fullName: "A Person", agencyId: actor.agencyId, agencyName: "An agency", agencyColour: "#000000", role: actor.role },
    });
    expect(liveDocumentFor(reader(officer), section(), "case:42:meeting:1:agency:kestrel-vale-police", "this section")).toMatchObject({ canWrite: true, readOnlyReason: null });
    expect(liveDocumentFor(reader(nurse), section(), "case:42:meeting:1:agency:kestrel-vale-police", "this section").readOnlyReason).toBe(
      "You can read this section but not change it. Only its own agency can write in it.",
    );
  });
});

describe("a core group's notes, which only its members write", () => {
  const lead = person("practitioner", socialCare);
  const teacher = person("practitioner", school);
  const overseer = person("partnership_manager", { id: "sandmere-partnership", kind: "partnership" });
  const onCase = caseFacts({ members: [officer, nurse, teacher], leads: [lead], agencies: [police, health, socialCare, school], oversight: [overseer] });
  const notes = (signedOff = false) => coreGroupNotesResource(onCase, { leadUserId: lead.id, memberUserIds: [officer.id, nurse.id], signedOff });
  const noticeFor = (actor: typeof officer, signedOff = false) =>
    liveDocumentFor({ actor, user: { id: actor.id, fullName: "A Person", agencyId: actor.agencyId, agencyName: "An agency", agencyColour: "#000000", role: actor.role } }, notes(signedOff), "case:42:core-group:1:notes", coreGroupNotesNaming).readOnlyReason;

  test("its members and the lead social worker write them, and are told nothing", () => {
    for (const member of [officer, nurse, lead]) expect(noticeFor(member)).toBeNull();
  });

  test.each([
    ["a partnership manager who opened the case for oversight", overseer, "You oversee this case, so you can read these notes but not change them. Only the core group's members can write in them."],
    ["a manager of an agency on the case", manager, "You oversee this case, so you can read these notes but not change them. Only the core group's members can write in them."],
    ["a professional on the case who is not a member", teacher, "You can read these notes but not change them. Only the core group's members can write in them."],
  ])("%s is told that only the core group's members write them", (_who, actor, notice) => {
    expect(noticeFor(actor)).toBe(notice);
  });

  test("once signed off, members and those who oversee the case alike are told so", () => {
    for (const actor of [officer, lead, overseer, manager]) expect(noticeFor(actor, true)).toBe("These notes have been signed off. You can read them but no one can change them.");
  });

  test("no notice on them says that everyone working on the case can write in them", () => {
    for (const actor of [teacher, overseer, manager, teacherAdmin]) expect(noticeFor(actor) ?? "").not.toMatch(/professionals working on the case/);
  });
});
