// Asks the policy, and turns a refusal into an audited 404 (things the person may not know exist) or 403.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { can, type Action, type CaseFacts, type Resource } from "../../server/access/policy";
import { accountEventPerson, tellAccountActivity } from "../../server/audit/account-activity";
import { recordAudit } from "../../server/audit/record-audit";
import { loadCaseFacts } from "../../server/cases/case-facts";
import { requireUser, type SignedIn } from "./auth.server";

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export async function audit(
  context: AppLoadContext,
  signedIn: SignedIn | null,
  event: { action: string; outcome: "success" | "failure" | "denied"; caseId?: number | null; target?: string; details?: Record<string, unknown> },
) {
  await recordAudit(context.services.sql, {
    at: context.services.clock(),
    userId: signedIn?.user.id ?? null,
    agencyId: signedIn?.user.agencyId ?? null,
    ip: context.clientIp,
    userAgent: context.userAgent,
    ...event,
  });
  // Something happened to a person's account: their activity pages, and their administrators', fetch it again.
  const person = accountEventPerson(event);
  if (person !== null) await tellAccountActivity(context.services.sql, context.services.events, person);
}

/**
 * Throws unless the policy allows `action`. `hide`: refuse with 404, as for something that does not exist.
 * Every refusal is audited.
 */
export async function authorize(
  context: AppLoadContext,
  signedIn: SignedIn,
  action: Action,
  resource: Resource,
  opts: { target: string; caseId?: number; hide?: boolean },
): Promise<void> {
  if (can(signedIn.actor, action, resource)) return;
  await audit(context, signedIn, { action, outcome: "denied", caseId: opts.caseId ?? null, target: opts.target });
  throw opts.hide ? notFound() : forbidden();
}

/**
 * The case, if this person may do `action` to it. A case that does not exist and one they may not see get the same
 * 404, and both are audited as denials. `askForOversight` (the front sheet): a partnership manager not on the case is
 * sent, audited, to say why they need to open it (decision 039) rather than told it does not exist.
 */
export async function requireCase(
  context: AppLoadContext,
  signedIn: SignedIn,
  rawCaseId: string | undefined,
  action: Extract<Action, "read:case" | "edit:case"> = "read:case",
  opts: { askForOversight?: boolean } = {},
): Promise<CaseFacts> {
  const caseId = /^\d{1,15}$/.test(rawCaseId ?? "") ? Number(rawCaseId) : NaN;
  const facts = Number.isSafeInteger(caseId) ? await loadCaseFacts(context.services.sql, caseId, context.services.clock()) : null;
  const target = `case:${(rawCaseId ?? "").slice(0, 40)}`;
  if (!facts) {
    await audit(context, signedIn, { action, outcome: "denied", target, details: { reason: "no such case" } });
    throw notFound();
  }
  // A person who may read the case but not change it is told so (403); one who may not read it gets 404.
  const hide = !can(signedIn.actor, "read:case", { type: "case", case: facts });
  if (hide && opts.askForOversight && can(signedIn.actor, "open:case-for-oversight", { type: "case", case: facts })) {
    await audit(context, signedIn, { action, outcome: "denied", target, caseId: facts.caseId, details: { reason: "a reason is needed to open it for oversight" } });
    throw redirect(`/cases/${facts.caseId}/oversight-access`);
  }
  await authorize(context, signedIn, action, { type: "case", case: facts }, { target, caseId: facts.caseId, hide });
  return facts;
}

/** An administrator, managing their own agency's people. Anyone else: 403, audited. */
export async function requireAgencyAdministrator(request: Request, context: AppLoadContext): Promise<SignedIn> {
  const signedIn = await requireUser(request, context);
  const agencyId = signedIn.user.agencyId;
  await authorize(context, signedIn, "manage:people", { type: "agency", agencyId }, { target: `agency:${agencyId}` });
  return signedIn;
}
