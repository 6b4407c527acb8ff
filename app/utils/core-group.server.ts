// A core group behind a URL, on a case the person reads: a 404 for one that does not exist on that case (or a case
// they may not see), audited.
import type { AppLoadContext } from "@remix-run/node";
import type { CoreGroupOnPage } from "../../server/core-groups/core-group-controls";
import { getCoreGroup, loadCoreGroupFacts, type CoreGroup } from "../../server/core-groups/core-groups";
import type { SignedIn } from "./auth.server";
import { audit, notFound, requireCase } from "./permissions.server";
import { idParam } from "./plan.server";

export type CoreGroupOnCase = CoreGroupOnPage & { coreGroup: CoreGroup; target: string };

export async function requireCoreGroup(context: AppLoadContext, signedIn: SignedIn, params: { caseId?: string; coreGroupId?: string }): Promise<CoreGroupOnCase> {
  const facts = await requireCase(context, signedIn, params.caseId);
  const coreGroupId = idParam(params.coreGroupId);
  const [coreGroup, group] =
    coreGroupId === null
      ? [null, null]
      : await Promise.all([getCoreGroup(context.services.sql, facts.caseId, coreGroupId), loadCoreGroupFacts(context.services.sql, facts.caseId, coreGroupId)]);
  const target = `core-group:${coreGroupId ?? String(params.coreGroupId ?? "").slice(0, 20)}`;
  if (!coreGroup || !group) {
    await audit(context, signedIn, { action: "read:case", outcome: "denied", caseId: facts.caseId, target, details: { reason: "no such core group" } });
    throw notFound();
  }
  return { facts, coreGroup, group, target };
}
