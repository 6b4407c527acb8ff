// The history of a core group's notes: who changed them, by person and agency, and how every agency's part read at
// any stored point. Read by those who read the notes (its members, the plan's lead social worker, those overseeing the
// case); anyone else gets 404, audited.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { coreGroupNotesResource } from "../../server/access/core-group-resources";
import { coreGroupNotesName } from "../../server/documents/core-group-notes";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { requireCoreGroup } from "../utils/core-group.server";
import { loadDocumentHistory } from "../utils/history.server";
import { authorize } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of the core group's notes") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, coreGroup, group } = await requireCoreGroup(context, signedIn, params);
  const document = coreGroupNotesName(facts.caseId, coreGroup.id);
  await authorize(context, signedIn, "read:record", coreGroupNotesResource(facts, group), { target: `document:${document}`, caseId: facts.caseId, hide: true });
  const page = await loadDocumentHistory(request, context, signedIn, facts, document, coreGroup.agencies);
  return { ...page, coreGroupId: coreGroup.id, heldAt: formatDateTime(coreGroup.heldAt) };
}

export default function CoreGroupNotesHistory() {
  const data = useLoaderData<typeof loader>();
  return (
    <DocumentHistory
      data={data}
      title={`History of the notes of the core group on ${data.heldAt}`}
      what="the notes"
      back={{ to: `/cases/${data.caseId}/core-groups/${data.coreGroupId}#notes`, label: "Back to the core group" }}
    />
  );
}
