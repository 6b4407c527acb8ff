import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { printMap } from "../../server/maps/print-map";
import { MapPrint } from "../components/map-print";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { requireMap } from "../utils/maps.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Print the map for the family") }];

// The family's copy holds nothing restricted, so the audit names none.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireMap(context, signedIn, params, "read:for-family");
  const data = await printMap(context.services.sql, signedIn, on, { forFamily: true, clock: context.services.clock });
  await audit(context, signedIn, { action: "print:map-for-family", outcome: "success", caseId: on.facts.caseId, target: `document:${on.documentName}`, details: {} });
  return data;
}

export default function PrintMapForFamily() {
  return <MapPrint data={useLoaderData<typeof loader>()} />;
}
