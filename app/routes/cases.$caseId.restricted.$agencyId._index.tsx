import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { can } from "../../server/access/policy";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { listCurrentShares, listShareHistory, recordShare } from "../../server/cases/restricted-notes";
import { SuccessBanner } from "../components/banners";
import { answersOf, ErrorSummary, Select, TextArea } from "../components/forms";
import { LiveNotesSection } from "../components/live-notes";
import { BackLink, caseCaption, Column, PageHeading, SubmitButton } from "../components/page";
import { Cell, Row, Table } from "../components/table";
import { RestrictedMarking } from "../components/restricted-marking";
import { shareSchema } from "../../common/forms/mapping";
import { formValues, parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { useChangeNotices } from "../realtime/use-change-notices";
import { confirmationAsked, confirmInForm, requireUser } from "../utils/auth.server";
import { ConfirmInForm } from "../components/second-factor";
import { formatDateTime } from "../../common/format";
import { liveDocumentFor } from "../../server/documents/live-document-view";
import { pageTitle } from "../components/page-title";
import { audit, authorize } from "../utils/permissions.server";
import { requireAgencyNotes } from "../utils/restricted-notes.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? `Restricted notes – ${data.agencyName}` : "Restricted notes") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, agencyId, resource, documentName } = await requireAgencyNotes(context, signedIn, params);
  const { sql } = context.services;
  const [sheet, shares, shareHistory] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    listCurrentShares(sql, facts.caseId, agencyId),
    listShareHistory(sql, facts.caseId, agencyId),
  ]);
  await audit(context, signedIn, { action: "view:restricted-notes", outcome: "success", caseId: facts.caseId, target: `document:${documentName}` });
  const agencyName = sheet?.agencies.find((agency) => agency.id === agencyId)?.name ?? agencyId;
  const canShare = can(signedIn.actor, "write:record", resource);
  const shared = new Set(shares.map((share) => share.agencyId));
  return {
    caseId: facts.caseId,
    reference: sheet?.reference ?? "",
    childName: sheet?.child?.fullName ?? "the child",
    agencyId,
    agencyName,
    live: liveDocumentFor(signedIn, resource, documentName, "these notes"),
    shares: shares.map((share) => ({ ...share, at: formatDateTime(share.at) })),
    shareHistory: shareHistory.map((event) => ({ ...event, at: formatDateTime(event.at) })),
    canShare,
    // Sharing is one of the most sensitive actions: its form asks for the code itself when the last proof is old.
    confirmAsked: canShare ? confirmationAsked(context, signedIn) : null,
    shareable: canShare
      ? (sheet?.agencies ?? []).filter((agency) => agency.id !== agencyId && !shared.has(agency.id)).map((agency) => ({ id: agency.id, name: agency.name }))
      : [],
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, agencyId, resource, documentName } = await requireAgencyNotes(context, signedIn, params);
  // Only the agency whose notes they are writes them, and so decides who else reads them (the policy's rule for
  // restricted records).
  await authorize(context, signedIn, "write:record", resource, { target: `document:${documentName}`, caseId: facts.caseId });
  const form = await request.formData();
  const parsed = parseForm(shareSchema, form);
  if (!parsed.success) {
    // Each "stop sharing" form has its own reason box: the error points at the one that was sent.
    const { reason, ...rest } = parsed.errors;
    const errors = parsed.values.intent === "stop" && reason ? { ...rest, [`reason-${parsed.values.agencyId}`]: reason } : parsed.errors;
    return data({ errors, values: parsed.values }, { status: 400 });
  }
  const { intent, agencyId: withAgencyId, reason } = parsed.data;
  const current = new Set((await listCurrentShares(context.services.sql, facts.caseId, agencyId)).map((share) => share.agencyId));
  // Sharing needs the agency on the case; stopping works for any current share, whether or not the agency is still on it.
  const problem =
    intent === "stop"
      ? current.has(withAgencyId)
        ? null
        : "These notes are not shared with that agency"
      : withAgencyId === agencyId || !facts.agencyIds.includes(withAgencyId)
        ? "Select an agency working on this case"
        : current.has(withAgencyId)
          ? "These notes are already shared with that agency"
          : null;
  if (problem) return data({ errors: { [intent === "stop" ? "form" : "agencyId"]: problem } as FieldErrors, values: formValues(form) }, { status: 400 });
  // Sharing a restricted record with another agency is one of the most sensitive actions (decision 056), confirmed in
  // the form itself so the reason typed is kept.
  const unconfirmed = intent === "share" ? await confirmInForm(request, context, signedIn, form) : null;
  if (unconfirmed) return data({ errors: { confirmCode: unconfirmed } as FieldErrors, values: formValues(form) }, { status: 400 });
  await recordShare(context.services.sql, {
    caseId: facts.caseId,
    ownerAgencyId: agencyId,
    withAgencyId,
    shared: intent === "share",
    reason,
    by: signedIn.user.id,
    at: context.services.clock(),
  });
  await audit(context, signedIn, {
    action: intent === "share" ? "share:restricted-notes" : "unshare:restricted-notes",
    outcome: "success",
    caseId: facts.caseId,
    target: `document:${documentName}`,
    details: { withAgencyId, reason },
  });
  await context.services.events.endAccess({ kind: "records-changed", caseId: facts.caseId });
  context.services.events.publish({ room: documentName, what: "shares" });
  return redirect(`/cases/${facts.caseId}/restricted/${agencyId}?${intent === "share" ? "shared" : "stopped"}=${encodeURIComponent(withAgencyId)}`);
}

export default function RestrictedNotes() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values } = answersOf(actionData);
  const [search] = useSearchParams();
  useChangeNotices(page.live.documentName);
  const sharedWith = search.get("shared") ?? search.get("stopped");
  const sharedName = page.shares.find((share) => share.agencyId === sharedWith)?.agencyName;
  return (
    <>
      <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink>
      <ErrorSummary errors={errors} order={["agencyId", "reason", "confirmCode"]} />
      {search.get("shared") && !errors ? (
        <SuccessBanner id="shared-title" heading={`These notes are now shared with ${sharedName ?? "that agency"}.`} />
      ) : search.get("stopped") && !errors ? (
        <SuccessBanner id="shared-title" heading="Sharing has stopped. That agency can no longer read these notes." />
      ) : null}
      <PageHeading caption={caseCaption(page)}>{page.agencyName}: restricted notes</PageHeading>
      <RestrictedMarking agencyName={page.agencyName} />
      <LiveNotesSection
        id="restricted-notes"
        heading="Notes (live)"
        hint={`Only ${page.agencyName} and the agencies listed below can read these notes. Each change is recorded with its author's name and agency.`}
        live={page.live}
        returnTo={`/cases/${page.caseId}/restricted/${page.agencyId}`}
        historyTo="history"
      />
      <section className="app-section" aria-labelledby="shares-heading">
        <h2 className="govuk-heading-m" id="shares-heading">
          Who else can read them
        </h2>
        {page.shares.length ? (
          <Table testId="shares" caption="Agencies these notes are shared with" columns={["Agency", "Why", "Shared by"]}>
            {page.shares.map((share) => (
              <Row key={share.agencyId}>
                <Cell>{share.agencyName}</Cell>
                <Cell className="app-preserve-lines">{share.reason}</Cell>
                <Cell>
                  {share.by}, {share.at}
                </Cell>
              </Row>
            ))}
          </Table>
        ) : (
          <p className="govuk-body">
            Nobody outside {page.agencyName}, except the case's child protection chair.
          </p>
        )}
        {page.canShare ? (
          <Column width="two-thirds">
            {page.shareable.length ? (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="share" />
                <h3 className="govuk-heading-s">Share these notes with another agency on the case</h3>
                <Select
                  name="agencyId"
                  label="Agency"
                  error={values.intent === "share" ? errors?.agencyId : undefined}
                  defaultValue={values.agencyId}
                  placeholder="Choose an agency"
                  groups={[{ label: null, options: page.shareable.map((agency) => ({ value: agency.id, label: agency.name })) }]}
                />
                <TextArea
                  name="reason"
                  label="Why they need to know"
                  hint="Recorded with the share, for the record. For example: the lead social worker needs the bail conditions to plan contact."
                  error={values.intent === "share" ? errors?.reason : undefined}
                  defaultValue={values.intent === "share" ? values.reason : undefined}
                  rows={3}
                />
                <ConfirmInForm asked={page.confirmAsked ?? (errors?.confirmCode ? "authenticator" : null)} error={errors?.confirmCode} />
                <SubmitButton variant="secondary">Share the notes</SubmitButton>
              </Form>
            ) : null}
            {page.shares.map((share) => (
              <Form method="post" noValidate key={share.agencyId} className="app-stop-sharing">
                <input type="hidden" name="intent" value="stop" />
                <input type="hidden" name="agencyId" value={share.agencyId} />
                <details className="govuk-details" open={!!errors?.[`reason-${share.agencyId}`]}>
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">Stop sharing with {share.agencyName}</span>
                  </summary>
                  <div className="govuk-details__text">
                    <TextArea
                      name="reason"
                      id={`reason-${share.agencyId}`}
                      label={`Why ${share.agencyName} no longer needs to read them`}
                      error={errors?.[`reason-${share.agencyId}`]}
                      rows={2}
                    />
                    <SubmitButton variant="warning">Stop sharing</SubmitButton>
                  </div>
                </details>
              </Form>
            ))}
          </Column>
        ) : null}
        {page.shareHistory.length ? (
          <details className="govuk-details" open={page.shareHistory.length > page.shares.length}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Record of sharing ({page.shareHistory.length})</span>
            </summary>
            <div className="govuk-details__text">
              <Table testId="share-history" caption="Every share of these notes and every end of one, newest first" columns={["When", "What", "Why", "By"]}>
                {page.shareHistory.map((event, index) => (
                  <Row key={index}>
                    <Cell>{event.at}</Cell>
                    <Cell>{`${event.shared ? "Shared with" : "Stopped sharing with"} ${event.agencyName}`}</Cell>
                    <Cell className="app-preserve-lines">{event.reason}</Cell>
                    <Cell>{event.by}</Cell>
                  </Row>
                ))}
              </Table>
            </div>
          </details>
        ) : null}
      </section>
    </>
  );
}
