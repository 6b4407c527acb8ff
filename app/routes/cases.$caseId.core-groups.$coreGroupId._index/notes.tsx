// The core group's notes, live, a part per agency; under each, whether it goes to the family (that agency's say). Then
// the child's views since the last core group (or the conference, for the first), from the child's voice.
import { Form, Link } from "@remix-run/react";
import { possessive } from "../../../common/format";
import { ChildVoiceSummary } from "../../components/child-voice";
import { LiveCoreGroupNotes, type NotesPart } from "../../components/live-core-group-notes";
import { Hidden, SubmitButton } from "../../components/page";

import type { CoreGroupPage } from "./route";
import { type FormState, Section } from "../../components/section";

function ForTheFamily({ page, part, here }: { page: CoreGroupPage; part: NotesPart; here: string }) {
  const section = page.sections.find((candidate) => candidate.agencyId === part.agencyId);
  if (!section) return null;
  return (
    <div className="app-marking" data-testid={`for-family-${section.agencyId}`}>
      <p className="govuk-body-s">
        {section.forFamily ? (
          <strong className="govuk-tag govuk-tag--green">For the family</strong>
        ) : (
          <strong className="govuk-tag govuk-tag--orange">Not for family</strong>
        )}{" "}
        {section.forFamily
          ? `${possessive(section.agencyName)} part and its notes on progress go into the family's version.`
          : `${possessive(section.agencyName)} part and its notes on progress stay out of the family's version until ${section.agencyName} says otherwise.`}
        {section.markedBy ? ` Last said by ${section.markedBy}.` : null}
      </p>
      {section.canMark ? (
        <Form method="post" action={`${here}#notes-${section.agencyId}`} preventScrollReset>
          <input type="hidden" name="intent" value="for-family" />
          <input type="hidden" name="agencyId" value={section.agencyId} />
          <input type="hidden" name="forFamily" value={section.forFamily ? "no" : "yes"} />
          <SubmitButton variant="secondary">
            {section.forFamily ? "Keep our part from the family" : "Let the family see our part"}
            <Hidden>{` (${section.agencyName})`}</Hidden>
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export function NotesSection({ page, here }: { page: CoreGroupPage; here: string; form: FormState }) {
  return (
    <>
      <Section id="notes" title="Notes (live)">
        {page.canReadNotes ? (
          <>
            <p className="govuk-hint">
              The members write the notes together as the core group meets. Each agency decides whether its part goes into the family's version.
            </p>
            <LiveCoreGroupNotes
              live={page.notes}
              parts={page.sections}
              returnTo={here}
              after={(part) => <ForTheFamily page={page} part={part} here={here} />}
            />
            <p className="govuk-body">
              <Link className="govuk-link" to={`${here}/history`}>
                See the history of these notes
              </Link>
            </p>
          </>
        ) : (
          <p className="govuk-body">The notes are read and written by the core group's members.</p>
        )}
      </Section>
      <Section id="child-views" title={`${possessive(page.firstName)} views since ${page.childViews.since}`}>
        {page.childViews.entries.length ? (
          page.childViews.entries.map((entry) => <ChildVoiceSummary entry={entry} key={entry.id} />)
        ) : (
          <p className="govuk-body">{`Nothing of ${possessive(page.firstName)} voice has been recorded since ${page.childViews.since}.`}</p>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${page.caseId}/child-voice`}>
            {`${possessive(page.firstName)} voice`}
          </Link>
        </p>
      </Section>
    </>
  );
}
