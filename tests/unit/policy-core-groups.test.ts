// The access policy for core groups: the plan's lead social worker schedules and signs off; each member records their
// own attendance and the lead anyone's; the members read and co-write the notes, and each agency alone says whether
// its part goes to the family; progress on an action is its owner agency's to say, or the lead's; after sign-off, or
// once the plan has ended, nothing but addenda and the distribution. Typed by hand from the intent, as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can, type Actor, type Role } from "../../server/access/policy";
import {
  coreGroupMemberResource,
  coreGroupNotesResource,
  coreGroupResource,
  coreGroupSectionResource,
  nextCoreGroupResource,
  planActionResource,
} from "../../server/access/core-group-resources";
import { caseFacts, health, person, police, school, socialCare, type Agency } from "../support/policy-scene";

const lead = person("practitioner", socialCare);
const officer = person("practitioner", police);
const nurse = person("practitioner", health);
const teacher = person("practitioner", school);
/** On the case, not in the core group. */
const chair = person("chair", socialCare);
const partnership = { id: "sandmere-partnership", kind: "partnership" } as Agency;
/** Opened the case for oversight with a reason (decision 039), and so reads it while that lasts. */
const overseer = person("partnership_manager", partnership);
const facts = caseFacts({ members: [officer, nurse, teacher, chair], leads: [lead], agencies: [socialCare, police, health, school], oversight: [overseer] });
const members = [lead, officer, nurse, teacher].map((member) => member.id);
const group = (signedOff = false) => ({ leadUserId: lead.id, memberUserIds: members, signedOff });

describe("the core group matrix", () => {
  // One core group of Lily's plan, OPEN, on an open case. "progress on police's action" is record:progress on an
  // action the police own.
  //
  //  who                        role                  agency      schedule/sign off  read notes  write notes  police's progress
  const outsider = person("practitioner", health);
  const matrix: [string, Actor, "yes" | "no", "yes" | "no", "yes" | "no", "yes" | "no"][] = [
    ["the lead social worker",   lead,                                         "yes", "yes", "yes", "yes"],
    ["the police officer",       officer,                                      "no",  "yes", "yes", "yes"],
    ["the health visitor",       nurse,                                        "no",  "yes", "yes", "no"],
    ["the school's DSL",         teacher,                                      "no",  "yes", "yes", "no"],
    ["the chair, not a member",  chair,                                        "no",  "no",  "no",  "no"],
    ["someone not on the case",  outsider,                                     "no",  "no",  "no",  "no"],
    ["a police manager",         person("manager", police),                    "no",  "yes", "no",  "no"],
    ["a partnership manager who gave no reason", person("partnership_manager", partnership), "no", "no", "no", "no"],
    ["a partnership manager who gave a reason",  overseer,                   "no",  "yes", "no",  "no"],
  ];
  test.each(matrix)("%s: schedule and sign off %s, read the notes %s, write them %s, progress on the police's action %s", (_who, actor, lead_, read, write, progress) => {
    const yesNo = (allowed: boolean) => (allowed ? "yes" : "no");
    const notes = coreGroupNotesResource(facts, group());
    expect({
      lead: yesNo(can(actor, "chair:meeting", nextCoreGroupResource(facts, { leadUserId: lead.id, endedOn: null })) && can(actor, "chair:meeting", coreGroupResource(facts, group()))),
      read: yesNo(can(actor, "read:record", notes)),
      write: yesNo(can(actor, "write:record", notes)),
      progress: yesNo(can(actor, "record:progress", planActionResource(facts, { leadUserId: lead.id, ownerAgencyId: police.id, signedOff: false, planEnded: false }))),
    }).toEqual({ lead: lead_, read, write, progress });
  });
});

describe("each part's own say", () => {
  test("attendance: the lead social worker records anyone's, each member only their own", () => {
    expect(can(lead, "record:attendance", coreGroupMemberResource(facts, group(), officer.id))).toBe(true);
    expect(can(officer, "record:attendance", coreGroupMemberResource(facts, group(), officer.id))).toBe(true);
    expect(can(officer, "record:attendance", coreGroupMemberResource(facts, group(), nurse.id))).toBe(false);
  });

  test("only an agency says whether its part goes to the family, and only while the notes are open", () => {
    expect(can(officer, "mark:for-family", coreGroupSectionResource(facts, group(), police.id))).toBe(true);
    expect(can(lead, "mark:for-family", coreGroupSectionResource(facts, group(), police.id))).toBe(false);
    expect(can(nurse, "mark:for-family", coreGroupSectionResource(facts, group(), police.id))).toBe(false);
    expect(can(officer, "mark:for-family", coreGroupSectionResource(facts, group(true), police.id))).toBe(false);
  });

  test.each<[string, Role]>([
    ["a police administrator", "administrator"],
    ["a police partnership manager", "partnership_manager"],
  ])("%s of the owner agency says nothing of progress", (_who, role) => {
    const actor = person(role, police);
    const onCase = caseFacts({ members: [actor], leads: [lead], agencies: [socialCare, police] });
    expect(can(actor, "record:progress", planActionResource(onCase, { leadUserId: lead.id, ownerAgencyId: police.id, signedOff: false, planEnded: false }))).toBe(false);
  });
});

describe("after sign-off, and once the plan has ended", () => {
  test("sign-off makes the notes, attendance, progress and marks read-only for everyone", () => {
    const signed = group(true);
    for (const actor of [lead, officer]) {
      expect(can(actor, "read:record", coreGroupNotesResource(facts, signed))).toBe(true);
      expect(can(actor, "write:record", coreGroupNotesResource(facts, signed))).toBe(false);
      expect(can(actor, "record:attendance", coreGroupMemberResource(facts, signed, actor.id))).toBe(false);
      expect(can(actor, "record:progress", planActionResource(facts, { leadUserId: lead.id, ownerAgencyId: police.id, signedOff: true, planEnded: false }))).toBe(false);
    }
    expect(can(lead, "chair:meeting", coreGroupResource(facts, signed))).toBe(false);
  });

  test("an ended plan takes no progress and no new core group; a closed case nothing at all", () => {
    expect(can(officer, "record:progress", planActionResource(facts, { leadUserId: lead.id, ownerAgencyId: police.id, signedOff: false, planEnded: true }))).toBe(false);
    expect(can(lead, "chair:meeting", nextCoreGroupResource(facts, { leadUserId: lead.id, endedOn: "2027-03-01" }))).toBe(false);
    const closed = { ...facts, status: "closed" as const };
    expect(can(lead, "chair:meeting", coreGroupResource(closed, group()))).toBe(false);
    expect(can(officer, "write:record", coreGroupNotesResource(closed, group()))).toBe(false);
    expect(can(officer, "record:progress", planActionResource(closed, { leadUserId: lead.id, ownerAgencyId: police.id, signedOff: false, planEnded: false }))).toBe(false);
  });
});
