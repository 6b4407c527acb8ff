// The access policy for strategy meetings: who convenes and chairs them, each agency's section, and the records for
// named people (a meeting's part for its chair, an agency's section for the invitees). Typed by hand from the intent,
// as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can, type Actor, type CaseFacts, type Resource } from "../../server/access/policy";
import { police, socialCare, health, school, person, caseFacts, theCase, record } from "../support/policy-scene";

describe("strategy meetings", () => {
  const meeting = (facts: CaseFacts, chair: Actor, state: "open" | "signed-off" = "open"): Resource => ({
    type: "meeting",
    case: facts,
    chairUserId: chair.id,
    state,
  });

  test("social care managers and chairs convene; practitioners and other agencies do not", () => {
    const manager = person("manager", socialCare);
    const chair = person("chair", socialCare);
    const socialWorker = person("practitioner", socialCare);
    const policeManager = person("manager", police);
    const facts = caseFacts({ members: [chair, socialWorker, policeManager] });
    expect(can(manager, "convene:meeting", theCase(facts))).toBe(true);
    expect(can(chair, "convene:meeting", theCase(facts))).toBe(true);
    expect(can(socialWorker, "convene:meeting", theCase(facts))).toBe(false);
    expect(can(policeManager, "convene:meeting", theCase(facts))).toBe(false);
    expect(can(chair, "convene:meeting", theCase({ ...facts, status: "closed" }))).toBe(false);
  });

  test("only the meeting's own chair chairs it, and only until it is signed off", () => {
    const chair = person("chair", socialCare);
    const otherChair = person("chair", socialCare);
    const facts = caseFacts({ members: [chair, otherChair] });
    expect(can(chair, "chair:meeting", meeting(facts, chair))).toBe(true);
    expect(can(otherChair, "chair:meeting", meeting(facts, chair))).toBe(false);
    expect(can(chair, "chair:meeting", meeting(facts, chair, "signed-off"))).toBe(false);
  });

  test("an agency's section is read by everyone on the case and written only by that agency", () => {
    const officer = person("practitioner", police);
    const socialWorker = person("practitioner", socialCare);
    const facts = caseFacts({ members: [officer, socialWorker] });
    const section: Resource = { ...record(facts, { author: police }), writers: "author-agency" } as Resource;
    expect(can(socialWorker, "read:record", section)).toBe(true);
    expect(can(socialWorker, "write:record", section)).toBe(false);
    expect(can(officer, "write:record", section)).toBe(true);
    expect(can(socialWorker, "read:for-family", section)).toBe(true);
  });
});

describe("a restricted record for named people (a meeting's part for its chair)", () => {
  test("the author agency and the named person read it; another chair on the case does not", () => {
    const officer = person("practitioner", police);
    const meetingChair = person("manager", socialCare);
    const otherChair = person("chair", socialCare);
    const facts = caseFacts({ members: [officer, meetingChair, otherChair] });
    const part: Resource = { ...record(facts, { author: police, visibility: "restricted", notForFamily: true }), readerUserIds: [meetingChair.id] } as Resource;
    expect(can(officer, "read:record", part)).toBe(true);
    expect(can(meetingChair, "read:record", part)).toBe(true);
    expect(can(otherChair, "read:record", part)).toBe(false);
    expect(can(meetingChair, "write:record", part)).toBe(false);
    expect(can(meetingChair, "read:for-family", part)).toBe(false);
  });
});

describe("a shared record for named people (an agency's section at a strategy meeting)", () => {
  test("the invitees read it; a professional on the case who was not invited does not; oversight does", () => {
    const officer = person("practitioner", police);
    const invited = person("practitioner", health);
    const notInvited = person("practitioner", school);
    const manager = person("manager", socialCare);
    const facts = caseFacts({ members: [officer, invited, notInvited], agencies: [police, health, school, socialCare] });
    const section = { ...record(facts, { author: police }), writers: "author-agency", readerUserIds: [officer.id, invited.id] } as Resource;
    expect(can(invited, "read:record", section)).toBe(true);
    expect(can(notInvited, "read:record", section)).toBe(false);
    expect(can(manager, "read:record", section)).toBe(true);
    expect(can(officer, "write:record", section)).toBe(true);
    expect(can(invited, "write:record", section)).toBe(false);
  });
});

describe("a person's part in a meeting: their attendance, an action they own", () => {
  const part = (facts: CaseFacts, chair: Actor, personUserId: number, state: "open" | "signed-off" = "open"): Resource => ({
    type: "meeting-person",
    case: facts,
    chairUserId: chair.id,
    personUserId,
    state,
  });

  test("the chair records anyone's attendance; an invitee only their own; nobody after sign-off or on a closed case", () => {
    const chair = person("chair", socialCare);
    const officer = person("practitioner", police);
    const nurse = person("practitioner", health);
    const manager = person("manager", police);
    const facts = caseFacts({ members: [chair, officer, nurse], agencies: [police, health, socialCare] });
    expect(can(chair, "record:attendance", part(facts, chair, officer.id))).toBe(true);
    expect(can(chair, "record:attendance", part(facts, chair, chair.id))).toBe(true);
    expect(can(officer, "record:attendance", part(facts, chair, officer.id))).toBe(true);
    expect(can(officer, "record:attendance", part(facts, chair, nurse.id))).toBe(false);
    expect(can(nurse, "record:attendance", part(facts, chair, chair.id))).toBe(false);
    // Oversight reads the meeting but records nobody's attendance.
    expect(can(manager, "record:attendance", part(facts, chair, officer.id))).toBe(false);
    expect(can(chair, "record:attendance", part(facts, chair, officer.id, "signed-off"))).toBe(false);
    expect(can(officer, "record:attendance", part(facts, chair, officer.id, "signed-off"))).toBe(false);
    expect(can(chair, "record:attendance", part({ ...facts, status: "closed" }, chair, officer.id))).toBe(false);
    // Someone no longer on the case records nothing, even their own.
    expect(can(officer, "record:attendance", part({ ...facts, memberUserIds: [chair.id, nurse.id] }, chair, officer.id))).toBe(false);
  });

  test("an action's owner and the chair say how it stands, before and after sign-off; another invitee does not", () => {
    const chair = person("chair", socialCare);
    const officer = person("practitioner", police);
    const nurse = person("practitioner", health);
    const facts = caseFacts({ members: [chair, officer, nurse], agencies: [police, health, socialCare] });
    for (const state of ["open", "signed-off"] as const) {
      expect(can(officer, "update:meeting-action", part(facts, chair, officer.id, state))).toBe(true);
      expect(can(chair, "update:meeting-action", part(facts, chair, officer.id, state))).toBe(true);
      expect(can(nurse, "update:meeting-action", part(facts, chair, officer.id, state))).toBe(false);
    }
    expect(can(officer, "update:meeting-action", part({ ...facts, status: "closed" }, chair, officer.id))).toBe(false);
    expect(can(officer, "update:meeting-action", part({ ...facts, memberUserIds: [chair.id, nurse.id] }, chair, officer.id))).toBe(false);
  });
});
