import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readDocumentHistory } from "../../server/documents/read-document-history";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { formatDate } from "../../common/format";
import { auditHistoryViewed, requireHistoryPoint } from "../utils/history.server";
import { requireMap } from "../utils/maps.server";
import { notFound } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of the map") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, map, documentName } = await requireMap(context, signedIn, params);
  const point = requireHistoryPoint(request, documentName);
  const page = await readDocumentHistory(context.services.sql, facts, point.name, point.atSeq);
  if (!page) throw notFound();
  await auditHistoryViewed(context, signedIn, facts, point);
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
