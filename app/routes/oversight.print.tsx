// The oversight figures as a partnership board paper (issue 13): every measure's definition, figures, trend and
// tables for the same scope as the page, with no form, links or navigation; the print stylesheet (app.css) drops
// the portal's header and footer.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate, formatDateTime } from "../../common/format";
import { readDashboard } from "../../server/oversight/dashboard";
import { ErrorSummary } from "../components/forms";
import { AtAGlance } from "../components/oversight/at-a-glance";
import { MeasureSection } from "../components/oversight/measure-section";
import { pageTitle } from "../components/page-title";
import { PrintHeader } from "../components/print-button";
import { requireOversight, scopeDetails } from "../utils/oversight.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Oversight: board paper") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const oversight = await requireOversight(request, context, { action: "read:oversight", target: "oversight:print" });
  const { answer } = oversight;
  const groups = answer.ok ? await readDashboard(oversight.measures, answer.scope) : null;
  await audit(context, oversight.signedIn, { action: "read:oversight", outcome: answer.ok ? "success" : "failure", target: "oversight:print", details: scopeDetails(answer) });
  return {
    partName: oversight.partName,
    errors: answer.ok ? undefined : answer.errors,
    back: answer.ok ? `/oversight?${answer.query}` : "/oversight",
    range: answer.ok ? `${formatDate(answer.scope.from)} to ${formatDate(answer.scope.to)}` : null,
    printedBy: `${oversight.signedIn.user.fullName}, ${oversight.signedIn.user.agencyName}`,
    printedAt: formatDateTime(context.services.clock()),
    groups,
  };
}

export default function OversightPrint() {
  const page = useLoaderData<typeof loader>();
  return (
    <article className="app-print app-oversight-print" data-testid="oversight-print">
      <PrintHeader back={{ to: page.back, label: "Back to oversight" }} />
      <ErrorSummary errors={page.errors} />
      <p className="govuk-body-s app-print__marking">OFFICIAL-SENSITIVE — for the partnership board</p>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{page.partName}</span>
        Oversight of multi-agency work{page.range ? `: ${page.range}` : ""}
      </h1>
      <p className="govuk-body-s">
        Printed by {page.printedBy} on {page.printedAt}.
      </p>
      {page.groups?.length === 0 ? <p className="govuk-body">No measures are counted yet.</p> : null}
      {page.groups && page.groups.length > 0 ? <AtAGlance groups={page.groups} linked={false} /> : null}
      {page.groups?.map((group) => (
        <section key={group.group} aria-labelledby={`group-${group.group}`}>
          <h2 className="govuk-heading-l" id={`group-${group.group}`}>
            {group.title}
          </h2>
          {group.measures.map((measure) => (
            <MeasureSection key={measure.id} measure={measure} />
          ))}
        </section>
      ))}
    </article>
  );
}
