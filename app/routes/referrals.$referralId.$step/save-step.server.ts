// Saving one question page of a draft referral: its schema, its domain function, and where the referrer goes next.
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import {
  actionsSchema,
  childSchema,
  concernSchema,
  consentSchema,
  familyKnowsSchema,
  householdMemberSchema,
  referralSteps,
  referrerSchema,
  removeSchema,
  type ReferralStep,
} from "../../../common/forms/referrals";
import { parseForm } from "../../../common/forms/form-errors";
import { todayInEngland } from "../../../common/forms/dates";
import { addHouseholdMember, addReferralChild, removeReferralPerson, saveReferralAnswers } from "../../../server/referrals/change-draft-referral";
import type { Referral } from "../../../server/referrals/read-referral";
import type { SignedIn } from "../../utils/auth.server";
import { audit } from "../../utils/permissions.server";

export const isStep = (step: string | undefined): step is ReferralStep => referralSteps.includes(step as ReferralStep);

/** Where "continue" goes: the next question, or back to check the answers when the referrer came to change one. */
export function nextPath(referral: Pick<Referral, "id">, step: ReferralStep, changing: boolean): string {
  const next = referralSteps[referralSteps.indexOf(step) + 1];
  return changing || !next ? `/referrals/${referral.id}/check-answers` : `/referrals/${referral.id}/${next}`;
}

type Outcome = { errors: Record<string, string>; values: Record<string, string> };

export async function saveStep(
  context: AppLoadContext,
  signedIn: SignedIn,
  referral: Referral,
  step: ReferralStep,
  form: FormData,
  changing: boolean,
) {
  const { sql, clock } = context.services;
  const at = clock();
  const intent = String(form.get("intent") ?? "continue");
  const refused = (failure: Outcome) => data(failure, { status: 400 });
  let saved = true;
  let stay = false;
  if (intent === "remove" && (step === "child" || step === "family")) {
    const parsed = parseForm(removeSchema, form);
    if (!parsed.success) return refused(parsed);
    saved = await removeReferralPerson(sql, referral.id, step === "child" ? "child" : "household", parsed.data.id, at);
    stay = true;
  } else if (step === "child") {
    const parsed = parseForm(childSchema(todayInEngland(at)), withContinue(form));
    if (!parsed.success) return refused(parsed);
    if (parsed.data.child) saved = await addReferralChild(sql, referral.id, parsed.data.child, at);
    else if (!referral.children.length && intent !== "later")
      return refused({ errors: { fullName: "Enter the child's full name" }, values: {} });
    stay = parsed.data.intent === "add";
  } else if (step === "family") {
    const parsed = parseForm(householdMemberSchema, withContinue(form));
    if (!parsed.success) return refused(parsed);
    if (parsed.data.member) saved = await addHouseholdMember(sql, referral.id, parsed.data.member, at);
    stay = parsed.data.intent === "add";
  } else {
    const schema = { concern: concernSchema, actions: actionsSchema, "family-knows": familyKnowsSchema, consent: consentSchema, referrer: referrerSchema }[step];
    const parsed = parseForm(schema, form);
    if (!parsed.success) return refused(parsed);
    saved = await saveReferralAnswers(sql, referral.id, parsed.data, at);
  }
  // Sent in the meantime (another tab): nothing was changed, and it is read from now on.
  if (!saved) return redirect(`/referrals/${referral.id}`);
  await audit(context, signedIn, { action: "edit:referral", outcome: "success", target: `referral:${referral.id}`, details: { step, intent } });
  if (intent === "later") return redirect("/?saved=referral");
  if (stay) return redirect(`/referrals/${referral.id}/${step}${changing ? "?change=1" : ""}`);
  return redirect(nextPath(referral, step, changing));
}

/** "Save and come back later" on a page that lists people moves on like "continue", saving what was typed. */
function withContinue(form: FormData): FormData {
  const copy = new FormData();
  for (const [key, value] of form.entries()) copy.append(key, key === "intent" && value === "later" ? "continue" : value);
  return copy;
}
