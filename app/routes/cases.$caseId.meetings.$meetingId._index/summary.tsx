// The top of a meeting's page: how it is held, who chairs it, the concern (and whether the family receives it), the
// minutes; on a conference its clock and where it comes from and leads; on a strategy meeting that called for one,
// the initial conference.
import { ClockTag } from "../../components/clock-tag";
import { Link } from "@remix-run/react";
import { isConference } from "../../../common/meeting-kinds";
import { SummaryRow } from "../../components/summary-list";
import { FamilyMarking } from "./parts";
import type { MeetingPageData } from "./route";
import { howNames } from "../../../common/meeting-kinds";

export function MeetingSummary({ page, here }: { page: MeetingPageData; here: string }) {
  const { meeting, conferencePage } = page;
  const conference = isConference(meeting.kind);
  return (
    <dl className="govuk-summary-list">
      <SummaryRow label="How">{howNames[meeting.how]}</SummaryRow>
      <SummaryRow label="Chair">{meeting.chairName}</SummaryRow>
      <SummaryRow label={conference ? "Why the conference is held" : "Concern of significant harm"}>
        <span className="app-preserve-lines">{meeting.concern}</span>
        <FamilyMarking
          marking={page.concernForFamily}
          form={page.canMarkChairParts ? { here, anchor: "main-content", part: "concern", what: conference ? "why the conference is held" : "the concern" } : null}
          testId="concern-for-family"
        />
      </SummaryRow>
      {conferencePage.clock ? (
        <SummaryRow label="Conference clock">
          <span data-testid="conference-clock">
            <ClockTag clock={conferencePage.clock} />
            {` To be held by ${conferencePage.clock.dueOn} (${conferencePage.clock.explains}).`}
          </span>
        </SummaryRow>
      ) : null}
      {meeting.fromMeetingId ? (
        <SummaryRow label="Called for by">
          <Link className="govuk-link" to={`/cases/${page.caseId}/meetings/${meeting.fromMeetingId}`}>
            The strategy meeting
          </Link>
        </SummaryRow>
      ) : null}
      {conferencePage.plan ? (
        <SummaryRow label="Child protection plan">
          <Link className="govuk-link" to={`/cases/${page.caseId}/plan`}>
            {conferencePage.plan.endedOn ? "The plan (ended)" : "The plan"}
          </Link>
          {conferencePage.nextReview ? (
            <>
              {" · "}
              <Link className="govuk-link" to={`/cases/${page.caseId}/meetings/new-review`}>
                {`Convene the next review conference (due by ${conferencePage.nextReview.dueOn})`}
              </Link>
            </>
          ) : null}
        </SummaryRow>
      ) : null}
      {conferencePage.initialConference ? (
        <SummaryRow label="Initial child protection conference">
          {conferencePage.initialConference.id ? (
            <Link className="govuk-link" to={`/cases/${page.caseId}/meetings/${conferencePage.initialConference.id}`}>
              The initial child protection conference
            </Link>
          ) : conferencePage.initialConference.mayConvene ? (
            <Link className="govuk-link" to="conference">
              Convene the initial child protection conference
            </Link>
          ) : (
            "Not convened yet"
          )}
        </SummaryRow>
      ) : null}
      <SummaryRow label="Minutes">
        <Link className="govuk-link" to="minutes">
          Full minutes
        </Link>
        {" · "}
        <Link className="govuk-link" to="minutes/family">
          Minutes for the family
        </Link>
        {page.canCheckFamilyVersion ? (
          <>
            {" · "}
            <Link className="govuk-link" to="family-version">
              What the family will receive
            </Link>
          </>
        ) : null}
      </SummaryRow>
    </dl>
  );
}
