// The access policy for child protection conferences, asked as the conference page asks it (meetingControls and the
// questions behind each control): the conference's own chair records the decision, the views and the family's
// attendance, and checks what the family will receive; each invited agency writes its own report, whose part for the
// chair only that agency and this conference's chair read; each invitee records their own attendance; social care's
// team managers and chairs convene conferences, a review included; after sign-off nothing but addenda, which anyone working on the case may add. Typed by hand
// from the intent, as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can, type Actor } from "../../server/access/policy";
import { chairPartResource, meetingControls, sectionResource, type MeetingOnPage } from "../../server/meetings/meeting-controls";
import type { Meeting } from "../../server/meetings/meetings";
import { caseFacts, health, partnership, person, police, school, socialCare, theCase } from "../support/policy-scene";

const teamManager = person("manager", socialCare);
const leadSocialWorker = person("practitioner", socialCare);
const officer = person("practitioner", police);
const nurse = person("practitioner", health);
/** On the case, not invited. */
const teacher = person("practitioner", school);
/** A chair on the case who is not this conference's chair. */
const otherChair = person("chair", socialCare);
const facts = caseFacts({ members: [teamManager, officer, nurse, teacher, otherChair], leads: [leadSocialWorker], agencies: [socialCare, police, health, school] });
const invited = [leadSocialWorker, officer, nurse];

function conference(kind: "initial_conference" | "review_conference", signedOff = false): MeetingOnPage {
  const meeting: Meeting = {
    id: 7, caseId: facts.caseId, kind, heldAt: new Date("2027-01-07T10:00:00Z"), heldOn: "2027-01-07", how: "in_person",
    concern: "Jayden was in the room.", chairUserId: teamManager.id, chairName: "Priya Shah", mapId: 3,
    convenedAt: new Date("2026-12-14T10:00:00Z"), convenedBy: "Priya Shah", signedOffAt: signedOff ? new Date("2027-01-07T12:00:00Z") : null,
    signedOffBy: signedOff ? "Priya Shah" : null, fromMeetingId: kind === "initial_conference" ? 6 : null, planId: kind === "review_conference" ? 2 : null, lateReason: "",
    invitees: [teamManager, ...invited].map((who) => ({ userId: who.id })) as Meeting["invitees"],
    agencies: [],
  };
  return { facts, meeting, resource: { type: "meeting", case: facts, chairUserId: teamManager.id, state: signedOff ? "signed-off" : "open" } };
}

const yesNo = (allowed: boolean) => (allowed ? "yes" : "no");

describe("the conference matrix", () => {
  // An initial conference, OPEN, chaired by the team manager; the lead social worker, the police and health invited.
  // "decide": the decision, the views and the family's attendance (the chair's). "police report": write the police's
  // report. "chair's part": read the police's part for the chair. "officer's attendance": record the police officer's.
  //
  //  who                                    actor                                 decide  police report  chair's part  officer's attendance
  const matrix: [string, Actor, "yes" | "no", "yes" | "no", "yes" | "no", "yes" | "no"][] = [
    ["the chair (the team manager)",         teamManager,                          "yes",  "no",          "yes",        "yes"],
    ["the lead social worker",               leadSocialWorker,                     "no",   "no",          "no",         "no"],
    ["the police officer",                   officer,                              "no",   "yes",         "yes",        "yes"],
    ["the health visitor",                   nurse,                                "no",   "no",          "no",         "no"],
    ["the school, on the case, not invited", teacher,                              "no",   "no",          "no",         "no"],
    ["another chair on the case",            otherChair,                           "no",   "no",          "no",         "no"],
    ["a police manager (oversight)",         person("manager", police),            "no",   "no",          "yes",        "no"],
    ["a partnership manager",                person("partnership_manager", partnership), "no", "no",      "no",         "no"],
  ];
  test.each(matrix.map(([who, actor, ...answers]) => [who, ...answers, actor] as const))("%s: decide %s, write the police's report %s, read its part for the chair %s, record the officer's attendance %s", (_who, decide, report, chairPart, attendance, actor) => {
    const on = conference("initial_conference");
    const controls = meetingControls(actor, on);
    expect({
      decide: yesNo(controls.isChair && controls.canMarkChairParts && controls.canCheckFamilyVersion),
      report: yesNo(can(actor, "write:record", sectionResource(on, police.id))),
      chairPart: yesNo(can(actor, "read:record", chairPartResource(on, police.id, new Map()))),
      attendance: yesNo(controls.mayRecordAttendanceOf(officer.id)),
    }).toEqual({ decide, report, chairPart, attendance });
  });
});

describe("the parts of a conference", () => {
  test("the invitees read each agency's report; only that agency marks it for the family", () => {
    const on = conference("initial_conference");
    for (const reader of [teamManager, leadSocialWorker, officer, nurse]) expect(can(reader, "read:record", sectionResource(on, police.id))).toBe(true);
    expect(can(teacher, "read:record", sectionResource(on, police.id))).toBe(false);
    expect(meetingControls(officer, on).mayMarkSectionOf(police.id)).toBe(true);
    expect(meetingControls(nurse, on).mayMarkSectionOf(police.id)).toBe(false);
    expect(meetingControls(teamManager, on).mayMarkSectionOf(police.id)).toBe(false);
  });

  test("the chair records anyone's attendance; an invitee only their own", () => {
    const on = conference("initial_conference");
    expect(meetingControls(teamManager, on).mayRecordAttendanceOf(officer.id)).toBe(true);
    expect(meetingControls(officer, on).mayRecordAttendanceOf(nurse.id)).toBe(false);
  });

  test("social care's team managers and chairs convene conferences, a review too; the lead social worker and others do not", () => {
    for (const [who, allowed] of [[teamManager, true], [otherChair, true], [leadSocialWorker, false], [officer, false], [person("manager", police), false]] as const)
      expect(can(who, "convene:meeting", theCase(facts))).toBe(allowed);
    expect(can(teamManager, "convene:meeting", theCase({ ...facts, status: "closed" }))).toBe(false);
  });

  test("a review conference is judged as the initial one is: its chair decides, the plan's lead social worker does not", () => {
    const on = conference("review_conference");
    expect(meetingControls(teamManager, on).isChair).toBe(true);
    expect(meetingControls(leadSocialWorker, on).isChair).toBe(false);
  });
});

describe("after sign-off", () => {
  test("nothing changes: the decision, the views, the family's attendance, attendance, reports, marks; addenda are added", () => {
    const on = conference("initial_conference", true);
    for (const actor of [teamManager, officer, nurse, leadSocialWorker]) {
      const controls = meetingControls(actor, on);
      expect(controls.isChair).toBe(false);
      expect(controls.canMarkChairParts).toBe(false);
      expect(controls.mayRecordAttendanceOf(actor.id)).toBe(false);
      expect(controls.mayMarkSectionOf(actor.agencyId)).toBe(false);
      expect(can(actor, "write:record", sectionResource(on, actor.agencyId))).toBe(false);
      expect(can(actor, "write:record", chairPartResource(on, actor.agencyId, new Map()))).toBe(false);
      expect(controls.canScale).toBe(false);
      expect(controls.canAddAddendum).toBe(true);
    }
    // Addenda are anyone's who works on the case (the meeting's record); not oversight's.
    expect(meetingControls(person("partnership_manager", partnership), on).canAddAddendum).toBe(false);
    // What the family received stays the chair's to check.
    expect(meetingControls(teamManager, on).canCheckFamilyVersion).toBe(true);
  });

  test("on a closed case nobody decides or writes, even before sign-off", () => {
    const closed = { ...conference("initial_conference"), facts: { ...facts, status: "closed" as const } };
    closed.resource = { ...closed.resource, case: closed.facts };
    expect(meetingControls(teamManager, closed).isChair).toBe(false);
    expect(can(officer, "write:record", sectionResource(closed, police.id))).toBe(false);
  });
});
