// The history of the front door's map on a contact: who wrote what, by person and agency, and the map as it stood at
// any stored point. Read by whoever may read the map; anyone else gets the same 404 as for a map never started.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readReferral } from "../../server/referrals/read-referral";
import { contactMapName } from "../../server/referrals/contact-documents";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { requireContactDocument } from "../utils/front-door.server";
import { loadDocumentHistory } from "../utils/history.server";
import { idParam } from "../utils/plan.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of the front door map") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const contactId = idParam(params.contactId) ?? 0;
  const document = contactMapName(contactId);
  await requireContactDocument(context, signedIn, document);
  const referral = await readReferral(context.services.sql, contactId);
  const childNames = referral!.children.map((child) => child.fullName).join(", ");
  const page = await loadDocumentHistory(request, context, signedIn, { contactId, childNames }, document);
  return { ...page, contactId };
}

export default function FrontDoorMapHistory() {
  const data = useLoaderData<typeof loader>();
  return <DocumentHistory data={data} title="History of the front door map" what="the map" back={{ to: `/front-door/${data.contactId}/map`, label: "Back to the map" }} />;
}
