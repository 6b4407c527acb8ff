// A conference's own parts of its minutes: the family members who attended, the family's and the child's views, and
// the decision. The family's version holds only what its record, loaded for the family, holds.
import { formatDate, formatDateTime } from "../../common/format";
import { planCategoryNames, whatFollowsPlanNames } from "../../common/forms/plan";
import type { MinutesData } from "../../server/meetings/read-minutes";
import { ChildVoiceSummary } from "./child-voice";

type Parts = NonNullable<MinutesData["conference"]>;
const attendanceNames = { invited: "Not recorded", present: "Present", apologies: "Apologies", did_not_attend: "Did not attend" } as const;

export function MinutesFamilyAttendance({ parts }: { parts: Parts }) {
  if (!parts.familyAttendees.length) return null;
  return (
    <ul className="govuk-list" data-testid="minutes-family-attendance">
      {parts.familyAttendees.map((person) => (
        <li key={person.personId}>
          {`${person.fullName}${person.relationship ? ` (${person.relationship})` : ""}: ${attendanceNames[person.attendance]}${
            person.recordedBy && person.recordedAt ? ` (recorded by ${person.recordedBy}, ${formatDateTime(new Date(person.recordedAt))})` : ""
          }`}
        </li>
      ))}
    </ul>
  );
}

/** The views, each where this version holds it; `level` is the heading level of each view's title. */
export function MinutesViews({ parts, forFamily }: { parts: Parts; forFamily: boolean }) {
  const views = parts.views;
  const shown = (text: string | null | undefined) =>
    text === null ? <p className="govuk-body app-empty">{forFamily ? "Not given to the family." : "Not recorded."}</p> : <p className="govuk-body app-preserve-lines">{text || "Not recorded."}</p>;
  return (
    <>
      <h3 className="govuk-heading-s">The family's views</h3>
      {shown(views ? views.familyViews : "")}
      <h3 className="govuk-heading-s">The child's views</h3>
      {shown(views ? views.childViews : "")}
      {parts.childVoice ? <ChildVoiceSummary entry={parts.childVoice} headingLevel={4} /> : null}
    </>
  );
}

export function MinutesConferenceDecision({ parts, initial }: { parts: Parts; initial: boolean }) {
  const decision = parts.decision;
  if (!decision) return <p className="govuk-body">Not recorded.</p>;
  if (!decision.planNeeded)
    return (
      <ul className="govuk-list" data-testid="minutes-decisions">
        <li>{initial ? "A child protection plan is not needed." : "The child protection plan ends."}</li>
        <li>{`Why: ${decision.reason}`}</li>
        <li>{`What follows: ${whatFollowsPlanNames[decision.whatFollows].toLowerCase()}.`}</li>
      </ul>
    );
  const plan = decision.plan;
  return (
    <ul className="govuk-list" data-testid="minutes-decisions">
      <li>{initial ? "A child protection plan is needed." : "The child protection plan continues."}</li>
      {plan ? (
        <>
          <li>
            {`Category: ${planCategoryNames[plan.primaryCategory].toLowerCase()}${
              plan.otherCategories.length ? `; also noted: ${plan.otherCategories.map((c) => planCategoryNames[c].toLowerCase()).join(", ")}` : ""
            }.`}
          </li>
          <li>{`Lead social worker: ${decision.leadName ?? ""}.`}</li>
          <li>{`The child is visited ${plan.visits}, and seen alone ${plan.seenAlone}.`}</li>
          <li>{`The first core group meets on ${formatDate(plan.firstCoreGroupOn)}.`}</li>
          <li>{`The core group: ${decision.coreGroup.map((m) => `${m.fullName} (${m.agencyName})`).join(", ")}.`}</li>
        </>
      ) : null}
      {decision.revisions ? <li>{`What is revised: ${decision.revisions}`}</li> : null}
    </ul>
  );
}
