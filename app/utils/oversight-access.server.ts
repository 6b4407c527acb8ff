// The guard of opening a case for oversight (decision 039): only a partnership manager, on a case that exists and
// that they do not already read; anyone else gets the 404 of a case they may not know of, audited. One who already
// reads it is sent to the case.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { can, type CaseFacts } from "../../server/access/policy";
import { loadCaseFacts } from "../../server/cases/case-facts";
import type { SignedIn } from "./auth.server";
import { audit, notFound } from "./permissions.server";

export async function requireOversightOpening(context: AppLoadContext, signedIn: SignedIn, rawCaseId: string | undefined): Promise<CaseFacts> {
  const caseId = /^\d{1,15}$/.test(rawCaseId ?? "") ? Number(rawCaseId) : NaN;
  const facts = Number.isSafeInteger(caseId) ? await loadCaseFacts(context.services.sql, caseId, context.services.clock()) : null;
  const target = `case:${(rawCaseId ?? "").slice(0, 40)}`;
  const resource = facts ? ({ type: "case", case: facts } as const) : null;
  if (resource && can(signedIn.actor, "read:case", resource)) throw redirect(`/cases/${resource.case.caseId}`);
  if (!resource || !can(signedIn.actor, "open:case-for-oversight", resource)) {
    await audit(context, signedIn, {
      action: "open:case-for-oversight",
      outcome: "denied",
      caseId: facts?.caseId ?? null,
      target,
      details: facts ? {} : { reason: "no such case" },
    });
    throw notFound();
  }
  return resource.case;
}
