// The case's child protection plan behind a URL, judged by the policy: a 404 when the case has no plan (or the person
// may not see the case), and, for a change, a 403 unless they may change the plan's outcomes and actions. Refusals are
// audited.
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { CaseFacts, PlanResource } from "../../server/access/policy";
import { planResource } from "../../server/access/resources";
import { announceCaseWork } from "../../server/cases/case-notices";
import { findPlan, type PlanFacts } from "../../server/plans/find-plan";
import type { SignedIn } from "./auth.server";
import { audit, authorize, notFound, requireCase } from "./permissions.server";

export type PlanOnCase = { facts: CaseFacts; plan: PlanFacts; resource: PlanResource; target: string };

export async function requirePlan(
  context: AppLoadContext,
  signedIn: SignedIn,
  params: { caseId?: string },
  opts: { change?: boolean } = {},
): Promise<PlanOnCase> {
  const facts = await requireCase(context, signedIn, params.caseId);
  const plan = await findPlan(context.services.sql, facts.caseId);
  const target = `case:${facts.caseId}:plan`;
  if (!plan) {
    await audit(context, signedIn, { action: opts.change ? "change:plan" : "read:case", outcome: "denied", caseId: facts.caseId, target, details: { reason: "no plan" } });
    throw notFound();
  }
  const resource = planResource(facts, plan);
  if (opts.change) await authorize(context, signedIn, "change:plan", resource, { target, caseId: facts.caseId });
  return { facts, plan, resource, target };
}

/** A whole-number id in an address, or null. */
export const idParam = (value: string | undefined) => (value && /^\d{1,15}$/.test(value) ? Number(value) : null);

/**
 * After a change to the plan: the audit row, a content-free notice to the case's room (every open page of the case
 * fetches the plan again), and the way back to the plan, where `done` says what happened and `anchor` shows it.
 */
export async function planChanged(
  context: AppLoadContext,
  signedIn: SignedIn,
  { facts, target }: Pick<PlanOnCase, "facts" | "target">,
  change: { action: string; details: Record<string, unknown>; done: string; anchor: string },
) {
  await audit(context, signedIn, { action: change.action, outcome: "success", caseId: facts.caseId, target, details: change.details });
  announceCaseWork(context.services.events, facts, "plan");
  return redirect(`/cases/${facts.caseId}/plan?done=${encodeURIComponent(change.done)}#${change.anchor}`);
}
