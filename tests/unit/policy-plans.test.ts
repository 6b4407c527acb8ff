// The access policy for child protection plans: everyone on the case reads the plan; its lead social worker and the
// social care team managers change its outcomes and actions; the professionals on the case co-edit its contingency
// plan; a closed case or an ended plan is read-only for everyone. Typed by hand from the intent, as in policy.test.ts
// (docs/decisions/024-child-protection-plans.md).
import { describe, expect, test } from "vitest";
import { can, type Actor, type CaseFacts, type Role } from "../../server/access/policy";
import { planRecord, planResource } from "../../server/access/resources";
import { police, socialCare, health, school, person, caseFacts, theCase, type Agency } from "../support/policy-scene";

describe("the plan matrix: who reads the plan, changes its outcomes and actions, and writes its contingency plan", () => {
  // The scene for every row: Lily's case is OPEN with social care, police, health and the school on it; the plan is
  // ACTIVE. "lead" is the plan's lead social worker. "member" means working on the case.
  //
  //  who                       role                   agency       member   read  change  contingency
  const matrix: [string, Role, Agency, boolean, "yes" | "no", "yes" | "no", "yes" | "no"][] = [
    ["the lead social worker",  "practitioner",        socialCare,  true,    "yes", "yes",   "yes"],
    ["another social worker",   "practitioner",        socialCare,  true,    "yes", "no",    "yes"],
    ["a social care manager",   "manager",             socialCare,  false,   "yes", "yes",   "no"],
    ["a social care manager",   "manager",             socialCare,  true,    "yes", "yes",   "yes"],
    ["the chair",               "chair",               socialCare,  true,    "yes", "no",    "yes"],
    ["a police officer",        "practitioner",        police,      true,    "yes", "no",    "yes"],
    ["a police manager",        "manager",             police,      false,   "yes", "no",    "no"],
    ["a health visitor",        "practitioner",        health,      true,    "yes", "no",    "yes"],
    ["the school's DSL",        "practitioner",        school,      true,    "yes", "no",    "yes"],
    ["a school not on the case","practitioner",        school,      false,   "no",  "no",    "no"],
    ["a partnership manager",   "partnership_manager", socialCare,  false,   "no",  "no",    "no"], // until they give a reason: policy-oversight-access.test.ts
    ["an administrator",        "administrator",       socialCare,  false,   "no",  "no",    "no"],
  ];

  test.each(matrix)("%s (%s of %s, member: %s): read %s, change %s, write the contingency plan %s", (who, role, agency, member, read, change, contingency) => {
    const actor = person(role, agency);
    const lead = who === "the lead social worker" ? actor : person("practitioner", socialCare);
    const facts = caseFacts({ members: member && actor !== lead ? [actor] : [], leads: [lead], agencies: [socialCare, police, health, school] });
    const plan = { leadUserId: lead.id, endedOn: null };
    const yesNo = (allowed: boolean) => (allowed ? "yes" : "no");
    expect({
      read: yesNo(can(actor, "read:case", theCase(facts)) && can(actor, "read:record", planRecord(facts, plan))),
      change: yesNo(can(actor, "change:plan", planResource(facts, plan))),
      contingency: yesNo(can(actor, "write:record", planRecord(facts, plan))),
    }).toEqual({ read, change, contingency });
  });
});

describe("the lead is the plan's, not the case's", () => {
  test("a social worker who leads the case but not the plan does not change it; the plan's lead does, while on the case", () => {
    const caseLead = person("practitioner", socialCare);
    const planLead = person("practitioner", socialCare);
    const facts = caseFacts({ members: [planLead], leads: [caseLead] });
    expect(can(caseLead, "change:plan", planResource(facts, { leadUserId: planLead.id, endedOn: null }))).toBe(false);
    expect(can(planLead, "change:plan", planResource(facts, { leadUserId: planLead.id, endedOn: null }))).toBe(true);
    const removed: CaseFacts = { ...facts, memberUserIds: facts.memberUserIds.filter((id) => id !== planLead.id) };
    expect(can(planLead, "change:plan", planResource(removed, { leadUserId: planLead.id, endedOn: null }))).toBe(false);
  });

  test("a police officer named as the plan's lead by mistake still does not change it: the plan is social care's", () => {
    const officer = person("practitioner", police);
    const facts = caseFacts({ members: [officer] });
    expect(can(officer, "change:plan", planResource(facts, { leadUserId: officer.id, endedOn: null }))).toBe(false);
  });

  test("a social care manager of an agency not on the case does not change it", () => {
    const manager = person("manager", socialCare);
    const facts = caseFacts({ agencies: [police, health] });
    expect(can(manager, "change:plan", planResource(facts, { leadUserId: 1, endedOn: null }))).toBe(false);
  });
});

describe("an ended plan and a closed case are read-only for everyone", () => {
  const lead: Actor = person("practitioner", socialCare);
  const officer = person("practitioner", police);
  const manager = person("manager", socialCare);
  const open = caseFacts({ members: [officer], leads: [lead] });

  test("an ended plan: read, but no change and no contingency writing", () => {
    const ended = { leadUserId: lead.id, endedOn: "2027-03-01" };
    for (const actor of [lead, officer, manager]) {
      expect(can(actor, "read:record", planRecord(open, ended))).toBe(true);
      expect(can(actor, "change:plan", planResource(open, ended))).toBe(false);
      expect(can(actor, "write:record", planRecord(open, ended))).toBe(false);
    }
  });

  test("a closed case: read, but no change and no contingency writing", () => {
    const closed: CaseFacts = { ...open, status: "closed" };
    const active = { leadUserId: lead.id, endedOn: null };
    for (const actor of [lead, officer, manager]) {
      expect(can(actor, "read:record", planRecord(closed, active))).toBe(true);
      expect(can(actor, "change:plan", planResource(closed, active))).toBe(false);
      expect(can(actor, "write:record", planRecord(closed, active))).toBe(false);
    }
  });

  test("a plan is never read through change:plan, nor changed through a case or record resource", () => {
    const active = { leadUserId: lead.id, endedOn: null };
    expect(can(lead, "change:plan", theCase(open))).toBe(false);
    expect(can(lead, "change:plan", planRecord(open, active))).toBe(false);
    expect(can(lead, "read:record", planResource(open, active))).toBe(false);
  });

  test("managers of an agency on the case read the plan's audit; others do not", () => {
    const active = planResource(open, { leadUserId: lead.id, endedOn: null });
    expect(can(manager, "read:audit", active)).toBe(true);
    expect(can(officer, "read:audit", active)).toBe(false);
  });
});
