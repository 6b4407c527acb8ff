// An agency's restricted notes behind a URL, judged by the policy: a 404 for anyone who may not read them, as for
// notes that do not exist, and audited.
import type { AppLoadContext } from "@remix-run/node";
import type { CaseFacts, Resource } from "../../server/access/policy";
import { agencyNotesResource } from "../../server/access/resources";
import { documentNames } from "../../server/documents/registry";
import type { SignedIn } from "./auth.server";
import { audit, authorize, notFound, requireCase } from "./permissions.server";

export async function requireAgencyNotes(
  context: AppLoadContext,
  signedIn: SignedIn,
  params: { caseId?: string; agencyId?: string },
): Promise<{ facts: CaseFacts; agencyId: string; resource: Resource; documentName: string }> {
  const facts = await requireCase(context, signedIn, params.caseId);
  const agencyId = params.agencyId ?? "";
  const resource = /^[a-z0-9][a-z0-9-]{0,62}$/.test(agencyId) ? await agencyNotesResource(context.services.sql, facts, agencyId) : null;
  const documentName = documentNames.agencyNotes(facts.caseId, agencyId.slice(0, 63));
  if (!resource) {
    await audit(context, signedIn, { action: "read:record", outcome: "denied", caseId: facts.caseId, target: `document:${documentName}`, details: { reason: "no such record" } });
    throw notFound();
  }
  await authorize(context, signedIn, "read:record", resource, { target: `document:${documentName}`, caseId: facts.caseId, hide: true });
  return { facts, agencyId, resource, documentName };
}
