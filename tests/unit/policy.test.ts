// The access policy, written out as the table a safeguarding lead would sign off: who may see the case, who may
// read a record on it and who may change that record. The expectations below are typed by hand from the intent
// (DESIGN.md "Access: one policy for every door", DOMAIN.md "Information sharing", and the comments in
// server/access/policy.ts); they are deliberately NOT computed from the policy's own helpers.
import { describe, expect, test } from "vitest";
import { can, roles, type Actor, type AgencyKind, type CaseFacts, type Resource, type Role } from "../../server/access/policy";

// Agencies of the fictional Sandmere partnership (DOMAIN.md).
const police = { id: "kestrel-vale-police", kind: "police" } as const;
const socialCare = { id: "sandmere-childrens-services", kind: "social_care" } as const;
const health = { id: "sandmere-community-health", kind: "health" } as const;
const school = { id: "larkfield-primary", kind: "education" } as const;
const partnership = { id: "sandmere-partnership", kind: "partnership" } as const;
type Agency = { id: string; kind: AgencyKind };

let nextUserId = 100;
function person(role: Role, agency: Agency): Actor {
  return { id: nextUserId++, agencyId: agency.id, agencyKind: agency.kind, role };
}

function caseFacts(opts: { members?: Actor[]; leads?: Actor[]; agencies?: Agency[]; status?: "open" | "closed" } = {}): CaseFacts {
  return {
    caseId: 42,
    status: opts.status ?? "open",
    memberUserIds: [...(opts.members ?? []), ...(opts.leads ?? [])].map((member) => member.id),
    leadUserIds: (opts.leads ?? []).map((member) => member.id),
    agencyIds: (opts.agencies ?? [police, socialCare]).map((agency) => agency.id),
  };
}

const theCase = (facts: CaseFacts): Resource => ({ type: "case", case: facts });

function record(
  facts: CaseFacts,
  opts: {
    author?: Agency;
    visibility?: "shared" | "restricted";
    sharedWith?: Agency[];
    notForFamily?: boolean;
    state?: "open" | "signed-off";
  } = {},
): Resource {
  return {
    type: "record",
    case: facts,
    authorAgencyId: (opts.author ?? police).id,
    visibility: opts.visibility ?? "shared",
    sharedWithAgencyIds: (opts.sharedWith ?? []).map((agency) => agency.id),
    notForFamily: opts.notForFamily ?? false,
    state: opts.state ?? "open",
  };
}

describe("the access matrix: role × agency × membership × visibility", () => {
  // The scene for every row:
  // - Lily Marsh's case is OPEN, and BOTH Kestrel Vale Police and Sandmere Children's Services are agencies on it
  //   (so a team manager of either agency has oversight of it).
  // - The record was written by the POLICE and is still open (not signed off). "restricted" means police
  //   intelligence that names no other agency; "shared" means shared with every agency that may read the case.
  // - "own" is a person of the police (the author agency); "other" is a person of social care.
  // - "member" means the person is one of the professionals working on the case.
  // The agency column only positions the person relative to the author; the policy decides these three actions
  // by role, so e.g. a partnership manager is placed in the police or social care agency for the table's sake.
  // DISAGREEMENT (see the chair rows): DOMAIN.md says restricted information "is shared with the chair and named
  // agencies, never with the family". A child protection chair working on the case needs the police intelligence
  // to decide on a plan, so the table expects a member chair of another agency to READ (never write) a restricted
  // record. The policy as written refuses.
  //
  //  role                   agency   membership    record          read:case  read:record  write:record
  const matrix = [
    ["practitioner",         "own",   "member",     "shared",       "yes",     "yes",       "yes"],
    ["practitioner",         "own",   "member",     "restricted",   "yes",     "yes",       "yes"],
    ["practitioner",         "own",   "not member", "shared",       "no",      "no",        "no"],
    ["practitioner",         "own",   "not member", "restricted",   "no",      "no",        "no"],
    ["practitioner",         "other", "member",     "shared",       "yes",     "yes",       "yes"],
    ["practitioner",         "other", "member",     "restricted",   "yes",     "no",        "no"],
    ["practitioner",         "other", "not member", "shared",       "no",      "no",        "no"],
    ["practitioner",         "other", "not member", "restricted",   "no",      "no",        "no"],

    ["manager",              "own",   "member",     "shared",       "yes",     "yes",       "yes"],
    ["manager",              "own",   "member",     "restricted",   "yes",     "yes",       "yes"],
    ["manager",              "own",   "not member", "shared",       "yes",     "yes",       "no"],
    ["manager",              "own",   "not member", "restricted",   "yes",     "yes",       "no"],
    ["manager",              "other", "member",     "shared",       "yes",     "yes",       "yes"],
    ["manager",              "other", "member",     "restricted",   "yes",     "no",        "no"],
    ["manager",              "other", "not member", "shared",       "yes",     "yes",       "no"],
    ["manager",              "other", "not member", "restricted",   "yes",     "no",        "no"],

    ["screener",             "own",   "member",     "shared",       "yes",     "yes",       "yes"],
    ["screener",             "own",   "member",     "restricted",   "yes",     "yes",       "yes"],
    ["screener",             "own",   "not member", "shared",       "no",      "no",        "no"],
    ["screener",             "own",   "not member", "restricted",   "no",      "no",        "no"],
    ["screener",             "other", "member",     "shared",       "yes",     "yes",       "yes"],
    ["screener",             "other", "member",     "restricted",   "yes",     "no",        "no"],
    ["screener",             "other", "not member", "shared",       "no",      "no",        "no"],
    ["screener",             "other", "not member", "restricted",   "no",      "no",        "no"],

    ["chair",                "own",   "member",     "shared",       "yes",     "yes",       "yes"],
    ["chair",                "own",   "member",     "restricted",   "yes",     "yes",       "yes"],
    ["chair",                "own",   "not member", "shared",       "no",      "no",        "no"],
    ["chair",                "own",   "not member", "restricted",   "no",      "no",        "no"],
    ["chair",                "other", "member",     "shared",       "yes",     "yes",       "yes"],
    ["chair",                "other", "member",     "restricted",   "yes",     "yes",       "no"], // DOMAIN.md: shared with the chair
    ["chair",                "other", "not member", "shared",       "no",      "no",        "no"],
    ["chair",                "other", "not member", "restricted",   "no",      "no",        "no"],

    ["partnership_manager",  "own",   "member",     "shared",       "yes",     "yes",       "no"],
    ["partnership_manager",  "own",   "member",     "restricted",   "yes",     "yes",       "no"],
    ["partnership_manager",  "own",   "not member", "shared",       "yes",     "yes",       "no"],
    ["partnership_manager",  "own",   "not member", "restricted",   "yes",     "yes",       "no"],
    ["partnership_manager",  "other", "member",     "shared",       "yes",     "yes",       "no"],
    ["partnership_manager",  "other", "member",     "restricted",   "yes",     "no",        "no"],
    ["partnership_manager",  "other", "not member", "shared",       "yes",     "yes",       "no"],
    ["partnership_manager",  "other", "not member", "restricted",   "yes",     "no",        "no"],

    ["administrator",        "own",   "member",     "shared",       "yes",     "yes",       "no"],
    ["administrator",        "own",   "member",     "restricted",   "yes",     "yes",       "no"],
    ["administrator",        "own",   "not member", "shared",       "no",      "no",        "no"],
    ["administrator",        "own",   "not member", "restricted",   "no",      "no",        "no"],
    ["administrator",        "other", "member",     "shared",       "yes",     "yes",       "no"],
    ["administrator",        "other", "member",     "restricted",   "yes",     "no",        "no"],
    ["administrator",        "other", "not member", "shared",       "no",      "no",        "no"],
    ["administrator",        "other", "not member", "restricted",   "no",      "no",        "no"],
  ] as const;

  test("the table has one row for each of the 48 situations", () => {
    const situations = new Set(matrix.map(([role, agency, membership, visibility]) => `${role}/${agency}/${membership}/${visibility}`));
    expect(situations.size).toBe(48);
    expect(new Set(matrix.map(([role]) => role))).toEqual(new Set(roles));
  });

  test.each(matrix)(
    "%s of the %s agency, %s, %s record: case %s, read %s, write %s",
    (role, agency, membership, visibility, readCase, readRecord, writeRecord) => {
      const actor = person(role, agency === "own" ? police : socialCare);
      const facts = caseFacts({ members: membership === "member" ? [actor] : [], agencies: [police, socialCare] });
      const resource = record(facts, { author: police, visibility });
      const yesNo = (allowed: boolean) => (allowed ? "yes" : "no");
      expect({
        "read:case": yesNo(can(actor, "read:case", theCase(facts))),
        "read:record": yesNo(can(actor, "read:record", resource)),
        "write:record": yesNo(can(actor, "write:record", resource)),
      }).toEqual({ "read:case": readCase, "read:record": readRecord, "write:record": writeRecord });
    },
  );
});

describe("oversight depends on the manager's agency being on the case", () => {
  test("a health team manager cannot see a case health is not on", () => {
    const manager = person("manager", health);
    const facts = caseFacts({ agencies: [police, socialCare] });
    expect(can(manager, "read:case", theCase(facts))).toBe(false);
    expect(can(manager, "read:record", record(facts))).toBe(false);
  });

  test("the same manager sees it once health joins the case, read-only", () => {
    const manager = person("manager", health);
    const facts = caseFacts({ agencies: [police, socialCare, health] });
    expect(can(manager, "read:case", theCase(facts))).toBe(true);
    expect(can(manager, "read:record", record(facts))).toBe(true);
    expect(can(manager, "write:record", record(facts))).toBe(false);
  });
});

describe("edit:case (the case's own details: status, people, lead worker)", () => {
  test("a social care member of an open case may edit it", () => {
    const socialWorker = person("practitioner", socialCare);
    const facts = caseFacts({ members: [socialWorker] });
    expect(can(socialWorker, "edit:case", theCase(facts))).toBe(true);
  });

  test("a social care team manager may edit an open case social care is on, without being a member", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "edit:case", theCase(caseFacts({ agencies: [police, socialCare] })))).toBe(true);
  });

  test("a social care team manager may not edit a case social care is not on", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "edit:case", theCase(caseFacts({ agencies: [police, health] })))).toBe(false);
  });

  test("a police member of the case may not edit it: social care leads the case", () => {
    const officer = person("practitioner", police);
    const policeManager = person("manager", police);
    const facts = caseFacts({ members: [officer, policeManager] });
    expect(can(officer, "edit:case", theCase(facts))).toBe(false);
    expect(can(policeManager, "edit:case", theCase(facts))).toBe(false);
  });

  test("a health or school member of the case may not edit it", () => {
    const healthVisitor = person("practitioner", health);
    const dsl = person("practitioner", school);
    const facts = caseFacts({ members: [healthVisitor, dsl] });
    expect(can(healthVisitor, "edit:case", theCase(facts))).toBe(false);
    expect(can(dsl, "edit:case", theCase(facts))).toBe(false);
  });

  test("nobody edits a closed case, not even its social worker or their manager", () => {
    const socialWorker = person("practitioner", socialCare);
    const manager = person("manager", socialCare);
    const facts = caseFacts({ members: [socialWorker, manager], status: "closed" });
    for (const actor of [socialWorker, manager]) expect(can(actor, "edit:case", theCase(facts))).toBe(false);
  });

  test("social care administrators and partnership managers do not edit cases, even as members", () => {
    const admin = person("administrator", socialCare);
    const partnershipManager = person("partnership_manager", partnership);
    const facts = caseFacts({ members: [admin, partnershipManager] });
    expect(can(admin, "edit:case", theCase(facts))).toBe(false);
    expect(can(partnershipManager, "edit:case", theCase(facts))).toBe(false);
  });

  test("a case is edited as a case, not through one of its records", () => {
    const socialWorker = person("practitioner", socialCare);
    const facts = caseFacts({ members: [socialWorker] });
    expect(can(socialWorker, "edit:case", record(facts, { author: socialCare }))).toBe(false);
  });
});

describe("a closed case is read-only", () => {
  test("its members still read it, but nobody writes its records", () => {
    const officer = person("practitioner", police);
    const facts = caseFacts({ members: [officer], status: "closed" });
    expect(can(officer, "read:case", theCase(facts))).toBe(true);
    expect(can(officer, "read:record", record(facts, { author: police }))).toBe(true);
    expect(can(officer, "write:record", record(facts, { author: police }))).toBe(false);
  });
});

describe("manage:people", () => {
  test("an agency administrator manages the people of their own agency", () => {
    const admin = person("administrator", police);
    expect(can(admin, "manage:people", { type: "agency", agencyId: police.id })).toBe(true);
  });

  test("an administrator cannot manage another agency's people", () => {
    const admin = person("administrator", police);
    expect(can(admin, "manage:people", { type: "agency", agencyId: socialCare.id })).toBe(false);
    expect(can(admin, "manage:people", { type: "agency", agencyId: health.id })).toBe(false);
  });

  test.each(["practitioner", "manager", "screener", "chair", "partnership_manager"] as const)(
    "a %s cannot manage people, not even in their own agency",
    (role) => {
      const actor = person(role, socialCare);
      expect(can(actor, "manage:people", { type: "agency", agencyId: socialCare.id })).toBe(false);
    },
  );

  test("a partnership manager cannot manage the people of any agency", () => {
    const partnershipManager = person("partnership_manager", partnership);
    for (const agency of [partnership, police, socialCare, health])
      expect(can(partnershipManager, "manage:people", { type: "agency", agencyId: agency.id })).toBe(false);
  });
});

describe("read:for-family (what goes in the family's copy)", () => {
  const socialWorker = person("practitioner", socialCare);
  const officer = person("practitioner", police);
  const facts = caseFacts({ members: [socialWorker, officer] });

  test("a shared record not marked 'not for family' goes to the family", () => {
    expect(can(socialWorker, "read:for-family", record(facts, { author: socialCare }))).toBe(true);
  });

  test("a shared record marked 'not for family' is left out", () => {
    expect(can(socialWorker, "read:for-family", record(facts, { author: socialCare, notForFamily: true }))).toBe(false);
  });

  test("a restricted record is left out, even for the author agency and even if not marked 'not for family'", () => {
    const intelligence = record(facts, { author: police, visibility: "restricted", notForFamily: false });
    expect(can(officer, "read:record", intelligence)).toBe(true);
    expect(can(officer, "read:for-family", intelligence)).toBe(false);
  });

  test("a restricted record shared with a named agency is still left out of the family's copy", () => {
    const intelligence = record(facts, { author: police, visibility: "restricted", sharedWith: [socialCare] });
    expect(can(socialWorker, "read:record", intelligence)).toBe(true);
    expect(can(socialWorker, "read:for-family", intelligence)).toBe(false);
  });

  test("someone who cannot read the case cannot produce a family copy of it", () => {
    const stranger = person("practitioner", health);
    expect(can(stranger, "read:for-family", record(facts, { author: socialCare }))).toBe(false);
  });
});

describe("a signed-off record is read-only for everyone", () => {
  const kinds = [police, socialCare] as const;
  for (const role of roles) {
    for (const agency of kinds) {
      test(`a ${role} of ${agency.kind}, a member of the case, reads but never writes it`, () => {
        const actor = person(role, agency);
        const facts = caseFacts({ members: [actor] });
        for (const visibility of ["shared", "restricted"] as const) {
          const signedOff = record(facts, { author: police, visibility, state: "signed-off" });
          expect(can(actor, "write:record", signedOff)).toBe(false);
        }
        expect(can(actor, "read:record", record(facts, { author: police, state: "signed-off" }))).toBe(true);
      });
    }
  }

  test("the author who wrote it cannot change it after sign-off (changes are addenda)", () => {
    const author = person("practitioner", police);
    const facts = caseFacts({ members: [author] });
    expect(can(author, "write:record", record(facts, { author: police, visibility: "restricted" }))).toBe(true);
    expect(can(author, "write:record", record(facts, { author: police, visibility: "restricted", state: "signed-off" }))).toBe(false);
    expect(can(author, "read:record", record(facts, { author: police, visibility: "restricted", state: "signed-off" }))).toBe(true);
  });
});

describe("naming an agency on a restricted record (sharedWithAgencyIds)", () => {
  const officer = person("practitioner", police);
  const healthVisitor = person("practitioner", health);
  const socialWorker = person("practitioner", socialCare);
  const facts = caseFacts({ members: [officer, healthVisitor, socialWorker], agencies: [police, health, socialCare] });
  const intelligence = record(facts, { author: police, visibility: "restricted", sharedWith: [health] });

  test("the named agency's member may read it but not write it", () => {
    expect(can(healthVisitor, "read:record", intelligence)).toBe(true);
    expect(can(healthVisitor, "write:record", intelligence)).toBe(false);
  });

  test("an agency it does not name still cannot read it", () => {
    expect(can(socialWorker, "read:record", intelligence)).toBe(false);
    expect(can(socialWorker, "write:record", intelligence)).toBe(false);
  });

  test("the author agency still reads and writes it", () => {
    expect(can(officer, "read:record", intelligence)).toBe(true);
    expect(can(officer, "write:record", intelligence)).toBe(true);
  });

  test("being named does not give a non-member of the named agency access (need to know)", () => {
    const otherHealthVisitor = person("practitioner", health);
    expect(can(otherHealthVisitor, "read:record", intelligence)).toBe(false);
  });

  test("the named agency's team manager reads it as oversight, read-only", () => {
    const healthManager = person("manager", health);
    expect(can(healthManager, "read:record", intelligence)).toBe(true);
    expect(can(healthManager, "write:record", intelligence)).toBe(false);
  });
});

describe("read:audit (who viewed and changed what)", () => {
  test("a partnership manager reads the partnership's audit trail and every case's", () => {
    const partnershipManager = person("partnership_manager", partnership);
    expect(can(partnershipManager, "read:audit", { type: "partnership" })).toBe(true);
    expect(can(partnershipManager, "read:audit", theCase(caseFacts()))).toBe(true);
  });

  test("a team manager reads the audit of cases their agency is on, not of others", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "read:audit", theCase(caseFacts({ agencies: [police, socialCare] })))).toBe(true);
    expect(can(manager, "read:audit", record(caseFacts({ agencies: [police, socialCare] })))).toBe(true);
    expect(can(manager, "read:audit", theCase(caseFacts({ agencies: [police, health] })))).toBe(false);
  });

  test("a team manager does not read the whole partnership's audit trail", () => {
    expect(can(person("manager", socialCare), "read:audit", { type: "partnership" })).toBe(false);
  });

  test.each(["practitioner", "screener", "chair", "administrator"] as const)(
    "a %s, even a member of the case, does not read its audit trail",
    (role) => {
      const actor = person(role, socialCare);
      const facts = caseFacts({ members: [actor] });
      expect(can(actor, "read:audit", theCase(facts))).toBe(false);
      expect(can(actor, "read:audit", { type: "partnership" })).toBe(false);
    },
  );

  test("there is no audit trail of an agency as such", () => {
    const partnershipManager = person("partnership_manager", partnership);
    expect(can(partnershipManager, "read:audit", { type: "agency", agencyId: police.id })).toBe(false);
  });
});

describe("anything not allowed is refused", () => {
  test("reading a case through a record resource, or a record through a case resource, is refused", () => {
    const officer = person("practitioner", police);
    const facts = caseFacts({ members: [officer] });
    expect(can(officer, "read:case", record(facts))).toBe(false);
    expect(can(officer, "read:record", theCase(facts))).toBe(false);
    expect(can(officer, "write:record", theCase(facts))).toBe(false);
  });
});

describe("manage:case-team (adding and removing professionals and agencies)", () => {
  test("the case's social care lead may; a social care member who does not lead it may not", () => {
    const lead = person("practitioner", socialCare);
    const colleague = person("practitioner", socialCare);
    const facts = caseFacts({ leads: [lead], members: [colleague] });
    expect(can(lead, "manage:case-team", theCase(facts))).toBe(true);
    expect(can(colleague, "manage:case-team", theCase(facts))).toBe(false);
  });

  test("a social care team manager of an agency on the case may, without being a member", () => {
    const manager = person("manager", socialCare);
    expect(can(manager, "manage:case-team", theCase(caseFacts()))).toBe(true);
    expect(can(manager, "manage:case-team", theCase(caseFacts({ agencies: [police] })))).toBe(false);
  });

  test("no other agency's people, no administrator or partnership manager, and nobody on a closed case", () => {
    const officer = person("practitioner", police);
    const policeManager = person("manager", police);
    const admin = person("administrator", socialCare);
    const partnershipManager = person("partnership_manager", partnership);
    const lead = person("practitioner", socialCare);
    const facts = caseFacts({ leads: [lead], members: [officer, policeManager, admin, partnershipManager] });
    for (const actor of [officer, policeManager, admin, partnershipManager])
      expect(can(actor, "manage:case-team", theCase(facts))).toBe(false);
    expect(can(lead, "manage:case-team", theCase(caseFacts({ leads: [lead], status: "closed" })))).toBe(false);
  });

  test("a lead who has been removed from the case no longer may", () => {
    const lead = person("practitioner", socialCare);
    const facts = { ...caseFacts(), leadUserIds: [lead.id] };
    expect(can(lead, "manage:case-team", theCase(facts))).toBe(false);
  });
});

describe("record:scaling (an agency's 0–10 judgement on a map)", () => {
  const map = (facts: CaseFacts) => record(facts, { author: socialCare });

  test("a member of an agency on the case may, for a shared map they may write", () => {
    const officer = person("practitioner", police);
    expect(can(officer, "record:scaling", map(caseFacts({ members: [officer] })))).toBe(true);
  });

  test("a member whose agency is not on the case may not", () => {
    const dsl = person("practitioner", school);
    expect(can(dsl, "record:scaling", map(caseFacts({ members: [dsl], agencies: [police, socialCare] })))).toBe(false);
  });

  test("oversight, the partnership, and a closed case or signed-off map may not", () => {
    const policeManager = person("manager", police);
    const partnershipManager = person("partnership_manager", partnership);
    const officer = person("practitioner", police);
    const facts = caseFacts({ members: [partnershipManager], agencies: [police, socialCare, partnership] });
    expect(can(policeManager, "record:scaling", map(facts))).toBe(false);
    expect(can(partnershipManager, "record:scaling", map(facts))).toBe(false);
    expect(can(officer, "record:scaling", map(caseFacts({ members: [officer], status: "closed" })))).toBe(false);
    expect(can(officer, "record:scaling", record(caseFacts({ members: [officer] }), { state: "signed-off" }))).toBe(false);
  });
});

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
