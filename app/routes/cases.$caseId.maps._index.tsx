import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { todayInEngland } from "../../common/forms/dates";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "../../server/access/policy";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { mapResource } from "../../server/access/resources";
import { createMap, latestMap, listMaps } from "../../server/maps/maps";
import { answersOf, DateInput, ErrorSummary, fieldsOf, TextInput } from "../components/forms";
import { BackLink, caseCaption, Column, PageHeading, SubmitButton } from "../components/page";
import { newMapSchema } from "../../common/forms/mapping";
import { parseForm } from "../../common/forms/form-errors";
import { requireUser } from "../utils/auth.server";
import { formatDate } from "../../common/format";
import { pageTitle } from "../components/page-title";
import { audit, authorize, requireCase } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Maps") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const { sql } = context.services;
  const [sheet, maps] = await Promise.all([getFrontSheet(sql, facts.caseId), listMaps(sql, facts.caseId)]);
  await audit(context, signedIn, { action: "view:maps", outcome: "success", caseId: facts.caseId, target: `case:${facts.caseId}:maps` });
  return {
    caseId: facts.caseId,
    reference: sheet?.reference ?? "",
    childName: sheet?.child?.fullName ?? "the child",
    maps: maps.map((map) => ({ id: map.id, heldOn: formatDate(map.heldOn), title: map.title, createdBy: map.createdBy })),
    latestId: latestMap(maps, todayInEngland(context.services.clock()))?.id ?? null,
    canStart: can(signedIn.actor, "write:record", mapResource(facts)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  await authorize(context, signedIn, "write:record", mapResource(facts), { target: `case:${facts.caseId}:maps`, caseId: facts.caseId });
  const parsed = parseForm(newMapSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { id } = await createMap(context.services.sql, { caseId: facts.caseId, ...parsed.data, createdBy: signedIn.user.id, at: context.services.clock() });
  await audit(context, signedIn, { action: "create:map", outcome: "success", caseId: facts.caseId, target: `map:${id}`, details: { heldOn: parsed.data.heldOn } });
  context.services.events.publish({ room: `case:${facts.caseId}`, what: "maps" });
  return redirect(`/cases/${facts.caseId}/maps/${id}`);
}

export default function Maps() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values } = answersOf(actionData);
  return (
    <Column width="two-thirds">
      <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} order={["heldOnDay", "title"]} />
      <PageHeading caption={caseCaption(page)}>Signs of Safety maps</PageHeading>
      {page.maps.length ? (
        <ul className="govuk-list govuk-list--spaced" data-testid="maps">
          {page.maps.map((map) => (
            <li key={map.id}>
              <Link className="govuk-link" to={`/cases/${page.caseId}/maps/${map.id}`}>
                Map of {map.heldOn}
                {map.title ? `: ${map.title}` : ""}
              </Link>
              {map.id === page.latestId ? <strong className="govuk-tag govuk-tag--blue govuk-!-margin-left-2">Latest</strong> : null}
              <div className="govuk-hint govuk-!-margin-0">Started by {map.createdBy}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">No map has been started for this case yet.</p>
      )}
      {page.canStart ? (
        <Form method="post" noValidate className="app-section">
          <h2 className="govuk-heading-m">Start a new map</h2>
          <p className="govuk-body">
            Start a new map for each mapping meeting. Earlier maps are kept as they were, with their scores.
          </p>
          <DateInput prefix="heldOn" legend="Date of the mapping" hint="For example, 12 11 2026" error={errors?.heldOnDay} values={values} />
          <TextInput {...fieldsOf(errors, values)("title")} label="Title (optional)" hint="For example: after the strategy meeting" />
          <SubmitButton>Start the map</SubmitButton>
        </Form>
      ) : null}
    </Column>
  );
}
