// The partnership's measures (issue 13): for partnership managers, the whole partnership or one agency's part; for
// an agency's managers, their own agency's part. A date range by GET; each measure with its definition, headline,
// the national figure, the trend by month (chart and table) and its table, each opening what it counts. Live: the
// oversight room says a figure may have moved, and the page fetches its figures again.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { readDashboard } from "../../server/oversight/dashboard";
import { AtAGlance } from "../components/oversight/at-a-glance";
import { MeasureSection } from "../components/oversight/measure-section";
import { ScopeForm } from "../components/oversight/scope-form";
import { Column, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireOversight, scopeDetails } from "../utils/oversight.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Oversight") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const oversight = await requireOversight(request, context, { action: "read:oversight", target: "oversight" });
  const { answer } = oversight;
  const groups = answer.ok ? await readDashboard(oversight.measures, answer.scope) : null;
  await audit(context, oversight.signedIn, { action: "read:oversight", outcome: answer.ok ? "success" : "failure", target: "oversight", details: scopeDetails(answer) });
  return {
    partName: oversight.partName,
    agencies: oversight.reach.whole ? oversight.agencies : null,
    values: answer.values,
    errors: answer.ok ? undefined : answer.errors,
    query: answer.ok ? answer.query : null,
    range: answer.ok ? { from: answer.scope.from, to: answer.scope.to } : null,
    groups,
    // The partnership's audit trail (who viewed and changed which case) is the partnership manager's alone.
    auditHref: oversight.reach.whole ? "/oversight/audit" : null,
  };
}

export default function Oversight() {
  const page = useLoaderData<typeof loader>();
  usePresence(OVERSIGHT_ROOM);
  useChangeNotices(OVERSIGHT_ROOM);
  const { query } = page;
  return (
    <Column width="full">
      <PageHeading caption={page.partName}>Oversight of multi-agency work</PageHeading>
      <ScopeForm action="/oversight" values={page.values} errors={page.errors} agencies={page.agencies} />
      {query && page.groups ? (
        <>
          <p className="govuk-body app-no-print">
            <Link className="govuk-link" to={`/oversight/print?${query}`}>
              Print these figures for a board paper
            </Link>
            {page.auditHref ? (
              <>
                {" · "}
                <Link className="govuk-link" to={page.auditHref}>
                  Who viewed and changed which case
                </Link>
                {" · "}
                <Link className="govuk-link" to="/oversight/second-factors">
                  Second factors by agency
                </Link>
              </>
            ) : null}
          </p>
          {page.groups.length === 0 ? <p className="govuk-body">No measures are counted yet.</p> : <AtAGlance groups={page.groups} />}
          {page.groups.map((group) => (
            <section key={group.group} aria-labelledby={`group-${group.group}`} className="app-oversight-group">
              <h2 className="govuk-heading-l" id={`group-${group.group}`}>
                {group.title}
              </h2>
              {group.measures.map((measure) => (
                <MeasureSection
                  key={measure.id}
                  measure={measure}
                  links={{
                    drillDown: (row) => `/oversight/${measure.id}?${query}${row === null ? "" : `&row=${encodeURIComponent(row)}`}`,
                    csv: (table) => `/oversight/${measure.id}/csv?${query}&table=${table}`,
                  }}
                />
              ))}
            </section>
          ))}
        </>
      ) : null}
    </Column>
  );
}
