// The history of an agency's check on a contact: who wrote what, by person and agency, and the check as it stood at any
// stored point. Read by whoever may read the check (the police's restricted one only by the police and the deciding
// managers); anyone else gets the same 404 as for a check never asked for.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readReferral } from "../../server/referrals/read-referral";
import { contactCheckName, readContactCheck } from "../../server/referrals/contact-documents";
import { DocumentHistory } from "../components/document-history";
import { pageTitle } from "../components/page-title";
import { requireUser } from "../utils/auth.server";
import { requireContactDocument } from "../utils/front-door.server";
import { loadDocumentHistory } from "../utils/history.server";
import { idParam } from "../utils/plan.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of an agency check") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const contactId = idParam(params.contactId) ?? 0;
  const agencyId = /^[a-z0-9][a-z0-9-]{0,62}$/.test(params.agencyId ?? "") ? params.agencyId! : "unknown";
  const document = contactCheckName(contactId, agencyId);
  await requireContactDocument(context, signedIn, document);
  const [referral, check] = await Promise.all([readReferral(context.services.sql, contactId), readContactCheck(context.services.sql, contactId, agencyId)]);
  const childNames = referral!.children.map((child) => child.fullName).join(", ");
  const page = await loadDocumentHistory(request, context, signedIn, { contactId, childNames }, document);
  return { ...page, contactId, agencyId, agencyName: check!.agencyName };
}

export default function CheckHistory() {
  const data = useLoaderData<typeof loader>();
  return (
    <DocumentHistory
      data={data}
      title={`History of ${data.agencyName}'s check`}
      what="the check"
      back={{ to: `/front-door/${data.contactId}/checks/${data.agencyId}`, label: "Back to the check" }}
    />
  );
}
