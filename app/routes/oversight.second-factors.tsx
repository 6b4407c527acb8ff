// Second factors across the partnership (decision 056), for partnership managers: the share of each agency's people
// who have set up an authenticator app or a passkey, and each agency's exemption (who recorded it, when and why). Recording or
// withdrawing an exemption asks the manager to prove it is them first; withdrawing one stops, at once, every open page
// of that agency's people who signed in with a password alone, and sends them to give a second factor.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { OVERSIGHT_ROOM } from "../../common/realtime-events";
import { formatDateTime } from "../../common/format";
import { parseForm } from "../../common/forms/form-errors";
import { exemptionSchema } from "../../common/forms/second-factor-exemption";
import { recordExemption, secondFactorsByAgency, withdrawExemption } from "../../server/auth/exemptions";
import { ScrollableTable, SuccessBanner } from "../components/banners";
import { ErrorSummary, Select, TextArea } from "../components/forms";
import { Column, Hidden, PageHeading, RowButton, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { Cell, Row, Table } from "../components/table";
import { useChangeNotices } from "../realtime/use-change-notices";
import { confirmationAsked, confirmInForm, requireRecentConfirmation, requireUser } from "../utils/auth.server";
import { ConfirmInForm } from "../components/second-factor";
import { audit, authorize } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Second factors by agency") }];

async function requireOverseer(request: Request, context: LoaderFunctionArgs["context"]) {
  const signedIn = await requireUser(request, context);
  await authorize(context, signedIn, "oversee:second-factors", { type: "partnership" }, { target: "second-factors", hide: true });
  return signedIn;
}

const percent = (part: number, whole: number) => (whole === 0 ? "No one yet" : `${Math.round((100 * part) / whole)}%`);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireOverseer(request, context);
  const agencies = await secondFactorsByAgency(context.services.sql);
  await audit(context, signedIn, { action: "read:second-factors", outcome: "success", target: "second-factors" });
  const url = new URL(request.url);
  return {
    done: url.searchParams.get("recorded") ?? url.searchParams.get("withdrawn"),
    recorded: url.searchParams.has("recorded"),
    confirmAsked: confirmationAsked(context, signedIn),
    agencies: agencies.map((agency) => ({
      ...agency,
      share: percent(agency.withSecondFactor, agency.people),
      exemption: agency.exemption ? { ...agency.exemption, recordedAt: formatDateTime(agency.exemption.recordedAt) } : null,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const signedIn = await requireOverseer(request, context);
  const form = await request.formData();
  const parsed = parseForm(exemptionSchema, form);
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { sql, clock, events } = context.services;
  const values = { agencyId: parsed.data.agencyId, reason: "reason" in parsed.data ? parsed.data.reason : "" };
  const agency = (await secondFactorsByAgency(sql)).find((candidate) => candidate.agencyId === parsed.data.agencyId);
  if (!agency) return data({ errors: { agencyId: "Select an agency" }, values }, { status: 400 });
  // Recording one keeps the reason typed: its form takes the code itself. Withdrawing one (a button) goes to confirm.
  if (parsed.data.intent === "record") {
    const unconfirmed = await confirmInForm(request, context, signedIn, form);
    if (unconfirmed) return data({ errors: { confirmCode: unconfirmed }, values }, { status: 400 });
  } else requireRecentConfirmation(request, context, signedIn);
  const target = `agency:${agency.agencyId}`;
  if (parsed.data.intent === "record") {
    if (!(await recordExemption(sql, { agencyId: agency.agencyId, reason: parsed.data.reason, by: signedIn.user.id, now: clock() })))
      return data({ errors: { agencyId: `${agency.agencyName} is already exempt` }, values }, { status: 400 });
    await audit(context, signedIn, { action: "record:second-factor-exemption", outcome: "success", target, details: { reason: parsed.data.reason } });
  } else {
    const shortOfFactor = await withdrawExemption(sql, agency.agencyId);
    if (!shortOfFactor) return data({ errors: { form: `${agency.agencyName} is not exempt` }, values }, { status: 400 });
    // Their open pages stop before the manager is told it is done; each is asked for a second factor next.
    for (const [userId, sessionIds] of shortOfFactor) await events.endAccess({ kind: "sessions-ended", userId, sessionIds });
    await audit(context, signedIn, { action: "withdraw:second-factor-exemption", outcome: "success", target, details: { sessionsStopped: [...shortOfFactor.values()].flat().length } });
  }
  events.publish({ room: OVERSIGHT_ROOM, what: "oversight" });
  return redirect(`/oversight/second-factors?${parsed.data.intent === "record" ? "recorded" : "withdrawn"}=${encodeURIComponent(agency.agencyName)}`);
}

export default function SecondFactors() {
  const { agencies, done, recorded, confirmAsked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useChangeNotices(OVERSIGHT_ROOM);
  const errors = result?.errors as Record<string, string> | undefined;
  const notExempt = agencies.filter((agency) => !agency.exemption);
  return (
    <Column width="full">
      <ErrorSummary errors={errors} order={["form", "agencyId", "reason", "confirmCode"]} />
      {done && !errors ? (
        <SuccessBanner
          id="exemption-result"
          heading={recorded ? `${done}'s people may now sign in with a password alone` : `${done}'s people must now give a second factor`}
        />
      ) : null}
      <PageHeading caption="Oversight">Second factors by agency</PageHeading>
      <p className="govuk-body">
        Everyone signs in with a password and a code from an authenticator app, unless their agency is exempt. An
        exemption is for an agency that cannot yet give its people a second factor, and should not last.
      </p>
      <ScrollableTable label="People with an authenticator app or passkey, by agency">
        <Table caption="People with an authenticator app or passkey, by agency" captionSize="m" columns={[
            "Agency",
            { label: "People who can sign in", numeric: true },
            { label: "With an authenticator app or passkey", numeric: true },
            { label: "Share", numeric: true },
            "Exemption",
            { hidden: "Action" },
          ]}>
          {agencies.map((agency) => (
            <Row key={agency.agencyId}>
              <Cell>{agency.agencyName}</Cell>
              <Cell numeric>{agency.people}</Cell>
              <Cell numeric>{agency.withSecondFactor}</Cell>
              <Cell numeric>{agency.share}</Cell>
              <Cell>
                {agency.exemption ? (
                  <>
                    <strong className="govuk-tag govuk-tag--yellow">Exempt</strong>
                    <div className="govuk-body-s govuk-!-margin-bottom-0">{agency.exemption.reason}</div>
                    <div className="govuk-hint govuk-!-margin-0">
                      Recorded by {agency.exemption.recordedBy}, {agency.exemption.recordedAt}
                    </div>
                  </>
                ) : (
                  "None: a second factor is required"
                )}
              </Cell>
              <Cell>
                {agency.exemption ? (
                  <Form method="post">
                    <input type="hidden" name="agencyId" value={agency.agencyId} />
                    <RowButton intent="withdraw" variant="secondary">
                      Withdraw the exemption<Hidden> for {agency.agencyName}</Hidden>
                    </RowButton>
                  </Form>
                ) : null}
              </Cell>
            </Row>
          ))}
        </Table>
      </ScrollableTable>
      {notExempt.length ? (
        <Form method="post" noValidate>
          <h2 className="govuk-heading-m">Record an exemption</h2>
          <input type="hidden" name="intent" value="record" />
          <Select
            name="agencyId"
            label="Agency"
            placeholder="Select an agency"
            error={errors?.agencyId}
            defaultValue={result?.values?.agencyId}
            groups={[{ label: null, options: notExempt.map((agency) => ({ value: agency.agencyId, label: agency.agencyName })) }]}
          />
          <TextArea name="reason" label="Why its people may sign in without a second factor" hint="Everyone in the partnership who oversees it reads this. Say until when, if you know." error={errors?.reason} defaultValue={result?.values?.reason} rows={3} />
          <ConfirmInForm asked={confirmAsked ?? (errors?.confirmCode ? "authenticator" : null)} error={errors?.confirmCode} />
          <SubmitButton variant="secondary">Record the exemption</SubmitButton>
        </Form>
      ) : null}
    </Column>
  );
}
