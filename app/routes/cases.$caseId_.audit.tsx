// "Who viewed and changed this record": a case's audit trail, for those the policy lets read it (read:audit). Outside
// the case's live layout, so reading the trail never joins the case's room (decision 042).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditTrailEntries, AuditTrailErrors, AuditTrailFilters } from "../components/audit-trail";
import { BackLink, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { auditTrailPageData, requireAuditTrail } from "../utils/audit-trail.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(`${data?.trail.errors ? "Error: " : ""}Who viewed and changed this record`),
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const answer = await requireAuditTrail(request, context, {
    page: "page",
    caseId: params.caseId ?? "",
  });
  const here = `/cases/${params.caseId}/audit`;
  return {
    caseId: Number(params.caseId),
    caption: answer.caseCaption,
    trail: auditTrailPageData(answer, { path: here, csvPath: `${here}/csv` }),
  };
}

export default function CaseAuditTrail() {
  const page = useLoaderData<typeof loader>();
  const caption = page.caption ? [page.caption.childName, page.caption.reference].filter(Boolean).join(" · ") : undefined;
  return (
    <>
      {page.caption?.childName ? <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink> : null}
      <AuditTrailErrors trail={page.trail} />
      <PageHeading caption={caption}>Who viewed and changed this record</PageHeading>
      <p className="govuk-body">
        Every time someone opened, read or changed this child's record, or was refused, with their agency and the address they used. Times are UK time.
      </p>
      <AuditTrailFilters trail={page.trail} />
      <AuditTrailEntries trail={page.trail} caption={`Who viewed and changed ${page.caption?.reference ?? "this record"}`} />
    </>
  );
}
