import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { formatDate } from "../../common/format";
import { loadDocumentHistory } from "../utils/history.server";
import { requireMap } from "../utils/maps.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of the map") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, map, documentName } = await requireMap(context, signedIn, params);
  const page = await loadDocumentHistory(request, context, signedIn, facts, documentName);
  return { ...page, mapId: map.id, heldOn: formatDate(map.heldOn) };
}

export default function MapHistory() {
  const data = useLoaderData<typeof loader>();
  return (
    <DocumentHistory
      data={data}
      title={`History of the map of ${data.heldOn}`}
      what="the map"
      back={{ to: `/cases/${data.caseId}/maps/${data.mapId}`, label: "Back to the map" }}
    />
  );
}
