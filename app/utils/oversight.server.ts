// The oversight pages' guard: partnership managers read the whole partnership's measures (and any agency's part);
// an agency's managers read their own agency's part only. Anyone else, and an agency's manager asking for another
// agency's part, gets 404, audited. Then the scope the address asks for, parsed (server/oversight/scope.ts).
import type { AppLoadContext } from "@remix-run/node";
import { possessive } from "../../common/format";
import { measureContext, oversightReach, type OversightContext, type OversightReach } from "../../server/oversight/dashboard";
import { listOversightAgencies, parseScope, type AgencyChoice, type ScopeAnswer } from "../../server/oversight/scope";
import { requireUser, type SignedIn } from "./auth.server";
import { audit, notFound } from "./permissions.server";

export type Oversight = {
  signedIn: SignedIn;
  reach: OversightReach;
  agencies: AgencyChoice[];
  answer: ScopeAnswer;
  measures: OversightContext;
  /** The name of the part being read: the partnership's, or the agency's. */
  partName: string;
};

/** Refuses with 404 and an audit row (`action`, `target`) anyone who may not read what the address asks for. */
export async function requireOversight(request: Request, context: AppLoadContext, event: { action: string; target: string }): Promise<Oversight> {
  const signedIn = await requireUser(request, context);
  const search = new URL(request.url).searchParams;
  const reach = oversightReach(signedIn.actor);
  const asked = (search.get("agency") ?? "").trim();
  const refusal = !reach ? "may not read oversight" : !reach.whole && asked !== "" && asked !== reach.ownAgencyId ? "another agency's part" : null;
  if (!reach || refusal) {
    await audit(context, signedIn, { action: event.action, outcome: "denied", target: event.target, details: { reason: refusal, agency: asked.slice(0, 60) || null } });
    throw notFound();
  }
  const agencies = await listOversightAgencies(context.services.sql);
  const answer = parseScope(search, { now: context.services.clock(), agencies, forcedAgencyId: reach.ownAgencyId });
  const partAgency = answer.ok && answer.scope.agencyId ? agencies.find((agency) => agency.id === answer.scope.agencyId) : null;
  return {
    signedIn,
    reach,
    agencies,
    answer,
    measures: measureContext(context.services),
    partName: partAgency ? `${possessive(partAgency.name)} part` : reach.whole ? "The whole partnership" : `${possessive(signedIn.user.agencyName)} part`,
  };
}

/** The scope an audit row records. */
export const scopeDetails = (answer: ScopeAnswer) => (answer.ok ? { from: answer.scope.from, to: answer.scope.to, agency: answer.scope.agencyId } : { invalid: Object.keys(answer.errors) });
