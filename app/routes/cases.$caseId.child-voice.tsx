import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { can } from "../../server/access/policy";
import { listChildVoice, recordChildVoice } from "../../server/cases/child-voice";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { mapResource } from "../../server/access/resources";
import { ChildVoiceSummary } from "../components/child-voice";
import { answersOf, Checkbox, DateInput, ErrorSummary, Radios, TextArea, TextInput, yesNo } from "../components/forms";
import { SuccessBanner } from "../components/banners";
import { BackLink, caseCaption, Column, PageHeading, SubmitButton } from "../components/page";
import { childVoiceSchema } from "../../common/forms/mapping";
import type { FieldErrors } from "../../common/forms/form-errors";
import { formValues, parseForm } from "../../common/forms/form-errors";
import { requireUser } from "../utils/auth.server";
import { formatDate } from "../../common/format";
import { pageTitle } from "../components/page-title";
import { audit, authorize, requireCase } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("The child's voice") }];

const fieldOrder = ["seenOnDay", "seenAlone", "whoElsePresent", "worries", "goodThings", "dreams"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const { sql } = context.services;
  const [sheet, entries] = await Promise.all([getFrontSheet(sql, facts.caseId), listChildVoice(sql, facts.caseId)]);
  await audit(context, signedIn, { action: "view:child-voice", outcome: "success", caseId: facts.caseId, target: `case:${facts.caseId}:child-voice` });
  return {
    caseId: facts.caseId,
    reference: sheet?.reference ?? "",
    childName: sheet?.child?.fullName ?? "the child",
    entries,
    // The child's voice is written by whoever may write the case's shared records.
    canRecord: can(signedIn.actor, "write:record", mapResource(facts)),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  await authorize(context, signedIn, "write:record", mapResource(facts), { target: `case:${facts.caseId}:child-voice`, caseId: facts.caseId });
  const form = await request.formData();
  const parsed = parseForm(childVoiceSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const child = (await getFrontSheet(context.services.sql, facts.caseId))?.child;
  const born = child?.dateOfBirth ? isoDateOf(child.dateOfBirth) : null;
  if (born && parsed.data.seenOn < born)
    return data(
      { errors: { seenOnDay: `Date the child was seen must be on or after their date of birth, ${formatDate(born)}` } as FieldErrors, values: formValues(form) },
      { status: 400 },
    );
  const { id } = await recordChildVoice(context.services.sql, {
    caseId: facts.caseId,
    ...parsed.data,
    recordedBy: signedIn.user.id,
    at: context.services.clock(),
  });
  await audit(context, signedIn, { action: "record:child-voice", outcome: "success", caseId: facts.caseId, target: `child-voice:${id}` });
  context.services.events.publish({ room: `case:${facts.caseId}`, what: "child-voice" });
  return redirect(`/cases/${facts.caseId}/child-voice?recorded=1`);
}

/** A date column as the ISO date it names (postgres.js gives midnight UTC). */
const isoDateOf = (date: Date | string) => (typeof date === "string" ? date.slice(0, 10) : date.toISOString().slice(0, 10));

export default function ChildVoicePage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values, field } = answersOf(actionData);
  const [search] = useSearchParams();
  const first = page.childName.split(" ")[0];
  return (
    <Column width="full">
      <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} order={fieldOrder} />
      {search.get("recorded") && !errors ? <SuccessBanner id="recorded-title" heading={`${first}'s words have been recorded.`} /> : null}
      <PageHeading caption={caseCaption(page)}>The child's voice</PageHeading>
      {page.entries.length ? (
        page.entries.map((entry) => (
          <section className="app-section" key={entry.id} aria-labelledby={`seen-${entry.id}`}>
            {/* Each record is a section of the page, headed by when the child was seen; its three houses follow. */}
            <h2 className="govuk-heading-m" id={`seen-${entry.id}`}>
              {`Seen on ${formatDate(entry.seenOn)}`}
            </h2>
            <ChildVoiceSummary entry={entry} />
          </section>
        ))
      ) : (
        <p className="govuk-body">Nothing has been recorded in {first}'s own words yet.</p>
      )}
      {page.canRecord ? (
        <Form method="post" noValidate className="app-section">
          <h2 className="govuk-heading-m">Record what {first} said</h2>
          <p className="govuk-body">Write {first}'s own words, as they said them. Leave a house empty if they said nothing about it.</p>
          <DateInput
            prefix="seenOn"
            legend={`When was ${first} seen?`}
            hint="For example, 12 11 2026"
            error={errors?.seenOnDay}
            values={values}
          />
          <Radios {...field("seenAlone")} legend={`Was ${first} seen alone?`} options={yesNo} />
          <TextInput {...field("whoElsePresent")} label="If not, who else was there?" hint="For example: mother, foster carer, teacher" />
          <TextArea {...field("worries")} label="House of worries" hint={`What ${first} is worried about`} />
          <TextArea {...field("goodThings")} label="House of good things" hint={`What is good in ${first}'s life`} />
          <TextArea {...field("dreams")} label="House of dreams" hint={`How ${first} would like things to be`} />
          <Checkbox
            name="notForFamily"
            label="Not for family"
            hint="Leave this out of the family's copy, for example when sharing it could put the child at risk."
            defaultChecked={values.notForFamily === "yes"}
          />
          <SubmitButton>Record the child's voice</SubmitButton>
        </Form>
      ) : null}
    </Column>
  );
}
