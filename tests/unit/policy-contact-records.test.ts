// The access policy for live documents on a contact (issue 12 items 4 and 8): each agency's check, the police's
// restricted until shared with a reason, and the front door's map. Typed by hand from the intent: the screening team
// reads what is not restricted; a restricted check only its own agency's screeners and the deciding managers; a
// check is written by its own agency's screeners, the map by the whole team, until the contact is decided; after a
// decision that opened a case, the case's readers read them under the same rule.
import { describe, expect, test } from "vitest";
import { can, type Resource } from "../../server/access/policy";
import { caseFacts, health, partnership, person, police, school as education, socialCare } from "../support/policy-scene";

const check = (author: { id: string }, opts: { restricted?: boolean; state?: "open" | "decided"; onCase?: ReturnType<typeof caseFacts> } = {}): Resource => ({
  type: "contact-record",
  contactId: 7,
  authorAgencyId: author.id,
  restricted: opts.restricted ?? false,
  state: opts.state ?? "open",
  ...(opts.onCase ? { case: opts.onCase } : {}),
});
const frontDoorMap = (state: "open" | "decided" = "open"): Resource => ({ type: "contact-record", contactId: 7, authorAgencyId: null, restricted: false, state });

describe("an agency's check on a contact", () => {
  test("its own agency's screener writes it; the rest of the screening team reads it", () => {
    const healthCheck = check(health);
    expect(can(person("screener", health), "write:record", healthCheck)).toBe(true);
    for (const agency of [police, education, socialCare]) {
      expect(can(person("screener", agency), "read:record", healthCheck)).toBe(true);
      expect(can(person("screener", agency), "write:record", healthCheck)).toBe(false);
    }
    expect(can(person("manager", socialCare), "read:record", healthCheck)).toBe(true);
    expect(can(person("manager", socialCare), "write:record", healthCheck)).toBe(false);
  });

  test("the police's restricted check: police screeners and the deciding managers read it; other screeners do not", () => {
    const policeCheck = check(police, { restricted: true });
    expect(can(person("screener", police), "read:record", policeCheck)).toBe(true);
    expect(can(person("screener", police), "write:record", policeCheck)).toBe(true);
    expect(can(person("manager", socialCare), "read:record", policeCheck)).toBe(true);
    for (const agency of [health, education, socialCare]) expect(can(person("screener", agency), "read:record", policeCheck)).toBe(false);
  });

  test("only its own agency's screener shares a restricted check, and only while the contact is undecided", () => {
    expect(can(person("screener", police), "share:record", check(police, { restricted: true }))).toBe(true);
    expect(can(person("manager", socialCare), "share:record", check(police, { restricted: true }))).toBe(false);
    expect(can(person("screener", health), "share:record", check(police, { restricted: true }))).toBe(false);
    expect(can(person("screener", police), "share:record", check(police, { restricted: true, state: "decided" }))).toBe(false);
    expect(can(person("screener", police), "share:record", check(police))).toBe(false);
  });

  test("once shared, the whole screening team reads it", () => {
    expect(can(person("screener", education), "read:record", check(police))).toBe(true);
  });

  test("once the contact is decided, nobody writes it; the screening team still reads it", () => {
    const decided = check(health, { state: "decided" });
    expect(can(person("screener", health), "write:record", decided)).toBe(false);
    expect(can(person("screener", health), "read:record", decided)).toBe(true);
  });

  test("nobody outside the screening team reads a check on a contact with no case", () => {
    for (const role of ["practitioner", "chair", "partnership_manager", "administrator"] as const)
      for (const agency of [police, health, education, socialCare, partnership])
        expect(can(person(role, agency), "read:record", check(health))).toBe(false);
    expect(can(person("manager", police), "read:record", check(police, { restricted: true }))).toBe(false);
    expect(can(person("screener", partnership), "read:record", check(health))).toBe(false);
  });

  test("after a decision opened a case, its members read the checks under the same rule", () => {
    const officer = person("practitioner", police);
    const teacher = person("practitioner", education);
    const socialWorker = person("practitioner", socialCare);
    const manager = person("manager", socialCare);
    const onCase = caseFacts({ members: [officer, teacher, socialWorker], agencies: [socialCare, police, education] });
    const policeCheck = check(police, { restricted: true, state: "decided", onCase });
    const schoolCheck = check(education, { state: "decided", onCase });
    expect(can(officer, "read:record", policeCheck)).toBe(true);
    expect(can(manager, "read:record", policeCheck)).toBe(true);
    expect(can(teacher, "read:record", policeCheck)).toBe(false);
    expect(can(socialWorker, "read:record", policeCheck)).toBe(false);
    expect(can(teacher, "read:record", schoolCheck)).toBe(true);
    expect(can(teacher, "write:record", schoolCheck)).toBe(false);
    expect(can(person("practitioner", health), "read:record", schoolCheck)).toBe(false);
  });
});

describe("the front door's map", () => {
  test("the whole screening team writes it until the contact is decided", () => {
    for (const agency of [police, health, education, socialCare]) expect(can(person("screener", agency), "write:record", frontDoorMap())).toBe(true);
    expect(can(person("manager", socialCare), "write:record", frontDoorMap())).toBe(true);
    expect(can(person("screener", health), "write:record", frontDoorMap("decided"))).toBe(false);
    expect(can(person("screener", health), "read:record", frontDoorMap("decided"))).toBe(true);
  });

  test("nobody else reads or writes it", () => {
    for (const role of ["practitioner", "chair", "partnership_manager", "administrator"] as const)
      for (const agency of [police, health, socialCare]) expect(can(person(role, agency), "read:record", frontDoorMap())).toBe(false);
  });
});

describe("deciding a contact", () => {
  const screener = person("screener", socialCare);
  const proposal = (state: "proposed" | "authorised" | "sent-back" = "proposed", by = screener.id): Resource => ({ type: "contact-decision", proposedByUserId: by, state });

  test("the screening team proposes while the contact is undecided; nobody once it is decided", () => {
    const submitted: Resource = { type: "referral", referrerUserId: 1, state: "submitted" };
    const decided: Resource = { type: "referral", referrerUserId: 1, state: "decided" };
    for (const action of ["propose:contact-decision", "record:consent", "match:contact", "rate:contact", "add:contact-document"] as const) {
      expect(can(screener, action, submitted)).toBe(true);
      expect(can(screener, action, decided)).toBe(false);
      expect(can(person("practitioner", socialCare), action, submitted)).toBe(false);
    }
    expect(can(screener, "screen:contact", decided)).toBe(true);
  });

  test("a social care manager authorises another's proposal, never their own, and only while it is proposed", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "authorise:contact-decision", proposal())).toBe(true);
    expect(can(manager, "authorise:contact-decision", proposal("proposed", manager.id))).toBe(false);
    expect(can(manager, "authorise:contact-decision", proposal("authorised"))).toBe(false);
    expect(can(manager, "authorise:contact-decision", proposal("sent-back"))).toBe(false);
    expect(can(screener, "authorise:contact-decision", proposal("proposed", 1))).toBe(false);
    expect(can(person("manager", police), "authorise:contact-decision", proposal())).toBe(false);
  });
});
