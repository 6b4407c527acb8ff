// The plan's outcomes in plain words, each with its actions as summary cards: what, why, who, by when, and how
// progress will be measured, and who last changed it. The lead social worker (or a team manager) sees "Change".
import { Link } from "@remix-run/react";
import { Hidden } from "../../components/page";
import { progressStatusColours } from "../../../common/forms/core-groups";
import { SummaryCard } from "../../components/summary-card";
import { SummaryRow } from "../../components/summary-list";
import type { PlanPage, PlanShown } from "./route";
import { Section } from "../../components/section";

export function Outcomes({ page, plan }: { page: PlanPage; plan: PlanShown }) {
  return (
    <Section id="outcomes" title="Outcomes and actions">
      {plan.outcomes.length ? null : <p className="govuk-body">The plan has no outcomes yet.</p>}
      {plan.outcomes.map((outcome) => (
        <div className="app-section" key={outcome.id} id={`outcome-${outcome.id}`} data-testid="plan-outcome">
          <h3 className="govuk-heading-s">Outcome {outcome.number}</h3>
          <p className="govuk-body-l app-preserve-lines">{outcome.wording}</p>
          <p className="govuk-body-s">
            Last changed by {outcome.recorded}
            {page.canChange ? (
              <>
                {" · "}
                <Link className="govuk-link" to={`/cases/${page.caseId}/plan/outcomes/${outcome.id}`}>
                  Change<Hidden> the wording of outcome {outcome.number}</Hidden>
                </Link>
              </>
            ) : null}
          </p>
          {outcome.actions.length ? null : <p className="govuk-body">No actions for this outcome yet.</p>}
          {outcome.actions.map((action) => (
            <SummaryCard
              key={action.id}
              title={`Action ${action.number}`}
              id={`action-${action.id}`}
              testId="plan-action"
              change={page.canChange ? { to: `/cases/${page.caseId}/plan/actions/${action.id}`, hidden: `action ${action.number}` } : null}
            >
              <SummaryRow label="What">
                <span className="app-preserve-lines">{action.what}</span>
              </SummaryRow>
              <SummaryRow label="Why">
                <span className="app-preserve-lines">{action.why}</span>
              </SummaryRow>
              <SummaryRow label="Who">{action.owner}</SummaryRow>
              <SummaryRow label="By when">{action.dueOn}</SummaryRow>
              <SummaryRow label="How progress will be measured">
                <span className="app-preserve-lines">{action.measure}</span>
              </SummaryRow>
              <SummaryRow label="Last changed">{action.recorded}</SummaryRow>
              <LatestProgress page={page} actionId={action.id} />
            </SummaryCard>
          ))}
        </div>
      ))}
    </Section>
  );
}

/** How the action stands, as last said at a core group (server/core-groups/read-plan-core-groups.ts). */
function LatestProgress({ page, actionId }: { page: PlanPage; actionId: number }) {
  const said = page.coreGroups?.progress[actionId];
  return (
    <SummaryRow label="Latest progress" testId="latest-progress">
      {said ? (
        <>
          <strong className={`govuk-tag govuk-tag--${progressStatusColours[said.status]}`}>{said.words}</strong>
          <span className="app-preserve-lines">{[said.reason && ` Why: ${said.reason}`, said.note && ` ${said.note}`].filter(Boolean).join("")}</span>{" "}
          <Link className="govuk-link" to={`/cases/${page.caseId}/core-groups/${said.coreGroupId}`}>
            {said.by}
          </Link>
        </>
      ) : (
        "Not yet said at a core group"
      )}
    </SummaryRow>
  );
}
