// A CSV download of one oversight table, exactly as its page shows it for the same scope: a measure's own table
// (`?table=figures`), its trend (`trend`), or what it counts (`counted`, with `?row=` for one row). A table the person
// may not read, or that does not exist, is 404 and an audit row; every export is audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { csvResponse, toCsv } from "../../server/oversight/csv";
import { pageNumberParam, readExport } from "../../server/oversight/dashboard";
import { csvOf } from "../../server/oversight/tables";
import { requireRecentConfirmation } from "../utils/auth.server";
import { requireOversight, scopeDetails } from "../utils/oversight.server";
import { audit, notFound } from "../utils/permissions.server";

const exportParams = z.object({
  table: z.enum(["figures", "trend", "counted"]),
  row: z.string().trim().min(1).max(100).nullable(),
  page: pageNumberParam,
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const measureId = (params.measureId ?? "").slice(0, 80);
  const search = new URL(request.url).searchParams;
  const target = `oversight:${measureId}:${(search.get("table") ?? "").slice(0, 20)}`;
  const oversight = await requireOversight(request, context, { action: "export:oversight", target });
  const asked = exportParams.safeParse({ table: search.get("table"), row: search.get("row"), page: search.get("page") });
  const { answer } = oversight;
  const found =
    asked.success && answer.ok ? await readExport(oversight.measures, oversight.signedIn.actor, measureId, answer.scope, asked.data.table, asked.data.row, asked.data.page) : null;
  if (!found) {
    await audit(context, oversight.signedIn, {
      action: "export:oversight",
      outcome: "denied",
      target,
      details: { reason: answer.ok ? "no such table" : "bad scope", ...scopeDetails(answer), row: search.get("row")?.slice(0, 100) ?? null },
    });
    throw notFound();
  }
  // Only a download that would happen asks the person to prove it is them (decision 056).
  requireRecentConfirmation(request, context, oversight.signedIn);
  const { columns, rows } = csvOf(found.view);
  await audit(context, oversight.signedIn, {
    action: "export:oversight",
    outcome: "success",
    target,
    details: { ...scopeDetails(answer), row: asked.data?.row ?? null, page: asked.data?.page ?? null, rows: rows.length },
  });
  return csvResponse(found.fileName, toCsv(columns, rows));
}
