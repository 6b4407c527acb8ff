// The map behind a URL, judged by the policy, for every page of a map (workspace, print, history).
import type { AppLoadContext } from "@remix-run/node";
import type { Action, CaseFacts, Resource } from "../../server/access/policy";
import { documentNames, parseDocumentName, resolveDocument } from "../../server/documents/registry";
import { getMap, type CaseMap } from "../../server/maps/maps";
import type { SignedIn } from "./auth.server";
import { authorize, notFound, requireCase } from "./permissions.server";

export type MapOnCase = { facts: CaseFacts; map: CaseMap; resource: Resource; documentName: string };

export async function requireMap(
  context: AppLoadContext,
  signedIn: SignedIn,
  params: { caseId?: string; mapId?: string },
  action: Extract<Action, "read:record" | "read:for-family" | "record:scaling"> = "read:record",
): Promise<MapOnCase> {
  const facts = await requireCase(context, signedIn, params.caseId);
  const mapId = /^\d{1,15}$/.test(params.mapId ?? "") ? Number(params.mapId) : NaN;
  const map = Number.isSafeInteger(mapId) ? await getMap(context.services.sql, facts.caseId, mapId) : null;
  if (!map) throw notFound();
  const documentName = documentNames.map(facts.caseId, map.id);
  // The same resolution the collaboration server makes: a strategy meeting's map is signed off with the meeting.
  const resolved = await resolveDocument(context.services.sql, parseDocumentName(documentName)!, context.services.clock());
  if (!resolved) throw notFound();
  const resource = resolved.resource;
  // Anyone who reads the case reads its maps; what the policy refuses beyond that (scaling) is a 403.
  await authorize(context, signedIn, "read:record", resource, { target: `document:${documentName}`, caseId: facts.caseId, hide: true });
  if (action !== "read:record") await authorize(context, signedIn, action, resource, { target: `document:${documentName}`, caseId: facts.caseId });
  return { facts, map, resource, documentName };
}
