// A conference's views: what the family said, and the child's views, from the record of the child's voice they come
// from. The chair records them, and says whether each goes to the family.
import { Form, Link } from "@remix-run/react";
import { formatDate } from "../../../common/format";
import { ChildVoiceSummary } from "../../components/child-voice";
import { Select, TextArea } from "../../components/forms";
import { FamilyMarking } from "./parts";
import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

export function ViewsSection({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  const parts = page.conference;
  if (!parts) return null;
  const { errorsFor, values, failed } = form;
  const sent = failed === "views" ? values : null;
  const markingForm = (part: "family_views" | "child_views", what: string) => (page.canMarkChairParts ? { here, anchor: "views", part, what } : null);
  return (
    <Section id="views" title="The family's and the child's views">
      <h3 className="govuk-heading-s">The family's views</h3>
      <p className="govuk-body app-preserve-lines" data-testid="family-views">
        {parts.views?.familyViews || <span className="app-empty">Not recorded yet.</span>}
      </p>
      <FamilyMarking marking={page.chairPartsForFamily.family_views ?? null} form={markingForm("family_views", "the family's views")} testId="family-views-for-family" />
      <h3 className="govuk-heading-s">The child's views</h3>
      <p className="govuk-body app-preserve-lines" data-testid="child-views">
        {parts.views?.childViews || <span className="app-empty">Not recorded yet.</span>}
      </p>
      {parts.childVoice ? <ChildVoiceSummary entry={parts.childVoice} headingLevel={4} /> : null}
      <FamilyMarking marking={page.chairPartsForFamily.child_views ?? null} form={markingForm("child_views", "the child's views")} testId="child-views-for-family" />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/cases/${page.caseId}/child-voice`}>
          The child's voice
        </Link>
      </p>
      {page.isChair ? (
        <Form method="post" action={`${here}#views`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="views" />
          <h3 className="govuk-heading-s">Record the views</h3>
          <TextArea name="familyViews" label="What the family said" error={errorsFor("views")?.familyViews} defaultValue={sent?.familyViews ?? parts.views?.familyViews ?? ""} rows={3} />
          <TextArea name="childViews" label="The child's views" hint="In the child's words where you can." error={errorsFor("views")?.childViews} defaultValue={sent?.childViews ?? parts.views?.childViews ?? ""} rows={3} />
          <Select
            name="childVoiceId"
            label="From the child's voice"
            error={errorsFor("views")?.childVoiceId}
            defaultValue={sent?.childVoiceId ?? (parts.childVoice ? String(parts.childVoice.id) : "")}
            placeholder="None"
            groups={[{ label: null, options: parts.voices.map((voice) => ({ value: String(voice.id), label: `Seen on ${formatDate(voice.seenOn)}, recorded by ${voice.recordedBy}` })) }]}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Record the views
          </button>
        </Form>
      ) : null}
    </Section>
  );
}
