// The partnership's audit trail, for partnership managers (read:audit on the partnership): who viewed and changed
// which case's record, by case reference, never by a child's name (decision 042).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditTrailEntries, AuditTrailErrors, AuditTrailFilters } from "../components/audit-trail";
import { BackLink, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { auditTrailPageData, requireAuditTrail } from "../utils/audit-trail.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: pageTitle(`${data?.trail.errors ? "Error: " : ""}Who viewed and changed children's records`),
  },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const answer = await requireAuditTrail(request, context, { page: "page" });
  return {
    trail: auditTrailPageData(answer, {
      path: "/oversight/audit",
      csvPath: "/oversight/audit/csv",
    }),
  };
}

export default function PartnershipAuditTrail() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/oversight">Back to the partnership's measures</BackLink>
      <AuditTrailErrors trail={page.trail} />
      <PageHeading caption="Partnership oversight">Who viewed and changed children's records</PageHeading>
      <p className="govuk-body">
        Every sign-in, and every time someone opened, read or changed a child's record or was refused, across the partnership, with their agency and the address
        they used. Cases are named by their reference. Times are UK time.
      </p>
      <AuditTrailFilters trail={page.trail} />
      <AuditTrailEntries trail={page.trail} caption="Who viewed and changed children's records" />
    </>
  );
}
