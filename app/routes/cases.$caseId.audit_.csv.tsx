// The download of a case's trail as its page shows it: the same filters, the same page of entries (decision 042).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditTrailCsv, requireAuditTrail } from "../utils/audit-trail.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const answer = await requireAuditTrail(request, context, { page: "csv", caseId: params.caseId ?? "" });
  return auditTrailCsv(answer, `who-viewed-${answer.caseCaption?.reference ?? "case"}.csv`);
}
