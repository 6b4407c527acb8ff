import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { RestrictedMarking } from "../components/restricted-marking";
import { requireUser } from "../utils/auth.server";
import { possessive } from "../../common/format";
import { loadDocumentHistory } from "../utils/history.server";
import { requireAgencyNotes } from "../utils/restricted-notes.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of restricted notes") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, agencyId, documentName } = await requireAgencyNotes(context, signedIn, params);
  const sheet = await getFrontSheet(context.services.sql, facts.caseId);
  const agencyName = sheet?.agencies.find((agency) => agency.id === agencyId)?.name ?? agencyId;
  const page = await loadDocumentHistory(request, context, signedIn, facts, documentName);
  return { ...page, agencyId, agencyName };
}

export default function RestrictedNotesHistory() {
  const data = useLoaderData<typeof loader>();
  return (
    <DocumentHistory
      data={data}
      title={`History of ${possessive(data.agencyName)} restricted notes`}
      what="the notes"
      back={{ to: `/cases/${data.caseId}/restricted/${data.agencyId}`, label: "Back to the restricted notes" }}
      marking={<RestrictedMarking agencyName={data.agencyName} />}
    />
  );
}
