// What the lead social worker (or a social care team manager) does on the plan page, one intent each: add an outcome,
// add an action, change how often the child is visited and seen alone. Each is judged by the policy, validated,
// audited and announced to the case's room, so every open page of the case fetches the plan again.
import { data, type AppLoadContext } from "@remix-run/node";
import { todayInEngland } from "../../../common/forms/dates";
import { formValues, parseForm, type FieldErrors } from "../../../common/forms/form-errors";
import { outcomeSchema, planVisitsSchema } from "../../../common/forms/plan";
import { addPlanAction, newPlanActionSchema } from "../../../server/plans/add-plan-action";
import { addPlanOutcome } from "../../../server/plans/add-plan-outcome";
import { isPlanEndedRefusal, planRefusals, type PlanRefusal } from "../../../server/plans/plans";
import { updatePlanVisits } from "../../../server/plans/update-plan-visits";
import type { SignedIn } from "../../utils/auth.server";
import { planChanged, type PlanOnCase } from "../../utils/plan.server";
import { audit } from "../../utils/permissions.server";

export async function planAction(request: Request, context: AppLoadContext, signedIn: SignedIn, on: PlanOnCase) {
  const { facts, plan, target } = on;
  const { sql } = context.services;
  const at = context.services.clock();
  const by = signedIn.user.id;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const refused = (errors: FieldErrors) => data({ intent, errors, values: formValues(form) }, { status: 400 });
  const refusal = (result: PlanRefusal) => refused({ [result.field]: result.message });
  const done = (action: string, anchor: string, details: Record<string, unknown>) => planChanged(context, signedIn, on, { action, details, done: action, anchor });
  const common = { caseId: facts.caseId, planId: plan.id, by, at };

  try {
    switch (intent) {
      case "add-outcome": {
        const parsed = parseForm(outcomeSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        const result = await addPlanOutcome(sql, { ...common, ...parsed.data });
        if (!result.ok) return refusal(result);
        return done("add:plan-outcome", `outcome-${result.outcomeId}`, { outcomeId: result.outcomeId });
      }
      case "add-action": {
        const parsed = parseForm(await newPlanActionSchema(sql, { caseId: facts.caseId, planId: plan.id, today: todayInEngland(at) }), form);
        if (!parsed.success) return refused(parsed.errors);
        const result = await addPlanAction(sql, { ...common, ...parsed.data, outcomeId: parsed.data.outcomeId! });
        if (!result.ok) return refusal(result);
        return done("add:plan-action", `action-${result.actionId}`, { actionId: result.actionId, ownerUserId: parsed.data.ownerUserId, dueOn: parsed.data.dueOn });
      }
      case "change-visits": {
        const parsed = parseForm(planVisitsSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        const result = await updatePlanVisits(sql, { ...common, ...parsed.data });
        if (!result.ok) return refusal(result);
        return done("change:plan-visits", "about-plan", { changed: result.changed });
      }
      default:
        return refused({ form: "The form could not be read. Reload the page and try again" });
    }
  } catch (error) {
    // The plan ended while this was on its way: the database refused it, and the person is told so.
    if (!isPlanEndedRefusal(error)) throw error;
    await audit(context, signedIn, { action: `${intent}:plan`, outcome: "denied", caseId: facts.caseId, target, details: { reason: "plan ended" } });
    return data({ intent, errors: { form: planRefusals.ended } as FieldErrors, values: formValues(form) }, { status: 409 });
  }
}
