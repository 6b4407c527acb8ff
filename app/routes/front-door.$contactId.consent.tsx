// Consent on a contact, as the screening team records it (issue 12 item 5; decision 036): asked and given, asked and
// refused, or dispensed with, which needs the reason and the social care manager who decided (chosen from the active
// social care managers; the server checks the person chosen is one). Every record is kept, the latest is current,
// and the referrer's own answer is shown beside it. A decided contact records nothing more.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { consentFieldOrder, consentNames, consentSchema, CONSENT_REASON_MAX, referrerConsentNames } from "../../common/forms/contact-decisions";
import { parseForm } from "../../common/forms/form-errors";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { listContactConsent, listDecidingManagers, recordContactConsent } from "../../server/referrals/contact-consent";
import { ScrollableTable, SuccessBanner } from "../components/banners";
import { answersOf, ErrorSummary, Radios, Select, TextArea } from "../components/forms";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { Cell, Row, RowHeader, Table } from "../components/table";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";
import { DECIDED_MESSAGE, mayWork, requireUndecidedContact } from "../utils/contact-decisions.server";
import { requireContact } from "../utils/front-door.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Consent") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "screen:contact");
  const { sql } = context.services;
  const [history, managers] = await Promise.all([listContactConsent(sql, referral.id), listDecidingManagers(sql)]);
  await audit(context, signedIn, { action: "screen:contact", outcome: "success", target: `contact:${referral.id}:consent` });
  return {
    id: referral.id,
    children: referral.children.map((child) => child.fullName).join(", "),
    referrerAgencyName: referral.referrerAgencyName,
    referrerConsent: referral.consent ? referrerConsentNames[referral.consent] : "Not answered",
    referrerConsentDetail: referral.consentDetail,
    decided: referral.decidedAt !== null,
    mayRecord: mayWork(signedIn, referral, "record:consent"),
    managers,
    history: history.map((entry) => ({ ...entry, consentName: consentNames[entry.consent], at: formatDateTime(entry.at) })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { referral, refused } = await requireUndecidedContact(context, signedIn, params.contactId, "record:consent");
  const form = await request.formData();
  if (refused) return data({ errors: { form: refused }, values: {} }, { status: 400 });
  const parsed = parseForm(consentSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const recorded = await recordContactConsent(context.services.sql, {
    contactId: referral.id,
    ...parsed.data,
    byUserId: signedIn.user.id,
    byAgencyId: signedIn.user.agencyId,
    at: context.services.clock(),
  });
  if (!recorded.ok) {
    const values = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]));
    if (recorded.problem === "decided") return data({ errors: { form: DECIDED_MESSAGE }, values }, { status: 400 });
    await audit(context, signedIn, {
      action: "record:consent",
      outcome: "failure",
      target: `contact:${referral.id}`,
      details: { reason: "not a social care manager", managerUserId: parsed.data.managerUserId },
    });
    return data({ errors: { managerUserId: "Select the social care manager who decided from the list" }, values }, { status: 400 });
  }
  await audit(context, signedIn, {
    action: "record:consent",
    outcome: "success",
    target: `contact:${referral.id}`,
    details: { consent: parsed.data.consent, consentId: recorded.id, managerUserId: parsed.data.managerUserId },
  });
  context.services.events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  return redirect(`/front-door/${referral.id}/consent?recorded=1`);
}

export default function ContactConsent() {
  const page = useLoaderData<typeof loader>();
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  const recorded = useSearchParams()[0].get("recorded") === "1";
  usePresence(FRONT_DOOR_ROOM);
  useChangeNotices(FRONT_DOOR_ROOM);
  const current = page.history[0];
  return (
    <Column width="two-thirds">
      <BackLink to={`/front-door/${page.id}`}>Back to the referral</BackLink>
      <ErrorSummary errors={errors} order={[...consentFieldOrder, "form"]} />
      {recorded && !errors && current ? <SuccessBanner id="consent-recorded-title" heading={`Consent recorded: ${current.consentName.toLowerCase()}`} /> : null}
      <PageHeading caption={`Referral R-${page.id} from ${page.referrerAgencyName}`}>{`Consent for the referral about ${page.children}`}</PageHeading>
      <SummaryList testId="consent-status">
        <SummaryRow label="The referrer's answer">
          {page.referrerConsent}
          {page.referrerConsentDetail ? <p className="govuk-body govuk-!-margin-top-2">{page.referrerConsentDetail}</p> : null}
        </SummaryRow>
        <SummaryRow label="The screening team's record">{current ? current.consentName : "Not recorded yet"}</SummaryRow>
      </SummaryList>

      {page.decided ? (
        <p className="govuk-body">This referral has been decided: its consent is read, never changed.</p>
      ) : page.mayRecord ? (
        <>
          <h2 className="govuk-heading-m">{current ? "Record consent again" : "Record consent"}</h2>
          <Form method="post" noValidate>
            <Radios
              {...field("consent")}
              legend="The family's consent to share information and to this referral"
              options={[
                { value: "given", label: "Asked and given" },
                { value: "refused", label: "Asked and refused" },
                { value: "dispensed_with", label: "Dispensed with", hint: "Only with the reason and the social care manager who decided" },
              ]}
            />
            <TextArea
              name="reason"
              label="Detail, or why consent is dispensed with"
              labelClassName="govuk-label--s"
              hint={`Required when consent is dispensed with. Up to ${CONSENT_REASON_MAX} characters. It is kept with your name and the time.`}
              error={errors?.reason}
              defaultValue={values.reason}
              rows={4}
            />
            <Select
              name="managerUserId"
              label="The social care manager who decided to dispense with consent"
              hint="Required when consent is dispensed with."
              placeholder="Choose a manager"
              error={errors?.managerUserId}
              defaultValue={values.managerUserId}
              groups={[{ label: null, options: page.managers.map((manager) => ({ value: String(manager.userId), label: manager.label })) }]}
            />
            <SubmitButton>Save consent</SubmitButton>
          </Form>
        </>
      ) : null}

      <h2 className="govuk-heading-m">Consent history</h2>
      {page.history.length === 0 ? (
        <p className="govuk-body">The screening team has not recorded consent yet.</p>
      ) : (
        <ScrollableTable label="Consent history">
          <Table caption="Every consent record on this referral, the latest first" columns={["When", "Consent", "By", "Detail"]} testId="consent-history">
            {page.history.map((entry) => (
              <Row key={entry.id}>
                <RowHeader>{entry.at}</RowHeader>
                <Cell>{entry.consentName}</Cell>
                <Cell>{`${entry.byName}, ${entry.byAgencyName}`}</Cell>
                <Cell>
                  {entry.reason}
                  {entry.managerName ? <p className="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{`Decided by ${entry.managerName}`}</p> : null}
                </Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      )}
    </Column>
  );
}
