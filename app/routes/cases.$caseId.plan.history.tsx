import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { planRecord } from "../../server/access/resources";
import { documentNames } from "../../server/documents/registry";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { loadDocumentHistory } from "../utils/history.server";
import { authorize } from "../utils/permissions.server";
import { requirePlan } from "../utils/plan.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of the contingency plan") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, plan } = await requirePlan(context, signedIn, params);
  const document = documentNames.plan(facts.caseId);
  await authorize(context, signedIn, "read:record", planRecord(facts, plan), { target: `document:${document}`, caseId: facts.caseId, hide: true });
  return loadDocumentHistory(request, context, signedIn, facts, document);
}

export default function ContingencyPlanHistory() {
  const data = useLoaderData<typeof loader>();
  return (
    <DocumentHistory
      data={data}
      title="History of the contingency plan"
      what="the contingency plan"
      back={{ to: `/cases/${data.caseId}/plan#contingency`, label: "Back to the plan" }}
    />
  );
}
