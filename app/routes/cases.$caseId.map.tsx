// "The map": the latest of a case's maps, or the list (to start one) when there is none yet.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { latestMap, listMaps } from "../../server/maps/maps";
import { todayInEngland } from "../../common/forms/dates";
import { requireUser } from "../utils/auth.server";
import { audit, requireCase } from "../utils/permissions.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const latest = latestMap(await listMaps(context.services.sql, facts.caseId), todayInEngland(context.services.clock()));
  await audit(context, signedIn, { action: "view:maps", outcome: "success", caseId: facts.caseId, target: `case:${facts.caseId}:maps`, details: { latest: latest?.id ?? null } });
  return redirect(latest ? `/cases/${facts.caseId}/maps/${latest.id}` : `/cases/${facts.caseId}/maps`);
}
