// The family's copy of a map, and (above it, never printed) each agency's say over its own words: a map's words reach
// the family's copy only once the agency that wrote them has marked them for the family.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { mapWordsMarkingSchema } from "../../common/forms/family";
import { parseForm } from "../../common/forms/form-errors";
import { can, type Resource } from "../../server/access/policy";
import { mapWordsResource } from "../../server/access/resources";
import { listMapFamilyMarkings, markMapWords } from "../../server/maps/family-markings";
import { isSignedOffRefusal } from "../../server/meetings/meetings";
import { printMap } from "../../server/maps/print-map";
import { ErrorSummary } from "../components/forms";
import { MapPrint } from "../components/map-print";
import { pageTitle } from "../components/page-title";
import { requireUser, type SignedIn } from "../utils/auth.server";
import { requireMap, type MapOnCase } from "../utils/maps.server";
import { audit, authorize } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Print the map for the family") }];

/** The words this person's agency wrote on the map, as the policy judges them: whether it may say they go to the family. */
async function ownWords({ facts, map, resource }: MapOnCase, signedIn: SignedIn, sql: Parameters<typeof listMapFamilyMarkings>[0]) {
  const agencyId = signedIn.user.agencyId;
  const marking = (await listMapFamilyMarkings(sql, map.id)).find((row) => row.agencyId === agencyId) ?? null;
  const signedOff = resource.type === "record" && resource.state === "signed-off";
  const words: Resource = mapWordsResource(facts, agencyId, { signedOff, forFamily: marking?.forFamily ?? false });
  return { words, forFamily: marking?.forFamily ?? false };
}

// The family's copy holds nothing restricted, so the audit names none.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireMap(context, signedIn, params, "read:for-family");
  const data = await printMap(context.services.sql, signedIn, on, { forFamily: true, clock: context.services.clock });
  await audit(context, signedIn, { action: "print:map-for-family", outcome: "success", caseId: on.facts.caseId, target: `document:${on.documentName}`, details: {} });
  const { words, forFamily } = await ownWords(on, signedIn, context.services.sql);
  // Only an agency that may write the map says whether its own words go to the family.
  const yours = can(signedIn.actor, "mark:for-family", words) ? { agencyName: signedIn.user.agencyName, forFamily } : null;
  return { ...data, yours };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireMap(context, signedIn, params, "read:for-family");
  const target = `document:${on.documentName}`;
  const { words } = await ownWords(on, signedIn, context.services.sql);
  await authorize(context, signedIn, "mark:for-family", words, { target, caseId: on.facts.caseId });
  const parsed = parseForm(mapWordsMarkingSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  try {
    await markMapWords(context.services.sql, { mapId: on.map.id, agencyId: signedIn.user.agencyId, forFamily: parsed.data.forFamily, by: signedIn.user.id, at: context.services.clock() });
  } catch (error) {
    // The map's meeting was signed off while this was on its way: the database refused it.
    if (!isSignedOffRefusal(error)) throw error;
    await audit(context, signedIn, { action: "mark:for-family", outcome: "denied", caseId: on.facts.caseId, target, details: { reason: "signed off" } });
    return data({ errors: { forFamily: "This map's meeting has just been signed off, so nothing was changed" } }, { status: 409 });
  }
  await audit(context, signedIn, { action: "mark:for-family", outcome: "success", caseId: on.facts.caseId, target, details: { forFamily: parsed.data.forFamily } });
  context.services.events.publish({ room: on.documentName, what: "maps" });
  return redirect(`/cases/${on.facts.caseId}/maps/${on.map.id}/print/family`);
}

export default function PrintMapForFamily() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={actionData?.errors} />
      <MapPrint data={useLoaderData<typeof loader>()} />
    </>
  );
}
