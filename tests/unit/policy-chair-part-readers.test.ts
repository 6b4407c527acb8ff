// An agency's part for the chair at a meeting or conference, with the agencies it names, asked as the meeting page asks
// it (chairPartControls and the question behind its form): health's part, police named. Read by health, the chair and
// the police's invitees; not by the school's invitee (not named), nor by a police officer on the case who was not
// invited; named and un-named by health's invitees alone, until sign-off; never the family's. Typed by hand from the
// intent, as in policy.test.ts.
import { describe, expect, test } from "vitest";
import { can, type Actor } from "../../server/access/policy";
import type { ChairPartReaders } from "../../server/meetings/chair-part-readers";
import { chairPartControls, chairPartResource, meetingQuestions, type MeetingOnPage } from "../../server/meetings/meeting-controls";
import type { Meeting } from "../../server/meetings/meetings";
import { caseFacts, health, person, police, school, socialCare } from "../support/policy-scene";

const chair = person("chair", socialCare);
const nurse = person("practitioner", health);
const officer = person("practitioner", police);
const teacher = person("practitioner", school);
/** On the case, of the named agency, not invited to this meeting. */
const otherOfficer = person("practitioner", police);
/** On the case, of health, not invited: reads the part as its agency's, but does not name its readers. */
const otherNurse = person("practitioner", health);
const policeManager = person("manager", police);
const healthManager = person("manager", health);
const facts = caseFacts({ members: [chair, nurse, officer, teacher, otherOfficer, otherNurse], agencies: [socialCare, police, health, school] });
const agencyOf = (agency: { id: string }) => ({ id: agency.id, name: agency.id, kind: "health" as const });

function meetingOn(signedOff = false): MeetingOnPage {
  const meeting = {
    id: 9, caseId: facts.caseId, chairUserId: chair.id, signedOffAt: signedOff ? new Date("2027-01-07T12:00:00Z") : null,
    invitees: [chair, nurse, officer, teacher].map((who) => ({ userId: who.id, agencyId: who.agencyId })),
    agencies: [socialCare, health, police, school].map(agencyOf),
  } as unknown as Meeting;
  return { facts, meeting, resource: { type: "meeting", case: facts, chairUserId: chair.id, state: signedOff ? "signed-off" : "open" } };
}

const named = (...agencies: { id: string }[]): ChairPartReaders =>
  new Map([[health.id, agencies.map((agency) => ({ agencyId: agency.id, agencyName: agency.id, named: true, recordedBy: "Nadia Hussain", recordedAt: new Date() }))]]);
const yesNo = (allowed: boolean) => (allowed ? "yes" : "no");

describe("health's part for the chair, police named", () => {
  //  who                                                actor           read (police named)  read (none named)  name readers
  const matrix: [string, Actor, "yes" | "no", "yes" | "no", "yes" | "no"][] = [
    ["health's invitee (the author agency)",             nurse,          "yes",               "yes",              "yes"],
    ["the meeting's chair",                              chair,          "yes",               "yes",              "no"],
    ["the police's invitee (named)",                     officer,        "yes",               "no",               "no"],
    ["the school's invitee (not named)",                 teacher,        "no",                "no",               "no"],
    ["a police officer on the case, not invited",        otherOfficer,   "no",                "no",               "no"],
    ["a police manager (oversight)",                     policeManager,  "no",                "no",               "no"],
    ["health, on the case, not invited",                 otherNurse,     "yes",               "yes",              "no"],
    ["a health manager (oversight of its own agency)",   healthManager,  "yes",               "yes",              "no"],
  ];
  test.each(matrix.map(([who, actor, ...answers]) => [who, ...answers, actor] as const))(
    "%s: reads it with police named %s, with none %s, names its readers %s",
    (_who, withPolice, withNone, name, actor) => {
      const on = meetingOn();
      expect({
        withPolice: yesNo(can(actor, "read:record", chairPartResource(on, health.id, named(police)))),
        withNone: yesNo(can(actor, "read:record", chairPartResource(on, health.id, new Map()))),
        name: yesNo(chairPartControls(actor, on, named(police)).get(health.id)!.canName),
      }).toEqual({ withPolice, withNone, name });
      // Whoever reads it, the family never does.
      expect(can(actor, "read:for-family", chairPartResource(on, health.id, named(police)))).toBe(false);
      // Named, the police read it but never write it.
      if (actor !== nurse && actor !== otherNurse) expect(can(actor, "write:record", chairPartResource(on, health.id, named(police)))).toBe(false);
    },
  );

  test("an agency names the readers of its own part only; the chair's and police's parts are not health's to share", () => {
    const on = meetingOn();
    expect(can(nurse, ...meetingQuestions.nameChairPartReaders(on, police.id, new Map()))).toBe(false);
    expect(can(officer, ...meetingQuestions.nameChairPartReaders(on, police.id, new Map()))).toBe(true);
    // An agency not at the meeting has no part here for anyone to share.
    expect(can(nurse, ...meetingQuestions.nameChairPartReaders(on, "nowhere-agency", new Map()))).toBe(false);
  });

  test("once signed off, no one names or un-names; who read it still reads it", () => {
    const on = meetingOn(true);
    for (const actor of [nurse, chair, officer]) expect(chairPartControls(actor, on, named(police)).get(health.id)!.canName).toBe(false);
    expect(can(officer, "read:record", chairPartResource(on, health.id, named(police)))).toBe(true);
    expect(can(teacher, "read:record", chairPartResource(on, health.id, named(police)))).toBe(false);
  });
});
