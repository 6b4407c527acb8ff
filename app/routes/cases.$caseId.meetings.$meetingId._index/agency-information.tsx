// Each agency's live section, and its part for the chair (and the agencies it names) where this person may read it.
import { Form, Link } from "@remix-run/react";
import { andList, chairPartAudience, chairPartTag } from "../../../common/chair-part";
import { formatDateTime, possessive } from "../../../common/format";
import { LiveNotes } from "../../components/live-notes";
import { FamilyMarking } from "./parts";
import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

/** Each agency's live section, and its part for the chair where this person may read it. */
export function InformationSection({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
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
          {section.chairPart ? <ChairPart section={section} chairPart={section.chairPart} here={here} form={form} /> : null}
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

type AgencySection = MeetingPageData["sections"][number];
type LivePart = AgencySection["shared"];

/**
 * An agency's part for the chair: for the chair and the agencies it names, never for the family; beside it, for that
 * agency's invitees until sign-off, which other agencies at the meeting may also read it.
 */
function ChairPart({ section, chairPart, here, form }: { section: AgencySection; chairPart: NonNullable<AgencySection["chairPart"]>; here: string; form: FormState }) {
  const id = `chair-${section.agencyId}`;
  const named = chairPart.readers.filter((reader) => reader.named);
  const names = named.map((reader) => reader.agencyName);
  const failed = form.failed === "chair-part-readers" && form.values.agencyId === section.agencyId;
  const error = failed ? form.errorsFor("chair-part-readers")?.readers : undefined;
  return (
    <div className="app-restricted" data-testid={id}>
      <h4 className="govuk-heading-s" id={id}>
        {`${possessive(section.agencyName)} information for the chair${names.length ? ` and ${andList(names)}` : " only"}`}
      </h4>
      <p className="govuk-body">
        <strong className="govuk-tag govuk-tag--red">{chairPartTag(section.agencyName, names)}</strong>{" "}
        <strong className="govuk-tag govuk-tag--orange">Not for family</strong>
      </p>
      <p className="govuk-hint" id={`${id}-hint`}>
        {`${chairPartAudience(names)} Never in the family's minutes; ${names.length ? "no other agency sees it" : "other agencies do not see it"}.`}
      </p>
      <MeetingPart part={chairPart} id={id} here={here} what="this part" />
      {chairPart.readers.length ? (
        <ul className="govuk-list govuk-body-s" data-testid={`${id}-readers`}>
          {chairPart.readers.map((reader) => (
            <li key={reader.agencyId}>
              {`${reader.agencyName} ${reader.named ? "named to read it" : "no longer reads it"} by ${reader.recordedBy}, ${formatDateTime(new Date(reader.recordedAt))}.`}
            </li>
          ))}
        </ul>
      ) : null}
      {chairPart.canName && chairPart.others.length ? (
        <Form method="post" action={`${here}#${id}`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="chair-part-readers" />
          <input type="hidden" name="agencyId" value={section.agencyId} />
          <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            <fieldset className="govuk-fieldset" aria-describedby={`${id}-readers-hint${error ? ` ${id}-readers-error` : ""}`}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who else may read this part</legend>
              <div className="govuk-hint" id={`${id}-readers-hint`}>
                The people each agency invited to this meeting. Never the family.
              </div>
              {error ? (
                <p className="govuk-error-message" id={`${id}-readers-error`}>
                  <span className="govuk-visually-hidden">Error:</span> {error}
                </p>
              ) : null}
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes" id={failed ? "readers" : undefined}>
                {chairPart.others.map((other) => (
                  <div className="govuk-checkboxes__item" key={other.id}>
                    <input
                      className="govuk-checkboxes__input"
                      id={`${id}-reader-${other.id}`}
                      name="reader"
                      type="checkbox"
                      value={other.id}
                      defaultChecked={named.some((reader) => reader.agencyId === other.id)}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-reader-${other.id}`}>
                      {other.name}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Save who may read this part
          </button>
        </Form>
      ) : null}
    </div>
  );
}

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
