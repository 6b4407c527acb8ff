// The download of the partnership's trail as its page shows it: the same filters, the same page (decision 042).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditTrailCsv, requireAuditTrail } from "../utils/audit-trail.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const answer = await requireAuditTrail(request, context, { page: "csv" });
  return auditTrailCsv(answer, "who-viewed-partnership.csv");
}
