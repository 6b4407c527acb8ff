// A core group's page: its clock, attendance, the live notes with a part per agency (and whether each goes to the
// family), the child's views since the last core group, progress against every action of the plan, and the lead
// social worker's sign-off, then addenda and to whom the notes were sent. Each section is its own file beside this
// one; the action is in core-group-actions.server.ts.
import { DueBy } from "../../components/clock-tag";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { todayInEngland } from "../../../common/forms/dates";
import { can } from "../../../server/access/policy";
import { coreGroupNotesResource } from "../../../server/access/core-group-resources";
import { readCoreGroupPage } from "../../../server/core-groups/read-core-group-page";
import { SuccessBanner } from "../../components/banners";
import { ErrorSummary } from "../../components/forms";
import { usePageAnswers } from "../../components/use-page-answers";
import { BackLink, caseCaption, PageHeading } from "../../components/page";
import { pageTitle } from "../../components/page-title";
import { SummaryList, SummaryRow } from "../../components/summary-list";
import { requireUser } from "../../utils/auth.server";
import { requireCoreGroup } from "../../utils/core-group.server";
import { audit } from "../../utils/permissions.server";
import { AttendanceSection } from "./attendance";
import { coreGroupAction } from "./core-group-actions.server";
import { NotesSection } from "./notes";
import { doneMessages } from "./parts";
import { ProgressSection } from "./progress";
import { RecordSections } from "./record";
import { howNames } from "../../../common/meeting-kinds";
import { type FormState } from "../../components/section";

export const meta: MetaFunction = () => [{ title: pageTitle("Core group") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireCoreGroup(context, signedIn, params);
  const page = await readCoreGroupPage(context.services.sql, context.services.calendar, signedIn, on, todayInEngland(context.services.clock()));
  await audit(context, signedIn, { action: "view:core-group", outcome: "success", caseId: on.facts.caseId, target: on.target });
  return { ...page, canReadNotes: can(signedIn.actor, "read:record", coreGroupNotesResource(on.facts, on.group)) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  return coreGroupAction(request, context, signedIn, await requireCoreGroup(context, signedIn, params));
}

export type CoreGroupPage = ReturnType<typeof useLoaderData<typeof loader>>;

export default function CoreGroupPage() {
  const page = useLoaderData<typeof loader>();
  const { errors, values, failed, done } = usePageAnswers(useActionData<typeof action>());
  const here = `/cases/${page.caseId}/core-groups/${page.coreGroup.id}`;
  const form: FormState = { errorsFor: (intent) => (failed === intent ? errors : undefined), values, failed };
  const { coreGroup } = page;
  return (
    <>
      <BackLink to={`/cases/${page.caseId}/plan`}>Back to the plan</BackLink>
      <ErrorSummary errors={errors} />
      {done && !errors ? <SuccessBanner id="core-group-done" heading={doneMessages[done] ?? "Saved."} /> : null}
      <PageHeading caption={caseCaption(page)}>{`Core group ${coreGroup.number}, ${coreGroup.heldAt}`}</PageHeading>
      {coreGroup.signedOff ? (
        <div className="govuk-inset-text" data-testid="signed-off">
          {`Signed off by ${coreGroup.signedOff.by} on ${coreGroup.signedOff.at}. The notes can no longer be changed; add an addendum below.`}
        </div>
      ) : null}
      <SummaryList testId="core-group-details">
        <SummaryRow label="How">{howNames[coreGroup.how]}</SummaryRow>
        <SummaryRow label="Lead social worker">{page.lead ?? "—"}</SummaryRow>
        {page.clock ? (
          <SummaryRow label="Clock" testId="core-group-clock">
            <DueBy clock={page.clock} />
            {coreGroup.lateReason && !/Reason:/.test(page.clock.words) ? <span className="app-preserve-lines">{` Why it is late: ${coreGroup.lateReason}`}</span> : null}
          </SummaryRow>
        ) : null}
        <SummaryRow label="After this, the core group meets every">{page.interval}</SummaryRow>
        <SummaryRow label="The notes">
          <Link className="govuk-link" to="notes/full">
            The full notes
          </Link>
          {" · "}
          <Link className="govuk-link" to="notes/family">
            The family's version
          </Link>
        </SummaryRow>
      </SummaryList>

      <AttendanceSection page={page} here={here} />
      <NotesSection page={page} here={here} form={form} />
      <ProgressSection page={page} here={here} form={form} />
      <RecordSections page={page} here={here} form={form} />
    </>
  );
}
