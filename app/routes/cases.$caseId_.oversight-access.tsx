// A partnership manager not on a case opens it for oversight by saying why (decision 039): the page shows the case's
// reference, agencies and dates, never the child's name; a reason is kept, audited and shown to the case's lead social
// worker and team managers, and the case opens for OVERSIGHT_ACCESS_HOURS. Outside the case's layout: the person may
// not join the case's room until they have given a reason.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { formatDate } from "../../common/format";
import { parseForm } from "../../common/forms/form-errors";
import { OVERSIGHT_REASON_MAX, OVERSIGHT_REASON_MIN, oversightAccessFieldOrder, oversightAccessSchema } from "../../common/forms/oversight-access";
import { openCaseForOversight, readCaseOutline } from "../../server/oversight/oversight-access";
import { answersOf, ErrorSummary, TextArea } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitOrCancel } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { requireUser } from "../utils/auth.server";
import { requireOversightOpening } from "../utils/oversight-access.server";
import { audit, notFound } from "../utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Why do you need to open this case? – Case ${data.reference}` : "Why do you need to open this case?") },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireOversightOpening(context, signedIn, params.caseId);
  const outline = await readCaseOutline(context.services.sql, facts.caseId);
  if (!outline) throw notFound();
  await audit(context, signedIn, { action: "view:oversight-access", outcome: "success", caseId: facts.caseId, target: `case:${facts.caseId}` });
  return {
    caseId: outline.caseId,
    reference: outline.reference,
    status: outline.status,
    openedOn: formatDate(outline.openedOn),
    closedOn: outline.closedOn ? formatDate(outline.closedOn) : null,
    agencies: outline.agencies,
    hours: context.services.config.OVERSIGHT_ACCESS_HOURS,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireOversightOpening(context, signedIn, params.caseId);
  const parsed = parseForm(oversightAccessSchema, await request.formData());
  if (!parsed.success) {
    // A refused reason is recorded too (what was wrong, never the words), so repeated tries leave a trace.
    await audit(context, signedIn, {
      action: "open:case-for-oversight",
      outcome: "failure",
      caseId: facts.caseId,
      target: `case:${facts.caseId}`,
      details: { problems: Object.keys(parsed.errors) },
    });
    return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const { sql, clock, config, events } = context.services;
  const { expiresAt } = await openCaseForOversight(sql, {
    caseId: facts.caseId,
    userId: signedIn.user.id,
    reason: parsed.data.reason,
    at: clock(),
    hours: config.OVERSIGHT_ACCESS_HOURS,
  });
  await audit(context, signedIn, {
    action: "open:case-for-oversight",
    outcome: "success",
    caseId: facts.caseId,
    target: `case:${facts.caseId}`,
    details: { reason: parsed.data.reason, expiresAt: expiresAt.toISOString() },
  });
  // Content-free: the case's open pages (its lead's front sheet) fetch again, and show who opened it and why.
  events.publish({ room: `case:${facts.caseId}`, what: "team" });
  return redirect(`/cases/${facts.caseId}`);
}

export default function OversightAccess() {
  const page = useLoaderData<typeof loader>();
  const { errors, values } = answersOf(useActionData<typeof action>());
  return (
    <Column width="two-thirds">
      <BackLink to="/oversight">Back to oversight</BackLink>
      <ErrorSummary errors={errors} order={oversightAccessFieldOrder} />
      <PageHeading caption={`Case ${page.reference}`}>Why do you need to open this case?</PageHeading>
      <p className="govuk-body">
        You do not work on this case. You can open it to oversee the partnership's work, read-only, once you have said why.
      </p>
      <SummaryList>
        <SummaryRow label="Case reference">{page.reference}</SummaryRow>
        <SummaryRow label="Agencies on the case">
          {page.agencies.length ? (
            <ul className="govuk-list">
              {page.agencies.map((agency) => (
                <li key={agency}>{agency}</li>
              ))}
            </ul>
          ) : (
            "None"
          )}
        </SummaryRow>
        <SummaryRow label="Opened">{page.openedOn}</SummaryRow>
        {page.closedOn ? <SummaryRow label="Closed">{page.closedOn}</SummaryRow> : null}
      </SummaryList>
      <Form method="post" noValidate>
        <TextArea
          name="reason"
          label="Your reason"
          labelClassName="govuk-label--s"
          hint={`What you need to check and why, in ${OVERSIGHT_REASON_MIN} to ${OVERSIGHT_REASON_MAX} characters. The case's lead social worker and team managers see your reason, your name and when; it is kept in the audit trail. The case stays open to you for ${page.hours} ${page.hours === 1 ? "hour" : "hours"}.`}
          error={errors?.reason}
          defaultValue={values.reason}
          rows={5}
        />
        <SubmitOrCancel cancelTo="/oversight">Open the case</SubmitOrCancel>
      </Form>
    </Column>
  );
}
