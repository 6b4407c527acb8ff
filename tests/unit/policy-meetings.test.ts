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
