// An agency's check on a contact (issue 12 item 4): what was asked, when and by whom; the check itself as a live
// document its agency's screeners write while the rest of the screening team reads along; when it was completed; and,
// for the police's restricted check, sharing it with the whole team, always with why. Once the contact is decided and
// a case opened, the case's members read it here under the same rule.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { CHECK_TEXT_MAX, shareCheckFieldOrder, shareCheckSchema } from "../../common/forms/contact-checks";
import { parseForm } from "../../common/forms/form-errors";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { can } from "../../server/access/policy";
import { liveDocumentFor } from "../../server/documents/live-document-view";
import { signOffDocuments } from "../../server/documents/sign-off-documents";
import { completeCheck, contactCheckName, readContactCheck, shareCheck } from "../../server/referrals/contact-documents";
import { answersOf, ErrorSummary, TextArea } from "../components/forms";
import { SuccessBanner } from "../components/banners";
import { LiveNotesSection } from "../components/live-notes";
import { BackLink, Column, PageHeading, SubmitButton, WarningText } from "../components/page";
import { pageTitle } from "../components/page-title";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { useChangeNotices } from "../realtime/use-change-notices";
import { requireUser, type SignedIn } from "../utils/auth.server";
import { requireContactDocument } from "../utils/front-door.server";
import { audit, forbidden, notFound } from "../utils/permissions.server";
import { idParam } from "../utils/plan.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Agency check") }];

/** The check behind the address, if this person may read it (an audited 404 otherwise). */
async function requireCheck(context: LoaderFunctionArgs["context"], signedIn: SignedIn, params: LoaderFunctionArgs["params"]) {
  const contactId = idParam(params.contactId);
  const agencyId = /^[a-z0-9][a-z0-9-]{0,62}$/.test(params.agencyId ?? "") ? params.agencyId! : "unknown";
  const documentName = contactCheckName(contactId ?? 0, agencyId);
  const resolved = await requireContactDocument(context, signedIn, documentName);
  const check = (await readContactCheck(context.services.sql, contactId!, agencyId))!;
  return { contactId: contactId!, documentName, resolved, check };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { contactId, documentName, resolved, check } = await requireCheck(context, signedIn, params);
  await audit(context, signedIn, { action: "view:contact-check", outcome: "success", caseId: resolved.caseId, target: `document:${documentName}` });
  const screens = can(signedIn.actor, "screen:contact", { type: "front-door" });
  return {
    contactId,
    back: screens || resolved.caseId === null ? { to: `/front-door/${contactId}`, label: "Back to the referral" } : { to: `/cases/${resolved.caseId}`, label: "Back to the case" },
    check: {
      agencyName: check.agencyName,
      asked: check.asked,
      askedBy: `${check.askedByName}, ${check.askedByAgencyName}`,
      askedAt: formatDateTime(check.askedAt),
      completed: check.completedAt ? `${formatDateTime(check.completedAt)} by ${check.completedByName}` : null,
      restricted: check.restricted,
      shared: check.shared ? { reason: check.shared.reason, by: check.shared.byName, at: formatDateTime(check.shared.at) } : null,
    },
    live: liveDocumentFor(signedIn, resolved.resource, documentName, "this check", false),
    canComplete: !check.completedAt && can(signedIn.actor, "write:record", resolved.resource),
    canShare: can(signedIn.actor, "share:record", resolved.resource),
    returnTo: new URL(request.url).pathname,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { contactId, documentName, resolved, check } = await requireCheck(context, signedIn, params);
  const form = await request.formData();
  const intent = form.get("intent");
  const at = context.services.clock();
  const target = `document:${documentName}`;
  if (intent === "complete") {
    if (check.completedAt) return redirect(`/front-door/${contactId}/checks/${check.agencyId}`);
    if (!can(signedIn.actor, "write:record", resolved.resource)) {
      await audit(context, signedIn, { action: "write:record", outcome: "denied", target, details: { intent } });
      throw forbidden();
    }
    // Completing ends writing: every editor is made read-only before the page says it is done.
    await signOffDocuments(context.services, {
      ends: { kind: "contact-records-changed", contactId },
      documents: { names: [documentName] },
      markSignedOff: (tx) => completeCheck(tx, { checkId: check.id, byUserId: signedIn.user.id, at }),
    });
    await audit(context, signedIn, { action: "complete:contact-check", outcome: "success", target });
  } else if (intent === "share") {
    if (!can(signedIn.actor, "share:record", resolved.resource)) {
      await audit(context, signedIn, { action: "share:record", outcome: "denied", target });
      throw forbidden();
    }
    const parsed = parseForm(shareCheckSchema, form);
    if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
    await shareCheck(context.services.sql, { checkId: check.id, reason: parsed.data.reason, byUserId: signedIn.user.id, at });
    await audit(context, signedIn, { action: "share:record", outcome: "success", target, details: { reason: parsed.data.reason } });
  } else {
    await audit(context, signedIn, { action: "write:record", outcome: "denied", target, details: { reason: "no such change" } });
    throw notFound();
  }
  context.services.events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  return redirect(`/front-door/${contactId}/checks/${check.agencyId}?done=${intent}`);
}

export default function ContactCheckPage() {
  const { contactId, back, check, live, canComplete, canShare, returnTo } = useLoaderData<typeof loader>();
  const { errors, values } = answersOf(useActionData<typeof action>());
  const done = useSearchParams()[0].get("done");
  useChangeNotices(FRONT_DOOR_ROOM);
  return (
    <Column width="two-thirds">
      <BackLink to={back.to}>{back.label}</BackLink>
      <ErrorSummary errors={errors} order={shareCheckFieldOrder} />
      {done === "complete" && check.completed ? <SuccessBanner id="done-title" heading="Check completed" /> : null}
      {done === "share" && check.shared ? <SuccessBanner id="done-title" heading="Shared with the screening team" /> : null}
      <PageHeading caption={`Referral R-${contactId}`}>{`${check.agencyName}'s check`}</PageHeading>
      {check.restricted ? (
        <WarningText testId="check-restricted">Restricted: only {check.agencyName} and the managers who decide can read this check.</WarningText>
      ) : null}
      <SummaryList testId="check-status">
        <SummaryRow label="Asked for">{`${check.askedAt} by ${check.askedBy}`}</SummaryRow>
        <SummaryRow label="What to check">{check.asked}</SummaryRow>
        <SummaryRow label="Completed">{check.completed ?? "Not yet"}</SummaryRow>
        {check.shared ? <SummaryRow label="Shared with the screening team">{`${check.shared.at} by ${check.shared.by}: ${check.shared.reason}`}</SummaryRow> : null}
      </SummaryList>

      <LiveNotesSection
        id="check"
        heading={`What ${check.agencyName} holds`}
        hint="The agency's screeners write here; the screening team sees it as it is typed. Each change is recorded with its writer's name and agency."
        live={live}
        returnTo={returnTo}
        historyTo={`${returnTo}/history`}
        what="this check"
      />

      {canComplete ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="complete" />
          <p className="govuk-body">When everything {check.agencyName} holds is written, say the check is complete. It can then be read but not changed.</p>
          <SubmitButton>Mark the check as complete</SubmitButton>
        </Form>
      ) : null}

      {canShare ? (
        <>
          <h2 className="govuk-heading-m">Share with the screening team</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="share" />
            <TextArea
              name="reason"
              label="Why does the whole screening team need to read this check?"
              labelClassName="govuk-label--s"
              hint={`Social care, health and education screeners will read it. Up to ${CHECK_TEXT_MAX} characters, kept with your name and the time.`}
              error={errors?.reason}
              defaultValue={values.reason}
              rows={3}
            />
            <SubmitButton>Share the check</SubmitButton>
          </Form>
        </>
      ) : null}
    </Column>
  );
}
