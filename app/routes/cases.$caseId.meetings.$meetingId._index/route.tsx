// A strategy meeting's page: attendance, each agency's live section, scaling, the chair's decisions, actions, sign-off
// and addenda. Each section is its own file beside this one; the action is in meeting-actions.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { todayInEngland } from "../../../common/forms/dates";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { formatDate, formatDateTime } from "../../../common/format";
import { can } from "../../../server/access/policy";
import { workingDaysLeft } from "../../../server/calendar/working-days";
import { documentNames } from "../../../server/documents/registry";
import { unscaledAgencies } from "../../../server/meetings/sign-off-meeting";
import { SuccessBanner } from "../../components/banners";
import { ErrorSummary } from "../../components/forms";
import { PresenceList } from "../../components/presence-list";
import { useChangeNotices } from "../../realtime/use-change-notices";
import { usePresence } from "../../realtime/use-presence";
import { requireUser } from "../../utils/auth.server";
import { liveDocumentFor } from "../../../server/documents/live-document-view";
import { requireMeeting } from "../../utils/meeting.server";
import { loadMeetingRecord } from "../../../server/meetings/meeting-record";
import { chairPartControls, meetingPageControls, sectionResource } from "../../../server/meetings/meeting-controls";
import { listChairPartReaders } from "../../../server/meetings/chair-part-readers";
import { listMeetingFamilyMarkings } from "../../../server/meetings/family-markings";
import { pageTitle } from "../../components/page-title";
import { audit } from "../../utils/permissions.server";
import { ActionsSection } from "./actions";
import { InformationSection } from "./agency-information";
import { AttendanceSection } from "./attendance";
import { DecisionsSection } from "./decisions";
import { meetingAction } from "./meeting-actions.server";
import { doneMessage } from "./parts";
import { MeetingSummary } from "./summary";
import { ViewsSection } from "./views";
import { ConferenceDecisionSection } from "./conference-decision";
import { isConference, meetingKindNames } from "../../../common/meeting-kinds";
import { readConferencePage } from "../../../server/meetings/conference-page";
import { RecordSections } from "./record";
import { ScalingSection } from "./scaling";
import { FrontDoorChecksSection } from "./front-door-checks";
import { contactChecksSeenBy } from "../../utils/front-door.server";
import { contactOfMeeting } from "../../../server/referrals/contact-documents";
import { type FormState } from "../../components/section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? meetingKindNames[data.meeting.kind] : "Strategy meeting") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireMeeting(context, signedIn, params);
  const { facts, meeting } = on;
  const record = await loadMeetingRecord(context.services.sql, signedIn.actor, on, { forFamily: false, withText: false });
  const signedOff = !!meeting.signedOffAt;
  await audit(context, signedIn, { action: "view:meeting", outcome: "success", caseId: facts.caseId, target: `meeting:${meeting.id}` });
  const controls = await meetingPageControls(context.services.sql, signedIn.actor, on, record.actions);
  const markings = await listMeetingFamilyMarkings(context.services.sql, meeting.id);
  const chairParts = chairPartControls(signedIn.actor, on, await listChairPartReaders(context.services.sql, meeting.id));
  const sections = meeting.agencies.map((agency) => {
    const shared = liveDocumentFor(signedIn, sectionResource(on, agency.id), documentNames.meetingSection(facts.caseId, meeting.id, agency.id), "this section");
    const { resource, readers, canName } = chairParts.get(agency.id)!;
    const chairPart = can(signedIn.actor, "read:record", resource)
      ? {
          ...liveDocumentFor(signedIn, resource, documentNames.meetingSection(facts.caseId, meeting.id, agency.id, true), "this part"),
          // Who else reads it, and (for its own agency's invitees, until sign-off) the other agencies they may name.
          readers,
          canName,
          others: meeting.agencies.filter((other) => other.id !== agency.id).map(({ id, name }) => ({ id, name })),
        }
      : null;
    const forFamily = markings.sections.get(agency.id) ?? null;
    return { agencyId: agency.id, agencyName: agency.name, shared, chairPart, forFamily, canMark: controls.mayMarkSection[agency.id] };
  });
  const icpcDue = record.decisions?.icpcDueOn ?? null;
  const contactId = await contactOfMeeting(context.services.sql, meeting.id);
  return {
    ...record,
    // The page offers only what the action would allow: the same questions, asked of the policy here.
    ...controls,
    concernForFamily: markings.chair.concern ?? null,
    conferencePage: await readConferencePage(context.services.sql, context.services.calendar, signedIn.actor, on, todayInEngland(context.services.clock())),
    room: on.room,
    signedOff,
    you: { userId: signedIn.user.id, agencyName: signedIn.user.agencyName },
    sections,
    unscaled: await unscaledAgencies(context.services.sql, meeting),
    icpc: icpcDue ? { due: formatDate(icpcDue), left: workingDaysLeft(context.services.calendar, todayInEngland(context.services.clock()), icpcDue) } : null,
    owners: meeting.invitees.map((i) => ({ userId: i.userId, label: `${i.fullName}, ${i.agencyName}` })),
    frontDoor: contactId === null ? null : await contactChecksSeenBy(context, signedIn, contactId),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  return meetingAction(request, context, signedIn, await requireMeeting(context, signedIn, params));
}

export type MeetingPageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function MeetingPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors: FieldErrors | undefined = actionData && "errors" in actionData ? actionData.errors : undefined;
  const values: Record<string, string> = actionData && "values" in actionData ? actionData.values : {};
  const failed = actionData && "intent" in actionData ? actionData.intent : null;
  const { meeting } = page;
  useChangeNotices(page.room);
  const presence = usePresence(page.room);
  const here = `/cases/${page.caseId}/meetings/${meeting.id}`;
  const conference = isConference(meeting.kind);
  const errorsFor = (intent: string) => (failed === intent ? errors : undefined);
  const form: FormState = { errorsFor, values, failed };

  return (
    <>
      <Link to={`/cases/${page.caseId}`} className="govuk-back-link">
        Back to the case
      </Link>
      <ErrorSummary errors={errors} />
      {search.get("done") && !errors ? <SuccessBanner id="meeting-done" heading={doneMessage(search.get("done")!)} /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{`${page.childName} · ${page.reference}`}</span>
        {`${meetingKindNames[meeting.kind]}, ${formatDateTime(new Date(meeting.heldAt))}`}
      </h1>
      {page.signedOff ? (
        <div className="govuk-inset-text" data-testid="signed-off">
          {`Signed off by ${meeting.signedOffBy} on ${formatDateTime(new Date(meeting.signedOffAt!))}. The record can no longer be changed; add an addendum below.`}
        </div>
      ) : null}
      <MeetingSummary page={page} here={here} />
      <PresenceList presence={presence} youUserId={page.you.userId} headingLevel={2} />

      <AttendanceSection page={page} here={here} form={form} />

      <FrontDoorChecksSection page={page} />

      <InformationSection page={page} here={here} form={form} />

      {conference ? <ViewsSection page={page} here={here} form={form} /> : null}

      <ScalingSection page={page} here={here} form={form} />

      {conference ? <ConferenceDecisionSection page={page} here={here} form={form} /> : <DecisionsSection page={page} here={here} form={form} />}

      <ActionsSection page={page} here={here} form={form} />

      <RecordSections page={page} here={here} form={form} />
    </>
  );
}

