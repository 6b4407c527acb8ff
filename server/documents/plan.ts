// A child protection plan's contingency plan, `case:<id>:plan`: what happens if the plan is not working or the child
// is not safe, co-edited live. It exists once the case has a plan, and is read-only once that plan has ended.
import { planRecord } from "../access/resources";
import { findPlan } from "../plans/find-plan";
import { idPattern, type DocumentKind } from "./kind";

export type PlanName = { kind: "plan"; caseId: number; name: string };

const pattern = new RegExp(`^case:${idPattern}:plan$`);

export const planName = (caseId: number) => `case:${caseId}:plan`;

export const plan: DocumentKind<PlanName> = {
  kind: "plan",
  parse(name) {
    const match = pattern.exec(name);
    return match ? { kind: "plan", caseId: Number(match[1]), name } : null;
  },
  async resolve(sql, name, facts) {
    const found = await findPlan(sql, name.caseId);
    return found ? planRecord(facts, found) : null;
  },
};
