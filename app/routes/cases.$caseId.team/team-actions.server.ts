// The team page's action: add or remove a professional or an agency. Access follows at once: whoever lost it loses it
// on every open socket before the change is reported done.
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import {
  addCaseAgency,
  addCaseMember,
  caseTeamMessages,
  removeCaseAgency,
  removeCaseMember,
} from "../../../server/cases/case-team";
import {
  addCaseAgencySchema,
  addCaseMemberSchema,
  caseTeamIntentSchema,
  removeCaseAgencySchema,
  removeCaseMemberSchema,
  type CaseTeamIntent,
} from "../../../common/forms/case-team";
import { formValues, parseForm, type FieldErrors } from "../../../common/forms/form-errors";
import type { SignedIn } from "../../utils/auth.server";
import { audit } from "../../utils/permissions.server";

/** Called once the person is known to be allowed to manage the case's team. */
export async function changeCaseTeam(context: AppLoadContext, signedIn: SignedIn, caseId: number, form: FormData) {
  const intent = caseTeamIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return refused(null, { form: intent.error.issues[0].message }, formValues(form));
  const teamPage = `/cases/${caseId}/team`;
  const at = context.services.clock();
  const by = signedIn.user.id;
  const { sql } = context.services;
  const recorded = (action: string, target: string, details?: Record<string, unknown>) =>
    audit(context, signedIn, { action, outcome: "success", caseId, target, details });
  // Every open page of the case fetches its data again; those who lost access are told by the access re-check.
  // People added or removed see "Your work" change as it happens, through their own rooms.
  const changed = async (location: string, people: number[] = []) => {
    // Whoever lost access loses it on every open socket before the change is reported done.
    await context.services.events.endAccess({ kind: "records-changed", caseId });
    context.services.events.publish({ room: `case:${caseId}`, what: "team" });
    for (const userId of people) context.services.events.publish({ room: `user:${userId}`, what: "team" });
    return redirect(location);
  };

  switch (intent.data) {
    case "add-member": {
      const parsed = parseForm(addCaseMemberSchema, form);
      if (!parsed.success) return refused("add-member", parsed.errors, parsed.values);
      const { userId, roleOnCase } = parsed.data;
      // A manager's oversight is read-only; joining the case would make it write access, so it is the lead's call.
      if (userId === signedIn.user.id) return refused("add-member", { userId: caseTeamMessages.yourself }, formValues(form));
      const added = await addCaseMember(sql, { caseId, userId, roleOnCase, addedBy: by, at });
      if (!added.ok) return refused("add-member", { [added.field]: added.message }, formValues(form));
      await recorded("add:case-member", `user:${userId}`, { roleOnCase, agencyId: added.agencyId, agencyAdded: added.agencyAdded });
      if (added.agencyAdded)
        await recorded("add:case-agency", `agency:${added.agencyId}`, { withMember: userId });
      return changed(`${teamPage}?added-member=${userId}`, [userId]);
    }
    case "remove-member": {
      const parsed = parseForm(removeCaseMemberSchema, form);
      if (!parsed.success) return refused("remove-member", asFormProblem(parsed.errors), parsed.values);
      const { userId, confirm } = parsed.data;
      if (confirm !== "yes") return redirect(`${teamPage}?remove-member=${userId}`);
      const removed = await removeCaseMember(sql, { caseId, userId, removedBy: by, at });
      if (!removed.ok) return refused("remove-member", { form: removed.message }, formValues(form));
      await recorded("remove:case-member", `user:${userId}`, { agencyId: removed.agencyId });
      return changed(`${teamPage}?removed-member=${userId}`, [userId]);
    }
    case "add-agency": {
      const parsed = parseForm(addCaseAgencySchema, form);
      if (!parsed.success) return refused("add-agency", parsed.errors, parsed.values);
      const { agencyId } = parsed.data;
      const added = await addCaseAgency(sql, { caseId, agencyId, addedBy: by, at });
      if (!added.ok) return refused("add-agency", { [added.field]: added.message }, formValues(form));
      await recorded("add:case-agency", `agency:${agencyId}`);
      return changed(`${teamPage}?added-agency=${agencyId}`);
    }
    case "remove-agency": {
      const parsed = parseForm(removeCaseAgencySchema, form);
      if (!parsed.success) return refused("remove-agency", asFormProblem(parsed.errors), parsed.values);
      const { agencyId, confirm } = parsed.data;
      if (confirm !== "yes") return redirect(`${teamPage}?remove-agency=${agencyId}`);
      const removed = await removeCaseAgency(sql, { caseId, agencyId, removedBy: by, at });
      if (!removed.ok) return refused("remove-agency", { form: removed.message }, formValues(form));
      await recorded("remove:case-agency", `agency:${agencyId}`, { membersRemoved: removed.removedMembers.map((member) => member.userId) });
      // Each professional who left with the agency is in the trail under their own name, like any other removal.
      for (const member of removed.removedMembers)
        await recorded("remove:case-member", `user:${member.userId}`, { agencyId, withAgency: true });
      return changed(`${teamPage}?removed-agency=${agencyId}`, removed.removedMembers.map((member) => member.userId));
    }
  }
}

function refused(intent: CaseTeamIntent | null, errors: FieldErrors, values: Record<string, string>) {
  return data({ intent, errors, values }, { status: 400 });
}

/** A removal's inputs are hidden fields, so a problem with them belongs to the page, not to a field to correct. */
function asFormProblem(errors: FieldErrors): FieldErrors {
  return { form: Object.values(errors)[0] ?? "Something went wrong. Try again" };
}
