// Each agency's live section, and its part for the chair where this person may read it.
import { Link } from "@remix-run/react";
import { possessive } from "../../../common/format";
import { LiveNotes } from "../../components/live-notes";
import { FamilyMarking } from "./parts";
import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

/** Each agency's live section, and its part for the chair where this person may read it. */
export function InformationSection({ page, here }: { page: MeetingPageData; here: string; form: FormState }) {
  const { meeting } = page;
  return (
    <Section id="information" title={page.conference ? "Each agency's report" : "Each agency's information"}>
      <p className="govuk-hint">
        Each agency writes its own section; everyone at the meeting reads them as they are written. A section goes to the
        family's minutes only once its agency gives it to the family.
      </p>
      {page.sections.map((section) => (
        <div className="app-meeting-section" key={section.agencyId} data-testid={`section-${section.agencyId}`}>
          <h3 className="govuk-heading-s" id={`section-${section.agencyId}`}>
            {section.agencyName}
          </h3>
          <p className="govuk-hint" id={`section-${section.agencyId}-hint`}>{`Written by ${section.agencyName}.`}</p>
          <MeetingPart part={section.shared} id={`section-${section.agencyId}`} here={here} what="this section" />
          <FamilyMarking
            marking={section.forFamily}
            form={section.canMark ? { here, anchor: `section-${section.agencyId}`, part: "section", agencyId: section.agencyId, what: `${possessive(section.agencyName)} section` } : null}
            testId={`section-${section.agencyId}-for-family`}
          />
          {section.chairPart ? (
            <div className="app-restricted">
              <h4 className="govuk-heading-s" id={`chair-${section.agencyId}`}>
                {`${possessive(section.agencyName)} information for the chair only`}
              </h4>
              <p className="govuk-body">
                <strong className="govuk-tag govuk-tag--red">{`Restricted — ${section.agencyName} and the chair`}</strong>{" "}
                <strong className="govuk-tag govuk-tag--orange">Not for family</strong>
              </p>
              <p className="govuk-hint" id={`chair-${section.agencyId}-hint`}>
                Never in the family's minutes; other agencies do not see it.
              </p>
              <MeetingPart part={section.chairPart} id={`chair-${section.agencyId}`} here={here} what="this part" />
            </div>
          ) : null}
        </div>
      ))}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/cases/${page.caseId}/maps/${meeting.mapId}`}>
          Open the meeting's map
        </Link>
        {" · "}
        <Link className="govuk-link" to={`/cases/${page.caseId}/child-voice`}>
          The child's voice
        </Link>
      </p>
    </Section>
  );
}

type LivePart = MeetingPageData["sections"][number]["shared"];

/** One live part of an agency's information, labelled by its heading (`id`) and hint (`id`-hint). */
function MeetingPart({ part, id, here, what }: { part: LivePart; id: string; here: string; what: string }) {
  return (
    <LiveNotes
      documentName={part.documentName}
      room={part.documentName}
      canWrite={part.canWrite}
      readOnlyReason={part.readOnlyReason}
      you={part.you}
      labelledBy={id}
      hintId={`${id}-hint`}
      returnTo={here}
      what={what}
      hidePresence
    />
  );
}
