// What people do on a core group's page, one intent each: attendance, progress against an action, whether an agency's
// part goes to the family, a new action for the plan, sign-off, addenda and the distribution. Every one asks the
// policy the question its control was offered by (server/core-groups/core-group-controls.ts), is validated, audited,
// and announced to the case's room, so every open page of the case (this one, the plan) fetches its data again.
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { attendanceMarks } from "../../../common/forms/attendance";
import { distributionMessages, distributionSchema, familyMarkSchema, progressSchema } from "../../../common/forms/core-groups";
import { todayInEngland } from "../../../common/forms/dates";
import { formValues, parseForm, type FieldErrors } from "../../../common/forms/form-errors";
import { addendumSchema } from "../../../common/forms/meetings";
import { recordProgress } from "../../../server/core-groups/action-progress";
import { listRecipients, recordDistribution } from "../../../server/core-groups/after-sign-off";
import { addAddendum } from "../../../server/meetings/addenda";
import { coreGroupQuestions } from "../../../server/core-groups/core-group-controls";
import { isCoreGroupSignedOffRefusal, recordCoreGroupAttendance } from "../../../server/core-groups/core-groups";
import { markForFamily } from "../../../server/core-groups/family-marks";
import { signOffCoreGroup } from "../../../server/core-groups/sign-off-core-group";
import type { PolicyQuestion } from "../../../server/meetings/meeting-controls";
import { addPlanAction, newPlanActionSchema } from "../../../server/plans/add-plan-action";
import { isPlanEndedRefusal, planRefusals } from "../../../server/plans/plans";
import { readPlan } from "../../../server/plans/read-plan";
import { requireRecentConfirmation, type SignedIn } from "../../utils/auth.server";
import type { CoreGroupOnCase } from "../../utils/core-group.server";
import { audit, authorize } from "../../utils/permissions.server";
import { announceCaseWork } from "../../../server/cases/case-notices";

export async function coreGroupAction(request: Request, context: AppLoadContext, signedIn: SignedIn, on: CoreGroupOnCase) {
  const { facts, coreGroup, target } = on;
  const { sql } = context.services;
  const at = context.services.clock();
  const by = signedIn.user.id;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const here = `/cases/${facts.caseId}/core-groups/${coreGroup.id}`;
  const refused = (errors: FieldErrors) => data({ intent, errors, values: formValues(form) }, { status: 400 });
  const done = async (action: string, anchor: string, details: Record<string, unknown> = {}) => {
    await audit(context, signedIn, { action, outcome: "success", caseId: facts.caseId, target, details });
    announceCaseWork(context.services.events, facts, "plan");
    return redirect(`${here}?done=${encodeURIComponent(action)}#${anchor}`);
  };
  const ask = ([action, resource]: PolicyQuestion) => authorize(context, signedIn, action, resource, { target, caseId: facts.caseId });

  try {
    return await runIntent();
  } catch (error) {
    // Signed off (or the plan ended) while this was on its way: the database refused it, and the person is told so.
    const signedOff = isCoreGroupSignedOffRefusal(error);
    if (!signedOff && !isPlanEndedRefusal(error)) throw error;
    await audit(context, signedIn, { action: `${intent}:core-group`, outcome: "denied", caseId: facts.caseId, target, details: { reason: signedOff ? "signed off" : "plan ended" } });
    const message = signedOff ? "These notes have just been signed off, so nothing was changed. Add an addendum instead" : planRefusals.ended;
    return data({ intent, errors: { form: message } as FieldErrors, values: formValues(form) }, { status: 409 });
  }

  async function runIntent() {
    switch (intent) {
      case "attendance": {
        const marks = attendanceMarks(form, coreGroup.members.map((member) => member.userId));
        // The lead records anyone's attendance, a member only their own: one mark that is not theirs refuses all. With
        // no mark, someone who may record none is refused all the same.
        const asked = marks.size ? [...marks.keys()] : [coreGroup.members.some((member) => member.userId === by) ? by : on.group.leadUserId];
        for (const userId of asked) await ask(coreGroupQuestions.attendance(on, userId));
        if (!marks.size) return refused({ form: "Select whether each person was present, sent apologies or did not attend" });
        await recordCoreGroupAttendance(sql, { coreGroupId: coreGroup.id, marks, by, at });
        return done("record:core-group-attendance", "attendance", { attendance: Object.fromEntries(marks) });
      }
      case "progress": {
        const parsed = parseForm(progressSchema, form);
        const actionId = Number(form.get("actionId"));
        const plan = await readPlan(sql, facts.caseId);
        const action = plan?.id === coreGroup.planId ? plan.outcomes.flatMap((outcome) => outcome.actions).find((candidate) => candidate.id === actionId) : undefined;
        if (!action) return refused({ form: "That action is not part of this plan. Reload the page and try again" });
        // The action's owner agency, or the lead social worker, says how it stands.
        await ask(coreGroupQuestions.progress(on, action.ownerAgencyId));
        if (!parsed.success) return refused(Object.fromEntries(Object.entries(parsed.errors).map(([field, message]) => [`${field}-${action.id}`, message])));
        await recordProgress(sql, { coreGroupId: coreGroup.id, planId: coreGroup.planId, ...parsed.data, by, agencyId: signedIn.user.agencyId, at });
        return done("record:progress", `progress-${action.id}`, { actionId: action.id, status: parsed.data.status });
      }
      case "for-family": {
        const parsed = parseForm(familyMarkSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        if (!coreGroup.agencies.some((agency) => agency.id === parsed.data.agencyId)) return refused({ agencyId: "Select an agency of this core group" });
        await ask(coreGroupQuestions.forFamily(on, parsed.data.agencyId));
        await markForFamily(sql, { coreGroupId: coreGroup.id, agencyId: parsed.data.agencyId, forFamily: parsed.data.forFamily === "yes", by, at });
        return done("mark:for-family", `notes-${parsed.data.agencyId}`, parsed.data);
      }
      case "add-action": {
        // A new action for the plan, in the plan's own SMART form and through the plan's own change.
        await ask(coreGroupQuestions.changePlan(on));
        const parsed = parseForm(await newPlanActionSchema(sql, { caseId: facts.caseId, planId: coreGroup.planId, today: todayInEngland(at) }), form);
        if (!parsed.success) return refused(parsed.errors);
        const result = await addPlanAction(sql, { ...parsed.data, outcomeId: parsed.data.outcomeId!, caseId: facts.caseId, planId: coreGroup.planId, by, at });
        if (!result.ok) return refused({ [result.field]: result.message });
        return done("add:plan-action", `progress-${result.actionId}`, { actionId: result.actionId, ownerUserId: parsed.data.ownerUserId, dueOn: parsed.data.dueOn });
      }
      case "sign-off": {
        await ask(coreGroupQuestions.lead(on));
        requireRecentConfirmation(request, context, signedIn);
        const signed = await signOffCoreGroup(context.services, { coreGroup, today: todayInEngland(at), by });
        if (!signed.ok) return refused({ signOff: signed.problem });
        return done("sign-off:core-group", "record");
      }
      case "addendum": {
        await ask(coreGroupQuestions.addendum(on));
        if (!coreGroup.signedOffAt) return refused({ addendum: "Addenda are added after sign-off. Until then, change the notes themselves" });
        const parsed = parseForm(addendumSchema, form);
        if (!parsed.success) return refused(parsed.errors);
        await addAddendum(sql, { coreGroupId: coreGroup.id }, { addendum: parsed.data.addendum, by, at });
        return done("add:core-group-addendum", "addenda");
      }
      case "distribution": {
        await ask(coreGroupQuestions.distribution(on));
        if (!coreGroup.signedOffAt) return refused({ recipient: "The notes are sent once they are signed off" });
        const parsed = parseForm(distributionSchema(todayInEngland(at)), form);
        if (!parsed.success) return refused(parsed.errors);
        const { recipientKind, recipientId, version, sentOn } = parsed.data;
        const recipients = await listRecipients(sql, coreGroup.id, facts.caseId);
        const recipient = recipients[recipientKind === "family" ? "family" : "professionals"].find((candidate) => candidate.id === recipientId);
        if (!recipient) return refused({ recipient: distributionMessages.noSuchRecipient });
        if (recipientKind === "family" && version === "full") return refused({ version: distributionMessages.familyGetFull });
        await recordDistribution(sql, { coreGroupId: coreGroup.id, recipientName: recipient.name.slice(0, 200), recipientKind, version, sentOn, by, at });
        return done("record:core-group-distribution", "distribution", { recipientKind, version, sentOn });
      }
      default:
        return refused({ form: "Something went wrong with that form. Reload the page and try again" });
    }
  }
}
