import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MapPrint } from "../components/map-print";
import { requireUser } from "../utils/auth.server";
import { loadMapPrint } from "../utils/map-print.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = () => [{ title: pageTitle("Print the map") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return loadMapPrint(context, await requireUser(request, context), params, false);
}

export default function PrintMap() {
  return <MapPrint data={useLoaderData<typeof loader>()} />;
}
