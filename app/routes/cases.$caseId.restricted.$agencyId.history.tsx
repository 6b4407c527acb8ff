import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { readDocumentHistory } from "../../server/documents/read-document-history";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { RestrictedMarking } from "../components/restricted-marking";
import { requireUser } from "../utils/auth.server";
import { possessive } from "../../common/format";
import { auditHistoryViewed, requireHistoryPoint } from "../utils/history.server";
import { notFound } from "../utils/permissions.server";
import { requireAgencyNotes } from "../utils/restricted-notes.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of restricted notes") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, agencyId, documentName } = await requireAgencyNotes(context, signedIn, params);
  const sheet = await getFrontSheet(context.services.sql, facts.caseId);
  const agencyName = sheet?.agencies.find((agency) => agency.id === agencyId)?.name ?? agencyId;
  const point = requireHistoryPoint(request, documentName);
  const page = await readDocumentHistory(context.services.sql, facts, point.name, point.atSeq);
  if (!page) throw notFound();
  await auditHistoryViewed(context, signedIn, facts, point);
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
