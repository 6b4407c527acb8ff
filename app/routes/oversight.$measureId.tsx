// What one measure's figure counts (issue 13): the measure's definition and the list of what it counts for the same
// scope, or for one row of its table (`?row=`), each as the access policy lets this person see it
// (server/oversight/drill-down.ts): a child's name and the case only where they may read the case.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { pageNumberParam, readDrillDownPage } from "../../server/oversight/dashboard";
import { findMeasure } from "../../server/oversight/measures";
import { OversightTable } from "../components/oversight/oversight-table";
import { PreviousNext } from "../components/pagination";
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
  const search = new URL(request.url).searchParams;
  const row = rowParam.safeParse(search.get("row"));
  const pageNumber = pageNumberParam.safeParse(search.get("page"));
  if (!module || !row.success || !pageNumber.success) {
    const reason = !module ? "no such measure" : !row.success ? "no such row" : "no such page";
    await audit(context, oversight.signedIn, { action: "read:oversight", outcome: "denied", target, details: { reason } });
    throw notFound();
  }
  const { answer } = oversight;
  const page = answer.ok
    ? await readDrillDownPage(oversight.measures, oversight.signedIn.actor, module, answer.scope, row.data, pageNumber.data)
    : null;
  if (answer.ok && !page) {
    await audit(context, oversight.signedIn, {
      action: "read:oversight",
      outcome: "denied",
      target,
      details: { reason: "no such row or page", row: row.data, page: pageNumber.data },
    });
    throw notFound();
  }
  await audit(context, oversight.signedIn, {
    action: "read:oversight",
    outcome: answer.ok ? "success" : "failure",
    target,
    details: { ...scopeDetails(answer), row: row.data, page: pageNumber.data, counted: page?.total ?? null },
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

const pageQuery = (pageNumber: number) => (pageNumber === 1 ? "" : `&page=${pageNumber}`);

export default function MeasureDrillDown() {
  const data = useLoaderData<typeof loader>();
  usePresence(OVERSIGHT_ROOM);
  useChangeNotices(OVERSIGHT_ROOM);
  const { page, query } = data;
  const rowQuery = data.row ? `&row=${encodeURIComponent(data.row)}` : "";
  const pageHref = (pageNumber: number) => `/oversight/${data.measureId}?${query}${rowQuery}${pageQuery(pageNumber)}`;
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
          <p className="govuk-body" data-testid="drill-down-range">
            {page.showing}
          </p>
          <OversightTable
            view={page.counted}
            testId="drill-down"
            csvHref={`/oversight/${data.measureId}/csv?${query}&table=counted${rowQuery}${pageQuery(page.pageNumber)}`}
          />
          <PreviousNext
            label="Pages of what it counts"
            previous={page.pageNumber > 1 ? { href: pageHref(page.pageNumber - 1), title: "Previous page" } : null}
            next={page.pageNumber < page.pages ? { href: pageHref(page.pageNumber + 1), title: "Next page" } : null}
          />
        </>
      ) : null}
    </Column>
  );
}
