// The access policy at the front door, as the screening team meets it (issue 12 item 2): who sees the queue, reads a
// sent referral there and rates it. Typed by hand from the intent, as in policy.test.ts: the screening team is the
// screeners of social care, police, health and education, with social care's managers; the referrer still reads only
// their own referral; nobody else screens.
import { describe, expect, test } from "vitest";
import { can, type Resource } from "../../server/access/policy";
import { health, partnership, person, police, school as education, socialCare } from "../support/policy-scene";

const frontDoor: Resource = { type: "front-door" };
const referrer = person("practitioner", education);
const sent: Resource = { type: "referral", referrerUserId: referrer.id, state: "submitted" };
const draft: Resource = { type: "referral", referrerUserId: referrer.id, state: "draft" };

describe("the screening team", () => {
  test.each([
    ["social care", socialCare],
    ["police", police],
    ["health", health],
    ["education", education],
  ] as const)("a screener of %s sees the queue, reads a sent referral and rates it", (_name, agency) => {
    const screener = person("screener", agency);
    expect(can(screener, "screen:contact", frontDoor)).toBe(true);
    expect(can(screener, "screen:contact", sent)).toBe(true);
    expect(can(screener, "rate:contact", sent)).toBe(true);
  });

  test("a social care manager sees the queue, reads and rates", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "screen:contact", frontDoor)).toBe(true);
    expect(can(manager, "screen:contact", sent)).toBe(true);
    expect(can(manager, "rate:contact", sent)).toBe(true);
  });

  test("a draft is the referrer's alone: no screener reads or rates it", () => {
    const screener = person("screener", police);
    expect(can(screener, "screen:contact", draft)).toBe(false);
    expect(can(screener, "rate:contact", draft)).toBe(false);
    expect(can(screener, "read:referral", draft)).toBe(false);
  });

  test("screening is not the referrer's reading: a screener does not read it as theirs", () => {
    expect(can(person("screener", health), "read:referral", sent)).toBe(false);
  });
});

describe("everyone else", () => {
  test.each(["practitioner", "chair", "partnership_manager", "administrator"] as const)("a %s of any agency neither sees the queue nor reads nor rates", (role) => {
    for (const agency of [police, health, education, socialCare, partnership]) {
      const other = person(role, agency);
      expect(can(other, "screen:contact", frontDoor)).toBe(false);
      expect(can(other, "screen:contact", sent)).toBe(false);
      expect(can(other, "rate:contact", sent)).toBe(false);
    }
  });

  test("a manager outside social care does not screen", () => {
    for (const agency of [police, health, education, partnership]) {
      expect(can(person("manager", agency), "screen:contact", frontDoor)).toBe(false);
      expect(can(person("manager", agency), "rate:contact", sent)).toBe(false);
    }
  });

  test("a screener of the partnership is not of the screening team", () => {
    expect(can(person("screener", partnership), "screen:contact", frontDoor)).toBe(false);
  });

  test("the referrer reads their own referral only, and neither screens it nor rates it", () => {
    expect(can(referrer, "read:referral", sent)).toBe(true);
    expect(can(referrer, "read:referral", { type: "referral", referrerUserId: referrer.id + 1000, state: "submitted" })).toBe(false);
    expect(can(referrer, "screen:contact", sent)).toBe(false);
    expect(can(referrer, "rate:contact", sent)).toBe(false);
    expect(can(referrer, "screen:contact", frontDoor)).toBe(false);
  });
});

// Consent and decisions (issue 12 items 5 and 6; decision 036): the screening team records consent and proposes; a
// social care manager authorises or sends back, never their own proposal; a decided contact is read, never worked.
describe("consent and decisions", () => {
  const decided: Resource = { type: "referral", referrerUserId: referrer.id, state: "decided" };
  const proposal = (by: { id: number }, state: "proposed" | "authorised" | "sent-back" = "proposed"): Resource => ({
    type: "contact-decision",
    proposedByUserId: by.id,
    state,
  });

  test.each([
    ["a screener of social care", person("screener", socialCare)],
    ["a screener of the police", person("screener", police)],
    ["a screener of health", person("screener", health)],
    ["a screener of education", person("screener", education)],
    ["a social care manager", person("manager", socialCare)],
  ] as const)("%s records consent and proposes a decision on a sent referral, and reads a decided one without working it", (_name, actor) => {
    expect(can(actor, "record:consent", sent)).toBe(true);
    expect(can(actor, "propose:contact-decision", sent)).toBe(true);
    expect(can(actor, "screen:contact", decided)).toBe(true);
    for (const action of ["record:consent", "propose:contact-decision", "rate:contact"] as const) {
      expect(can(actor, action, decided)).toBe(false);
      expect(can(actor, action, draft)).toBe(false);
    }
  });

  test("a social care manager authorises another's proposal, never their own, and only while it waits", () => {
    const manager = person("manager", socialCare);
    const screener = person("screener", police);
    expect(can(manager, "authorise:contact-decision", proposal(screener))).toBe(true);
    expect(can(manager, "authorise:contact-decision", proposal(manager))).toBe(false);
    expect(can(manager, "authorise:contact-decision", proposal(screener, "authorised"))).toBe(false);
    expect(can(manager, "authorise:contact-decision", proposal(screener, "sent-back"))).toBe(false);
  });

  test("no screener, manager of another kind of agency, or referrer authorises; nor does anyone outside the team record or propose", () => {
    const screener = person("screener", socialCare);
    const proposer = person("screener", health);
    for (const actor of [screener, person("manager", police), person("manager", health), person("manager", education), person("partnership_manager", partnership), referrer])
      expect(can(actor, "authorise:contact-decision", proposal(proposer))).toBe(false);
    for (const role of ["practitioner", "chair", "partnership_manager", "administrator"] as const)
      for (const agency of [police, health, education, socialCare, partnership]) {
        expect(can(person(role, agency), "record:consent", sent)).toBe(false);
        expect(can(person(role, agency), "propose:contact-decision", sent)).toBe(false);
      }
    expect(can(referrer, "record:consent", sent)).toBe(false);
    expect(can(referrer, "propose:contact-decision", sent)).toBe(false);
    expect(can(referrer, "read:referral", decided)).toBe(true);
  });
});
