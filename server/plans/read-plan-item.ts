// One outcome or action of the case's current plan, as its change page shows it: the item as it stands, the child and
// case it belongs to, and who may own an action.
import type { Sql } from "../../db/client";
import { getFrontSheet } from "../cases/get-front-sheet";
import { listPlanOwners, ownerOption } from "./plans";
import { readPlan } from "./read-plan";

/** "14 12 2026": a date as the due-date box takes it. */
const typedDate = (iso: string) => iso.split("-").reverse().map(Number).join(" ");

export async function readPlanItem(sql: Sql, caseId: number, item: { outcomeId: number } | { actionId: number }) {
  const [sheet, plan, owners] = await Promise.all([getFrontSheet(sql, caseId), readPlan(sql, caseId), listPlanOwners(sql, caseId)]);
  if (!plan) return null;
  const childName = sheet?.child?.fullName ?? "the child";
  const page = { caseId, planId: plan.id, childName, firstName: childName.split(" ")[0], reference: sheet?.reference ?? "" };
  if ("outcomeId" in item) {
    const outcome = plan.outcomes.find((candidate) => candidate.id === item.outcomeId);
    return outcome ? { ...page, outcome: { id: outcome.id, number: outcome.number, wording: outcome.wording }, action: null, owners: [] } : null;
  }
  const outcome = plan.outcomes.find((candidate) => candidate.actions.some((action) => action.id === item.actionId));
  const action = outcome?.actions.find((candidate) => candidate.id === item.actionId);
  if (!outcome || !action) return null;
  return {
    ...page,
    outcome: { id: outcome.id, number: outcome.number, wording: outcome.wording },
    action: {
      id: action.id,
      number: action.number,
      dueOn: action.dueOn,
      values: { what: action.what, why: action.why, ownerUserId: String(action.ownerUserId), due: typedDate(action.dueOn), measure: action.measure },
    },
    owners: owners.map(ownerOption),
  };
}
