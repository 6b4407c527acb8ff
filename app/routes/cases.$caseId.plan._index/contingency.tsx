// The contingency plan: what happens if the plan is not working or the child is not safe, co-edited live by the
// professionals on the case, every change attributed in its history.
import { LiveNotesSection } from "../../components/live-notes";
import type { PlanPage } from "./route";

export function ContingencyPlan({ page }: { page: PlanPage }) {
  if (!page.live)
    return (
      <p className="govuk-body">
        <a className="govuk-link" href={`/cases/${page.caseId}/plan/history`}>
          See the contingency plan's history
        </a>
      </p>
    );
  return (
    <LiveNotesSection
      id="contingency"
      className="app-section"
      heading="Contingency plan (live)"
      hint={`What will happen if the plan is not working or ${page.firstName} is not safe. Each change is recorded with its author's name and agency.`}
      live={page.live}
      returnTo={`/cases/${page.caseId}/plan`}
      historyTo={`/cases/${page.caseId}/plan/history`}
    />
  );
}
