// Every change to the plan, newest first: when, who (and their agency), what; each with a way to read the plan as it
// stood at the end of that day.
import { Link } from "@remix-run/react";
import { Hidden } from "../../components/page";
import type { PlanPage, PlanShown } from "./route";
import { Section } from "../../components/section";

export function PlanChanges({ page, plan }: { page: PlanPage; plan: PlanShown }) {
  return (
    <Section id="changes" title="Changes to the plan">
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Every change, newest first ({plan.changes.length})</span>
        </summary>
        <div className="govuk-details__text">
          <ul className="govuk-list govuk-list--spaced" data-testid="plan-changes">
            {plan.changes.map((change, index) => (
              <li key={index}>
                {change.when}: {change.who}. {change.what}.{" "}
                {page.at?.iso === change.on ? null : (
                  <Link className="govuk-link" to={`/cases/${page.caseId}/plan?at=${change.on}`}>
                    See the plan as it stood that day<Hidden> ({change.when})</Hidden>
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </div>
      </details>
    </Section>
  );
}
