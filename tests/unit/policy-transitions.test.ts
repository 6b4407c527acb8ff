// The access policy for step up and step down (issue 12 item 7, decision 038), typed by hand from the intent: a step
// down is proposed by the case's social care lead or a social care manager on the case; a step up by its early help
// lead or an early help manager on it; the receiving agency's managers answer, never the proposer; a closed case
// moves nowhere; the transition is read by its proposer, the receiving managers and whoever reads its case.
import { describe, expect, test } from "vitest";
import { can, type Actor, type CaseFacts, type Resource } from "../../server/access/policy";
import { caseFacts, health, partnership, person, police, socialCare, type Agency } from "../support/policy-scene";

const earlyHelp: Agency = { id: "sandmere-early-help", kind: "early_help" };
const otherEarlyHelp: Agency = { id: "elsewhere-early-help", kind: "early_help" };

const socialWorker = person("practitioner", socialCare);
const socialCareManager = person("manager", socialCare);
const earlyHelpWorker = person("practitioner", earlyHelp);
const earlyHelpManager = person("manager", earlyHelp);
const policeOfficer = person("practitioner", police);
const nurse = person("practitioner", health);

/** Led by social care (Sam the lead), with police and health on it. */
const socialCareLed = (status: "open" | "closed" = "open") =>
  caseFacts({ leads: [socialWorker], members: [policeOfficer, nurse], agencies: [socialCare, police, health], status });
/** Led by early help (its practitioner), with social care still on it. */
const earlyHelpLed = (status: "open" | "closed" = "open") =>
  caseFacts({ leads: [earlyHelpWorker], members: [socialWorker, policeOfficer], agencies: [earlyHelp, socialCare, police], status });

const transition = (
  facts: CaseFacts | undefined,
  direction: "step_down" | "step_up",
  proposer: Actor,
  state: "proposed" | "accepted" | "declined" = "proposed",
): Resource => ({
  type: "transition",
  case: facts,
  direction,
  toAgencyId: direction === "step_down" ? earlyHelp.id : socialCare.id,
  proposedByUserId: proposer.id,
  state,
});

describe("proposing a step down to early help", () => {
  test.each([
    ["the case's lead social worker", socialWorker, true],
    ["a social care manager of an agency on the case", socialCareManager, true],
    ["a social care practitioner not on the case", person("practitioner", socialCare), false],
    ["a police officer on the case", policeOfficer, false],
    ["a health practitioner on the case", nurse, false],
    ["an early help manager", earlyHelpManager, false],
    ["a partnership manager (oversight only)", person("partnership_manager", partnership), false],
    ["a social care administrator", person("administrator", socialCare), false],
  ] as const)("%s: %s", (_who, actor, allowed) => {
    expect(can(actor, "propose:transition", transition(socialCareLed(), "step_down", actor))).toBe(allowed);
  });

  test("nobody proposes on a closed case", () => {
    expect(can(socialWorker, "propose:transition", transition(socialCareLed("closed"), "step_down", socialWorker))).toBe(false);
    expect(can(socialCareManager, "propose:transition", transition(socialCareLed("closed"), "step_down", socialCareManager))).toBe(false);
  });

  test("a social worker who no longer leads the case does not propose; a social care manager still may", () => {
    expect(can(socialWorker, "propose:transition", transition(earlyHelpLed(), "step_down", socialWorker))).toBe(false);
    expect(can(socialCareManager, "propose:transition", transition(earlyHelpLed(), "step_down", socialCareManager))).toBe(true);
  });
});

describe("proposing a step up to social care", () => {
  test.each([
    ["the case's early help lead", earlyHelpWorker, true],
    ["an early help manager of an agency on the case", earlyHelpManager, true],
    ["an early help manager of another service, not on the case", person("manager", otherEarlyHelp), false],
    ["a social worker on the case", socialWorker, false],
    ["a social care manager on the case (they receive a step up, never propose it)", socialCareManager, false],
    ["a police officer on the case", policeOfficer, false],
  ] as const)("%s: %s", (_who, actor, allowed) => {
    expect(can(actor, "propose:transition", transition(earlyHelpLed(), "step_up", actor))).toBe(allowed);
  });

  test("nobody proposes on a closed case", () => {
    expect(can(earlyHelpWorker, "propose:transition", transition(earlyHelpLed("closed"), "step_up", earlyHelpWorker))).toBe(false);
  });

  test("a contact's transition is never proposed here: the front door's decision makes it", () => {
    expect(can(socialCareManager, "propose:transition", transition(undefined, "step_down", socialCareManager))).toBe(false);
  });
});

describe("answering", () => {
  test.each([
    ["an early help manager answers a step down", earlyHelpManager, transition(socialCareLed(), "step_down", socialWorker), true],
    ["an early help practitioner does not", earlyHelpWorker, transition(socialCareLed(), "step_down", socialWorker), false],
    ["a manager of another early help service does not", person("manager", otherEarlyHelp), transition(socialCareLed(), "step_down", socialWorker), false],
    ["a social care manager does not answer a step down", socialCareManager, transition(socialCareLed(), "step_down", socialWorker), false],
    ["a social care manager answers a step up", socialCareManager, transition(earlyHelpLed(), "step_up", earlyHelpWorker), true],
    ["a social worker does not answer a step up", socialWorker, transition(earlyHelpLed(), "step_up", earlyHelpWorker), false],
    ["an early help manager does not answer a step up", earlyHelpManager, transition(earlyHelpLed(), "step_up", earlyHelpWorker), false],
    ["an early help manager answers a contact's step down", earlyHelpManager, transition(undefined, "step_down", socialCareManager), true],
  ] as const)("%s", (_what, actor, resource, allowed) => {
    expect(can(actor, "answer:transition", resource)).toBe(allowed);
  });

  test("a manager never answers their own proposal, even having moved to the receiving agency", () => {
    const moved = { ...socialCareManager, agencyId: earlyHelp.id, agencyKind: "early_help" as const };
    expect(can(moved, "answer:transition", transition(socialCareLed(), "step_down", socialCareManager))).toBe(false);
  });

  test("an answered transition is not answered again, and a closed case's not at all", () => {
    expect(can(earlyHelpManager, "answer:transition", transition(socialCareLed(), "step_down", socialWorker, "accepted"))).toBe(false);
    expect(can(earlyHelpManager, "answer:transition", transition(socialCareLed(), "step_down", socialWorker, "declined"))).toBe(false);
    expect(can(earlyHelpManager, "answer:transition", transition(socialCareLed("closed"), "step_down", socialWorker))).toBe(false);
  });
});

describe("reading a transition", () => {
  test.each([
    ["its proposer", socialWorker, true],
    ["the receiving agency's manager, not on the case", earlyHelpManager, true],
    ["the receiving agency's practitioner, not on the case", earlyHelpWorker, false],
    ["a member of the case", policeOfficer, true],
    ["a social care manager of an agency on the case", socialCareManager, true],
    ["a partnership manager who has not opened the case with a reason", person("partnership_manager", partnership), false],
    ["a police officer not on the case", person("practitioner", police), false],
  ] as const)("a case's: %s", (_who, actor, allowed) => {
    expect(can(actor, "read:transition", transition(socialCareLed(), "step_down", socialWorker))).toBe(allowed);
  });

  test("a contact's: the screening team, the receiving managers and its proposer; not the referrer's colleagues", () => {
    const contact = transition(undefined, "step_down", socialCareManager);
    expect(can(person("screener", police), "read:transition", contact)).toBe(true);
    expect(can(earlyHelpManager, "read:transition", contact)).toBe(true);
    expect(can(socialCareManager, "read:transition", contact)).toBe(true);
    expect(can(nurse, "read:transition", contact)).toBe(false);
    expect(can(earlyHelpWorker, "read:transition", contact)).toBe(false);
  });
});

describe("the screening team includes early help", () => {
  test("an early help screener sees the front door's queue and rates a sent referral", () => {
    const screener = person("screener", earlyHelp);
    expect(can(screener, "screen:contact", { type: "front-door" })).toBe(true);
    expect(can(screener, "rate:contact", { type: "referral", referrerUserId: nurse.id, state: "submitted" })).toBe(true);
  });
});
