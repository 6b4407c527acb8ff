import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { caseNotesResource } from "../../server/access/resources";
import { documentNames } from "../../server/documents/registry";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { loadDocumentHistory } from "../utils/history.server";
import { authorize, requireCase } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of the case notes") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const document = documentNames.caseNotes(facts.caseId);
  await authorize(context, signedIn, "read:record", caseNotesResource(facts), { target: `document:${document}`, caseId: facts.caseId, hide: true });
  return loadDocumentHistory(request, context, signedIn, facts, document);
}

export default function NotesHistory() {
  const data = useLoaderData<typeof loader>();
  return (
    <DocumentHistory
      data={data}
      title="History of the case notes"
      what="the notes"
      back={{ to: `/cases/${data.caseId}`, label: "Back to the case" }}
    />
  );
}
