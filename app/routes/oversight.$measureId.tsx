// What one measure's figure counts (issue 13): the measure's definition and the list of what it counts for the same
// scope, or for one row of its table (`?row=`), each as the access policy lets this person see it
// (server/oversight/drill-down.ts): a child's name and the case only where they may read the case.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { readDrillDownPage } from "../../server/oversight/dashboard";
import { findMeasure } from "../../server/oversight/measures";
import { OversightTable } from "../components/oversight/oversight-table";
import { ScopeForm } from "../components/oversight/scope-form";
import { BackLink, Column, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireOversight, scopeDetails } from "../utils/oversight.server";
import { audit, notFound } from "../utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `What “${data.title}” counts` : "Oversight") }];

const rowParam = z.string().trim().min(1).max(100).nullable();

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const measureId = (params.measureId ?? "").slice(0, 80);
  const target = `oversight:${measureId}`;
  const oversight = await requireOversight(request, context, { action: "read:oversight", target });
  const module = findMeasure(measureId);
  const row = rowParam.safeParse(new URL(request.url).searchParams.get("row"));
  if (!module || !row.success) {
    await audit(context, oversight.signedIn, { action: "read:oversight", outcome: "denied", target, details: { reason: module ? "no such row" : "no such measure" } });
    throw notFound();
  }
  const { answer } = oversight;
  const page = answer.ok ? await readDrillDownPage(oversight.measures, oversight.signedIn.actor, module, answer.scope, row.data) : null;
  if (answer.ok && !page) {
    await audit(context, oversight.signedIn, { action: "read:oversight", outcome: "denied", target, details: { reason: "no such row", row: row.data } });
    throw notFound();
  }
  await audit(context, oversight.signedIn, {
    action: "read:oversight",
    outcome: answer.ok ? "success" : "failure",
    target,
    details: { ...scopeDetails(answer), row: row.data, counted: page?.counted.rows.length ?? null },
  });
  return {
    measureId,
    title: page?.title ?? module.id,
    partName: oversight.partName,
    agencies: oversight.reach.whole ? oversight.agencies : null,
    values: answer.values,
    errors: answer.ok ? undefined : answer.errors,
    query: answer.ok ? answer.query : null,
    row: row.data,
    page,
  };
}

export default function MeasureDrillDown() {
  const data = useLoaderData<typeof loader>();
  usePresence(OVERSIGHT_ROOM);
  useChangeNotices(OVERSIGHT_ROOM);
  const { page, query } = data;
  const rowQuery = data.row ? `&row=${encodeURIComponent(data.row)}` : "";
  return (
    <Column width="full">
      <BackLink to={query ? `/oversight?${query}#measure-${data.measureId}` : "/oversight"}>Back to oversight</BackLink>
      <PageHeading caption={data.partName}>{page ? `What “${page.title}” counts${page.row ? `: ${page.row.label}` : ""}` : "What this figure counts"}</PageHeading>
      <ScopeForm action={`/oversight/${data.measureId}`} values={data.values} errors={data.errors} agencies={data.agencies} row={data.row} />
      {page && query ? (
        <>
          <h2 className="govuk-heading-m">What it counts</h2>
          <p className="govuk-body app-oversight-definition">{page.definition}</p>
          <p className="govuk-body" data-testid="drill-down-headline">
            {`In this range: ${page.headline}.`}
          </p>
          <p className="govuk-body">A child's name shows, and a reference opens the case, only where the access rules let you read the case.</p>
          <OversightTable view={page.counted} testId="drill-down" csvHref={`/oversight/${data.measureId}/csv?${query}&table=counted${rowQuery}`} />
        </>
      ) : null}
    </Column>
  );
}
