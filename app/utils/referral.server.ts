// A referral behind a URL, judged by the policy: a 404 (audited) for one that does not exist or is someone else's,
// and, for a change, a 404 too unless it is the person's own draft. A sent referral's own referrer is sent to read it.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { can } from "../../server/access/policy";
import { readReferral, type Referral } from "../../server/referrals/read-referral";
import type { SignedIn } from "./auth.server";
import { audit, notFound } from "./permissions.server";
import { idParam } from "./plan.server";

export const referralResource = (referral: Referral) => ({
  type: "referral" as const,
  referrerUserId: referral.referrerUserId,
  state: referral.status === "draft" ? ("draft" as const) : referral.decidedAt ? ("decided" as const) : ("submitted" as const),
});

export async function requireReferral(
  context: AppLoadContext,
  signedIn: SignedIn,
  rawId: string | undefined,
  action: "read:referral" | "edit:referral",
): Promise<Referral> {
  const id = idParam(rawId);
  const referral = id === null ? null : await readReferral(context.services.sql, id);
  const target = `referral:${(rawId ?? "").slice(0, 40)}`;
  if (!referral || !can(signedIn.actor, "read:referral", referralResource(referral))) {
    await audit(context, signedIn, { action, outcome: "denied", target, details: referral ? {} : { reason: "no such referral" } });
    throw notFound();
  }
  if (action === "edit:referral" && !can(signedIn.actor, "edit:referral", referralResource(referral))) {
    // Their own referral, sent: it is read, never changed.
    if (referral.status === "submitted") throw redirect(`/referrals/${referral.id}`);
    await audit(context, signedIn, { action, outcome: "denied", target });
    throw notFound();
  }
  return referral;
}
