import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ProblemSummary } from "../components/banners";
import { Field } from "../components/forms";
import { BackLink, caseCaption, Column, PageHeading, SubmitButton } from "../components/page";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { SEARCH_MAX, SEARCH_MIN, searchCase } from "../../server/search/search-case";
import { requireUser } from "../utils/auth.server";
import { formatDate } from "../../common/format";
import { pageTitle } from "../components/page-title";
import { audit, requireCase } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Search this case") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const sheet = await getFrontSheet(context.services.sql, facts.caseId);
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim();
  const problem =
    query === "" ? null : query.length < SEARCH_MIN ? `Enter at least ${SEARCH_MIN} characters` : query.length > SEARCH_MAX ? `Enter ${SEARCH_MAX} characters or fewer` : null;
  const result = query && !problem ? await searchCase(context.services.sql, signedIn.actor, facts, sheet?.agencies ?? [], query, formatDate) : null;
  const hits = result?.hits ?? [];
  if (result)
    await audit(context, signedIn, {
      action: "search:case",
      outcome: "success",
      caseId: facts.caseId,
      target: `case:${facts.caseId}`,
      details: { query, hits: hits.length, documentsRead: result.documentsRead },
    });
  return { caseId: facts.caseId, reference: sheet?.reference ?? "", childName: sheet?.child?.fullName ?? "the child", query, problem, hits, searched: !!query && !problem };
}

export default function SearchCase() {
  const page = useLoaderData<typeof loader>();
  return (
    <Column width="two-thirds">
      <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink>
      {page.problem ? <ProblemSummary message={page.problem} field="q" /> : null}
      <PageHeading caption={caseCaption(page)}>Search this case</PageHeading>
      <Form method="get" role="search">
        <Field id="q" label="Words to find" hint="Searches the case notes, maps, scaling reasons, the child's voice, meetings and conferences, the plan, core groups' notes and the restricted notes you may read." error={page.problem ?? undefined}>
          <input
            className={`govuk-input govuk-!-width-two-thirds${page.problem ? " govuk-input--error" : ""}`}
            id="q"
            name="q"
            type="search"
            defaultValue={page.query}
            aria-describedby={`q-hint${page.problem ? " q-error" : ""}`}
          />
        </Field>
        <SubmitButton>Search</SubmitButton>
      </Form>
      {page.searched ? (
        <>
          <div role="status">
            <h2 className="govuk-heading-m">
              {`${page.hits.length === 0 ? "No results" : `${page.hits.length} ${page.hits.length === 1 ? "result" : "results"}`} for “${page.query}”`}
            </h2>
          </div>
          <ul className="govuk-list govuk-list--spaced" data-testid="search-results">
            {page.hits.map((hit, index) => (
              <li key={index}>
                <Link className="govuk-link" to={hit.href}>
                  {hit.where}
                </Link>
                <p className="govuk-body-s govuk-!-margin-0">
                  {hit.snippet.before}
                  <mark>{hit.snippet.match}</mark>
                  {hit.snippet.after}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Column>
  );
}
