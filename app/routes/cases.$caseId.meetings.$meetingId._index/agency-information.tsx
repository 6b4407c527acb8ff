// Each agency's live section, and its part for the chair where this person may read it.
import { Link } from "@remix-run/react";
import { possessive } from "../../../common/format";
import { LiveNotes } from "../../components/live-notes";
import { Section, type FormState } from "./parts";
import type { MeetingPageData } from "./route";

/** Each agency's live section, and its part for the chair where this person may read it. */
export function InformationSection({ page, here }: { page: MeetingPageData; here: string; form: FormState }) {
  const { meeting } = page;
  return (
    <Section id="information" title="Each agency's information">
      <p className="govuk-hint">Each agency writes its own section; everyone at the meeting reads them as they are written.</p>
      {page.sections.map((section) => (
        <div className="app-meeting-section" key={section.agencyId} data-testid={`section-${section.agencyId}`}>
          <h3 className="govuk-heading-s" id={`section-${section.agencyId}`}>
            {section.agencyName}
          </h3>
          <p className="govuk-hint" id={`section-${section.agencyId}-hint`}>{`Written by ${section.agencyName}.`}</p>
          <LiveNotes
            documentName={section.shared.documentName}
            room={section.shared.documentName}
            canWrite={section.shared.canWrite}
            readOnlyReason={section.shared.readOnlyReason}
            you={section.shared.you}
            labelledBy={`section-${section.agencyId}`}
            hintId={`section-${section.agencyId}-hint`}
            returnTo={here}
            what="this section"
            hidePresence
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
              <LiveNotes
                documentName={section.chairPart.documentName}
                room={section.chairPart.documentName}
                canWrite={section.chairPart.canWrite}
                readOnlyReason={section.chairPart.readOnlyReason}
                you={section.chairPart.you}
                labelledBy={`chair-${section.agencyId}`}
                hintId={`chair-${section.agencyId}-hint`}
                returnTo={here}
                what="this part"
                hidePresence
              />
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
