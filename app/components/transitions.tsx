// Step up and step down as the case page and the transition page show them: each transition, from and to, its
// rationale, who proposed it and when, and the receiving team's answer (accepted, with who leads the work now, or
// declined, with why), or that it waits.
import { Link } from "@remix-run/react";
import type { PresentedTransition } from "../utils/transitions.server";
import { ScrollableTable } from "./banners";
import { Cell, Row, RowHeader, Table } from "./table";

export function TransitionStateTag({ state }: { state: PresentedTransition["state"] }) {
  const [colour, words] = state === "accepted" ? ["green", "Accepted"] : state === "declined" ? ["red", "Declined"] : ["yellow", "Waiting for an answer"];
  return <strong className={`govuk-tag govuk-tag--${colour}`}>{words}</strong>;
}

/** The answer in words: "Accepted by Joy Adebayo, Sandmere Early Help Service, on 1 December 2026 at 10:00". */
export function TransitionAnswer({ transition }: { transition: PresentedTransition }) {
  const answer = transition.answer;
  if (!answer) return <>{`Waiting for ${transition.to} to accept or decline`}</>;
  return (
    <>
      <TransitionStateTag state={transition.state} />
      <p className="govuk-body govuk-!-margin-top-1 govuk-!-margin-bottom-0">{`By ${answer.by}, ${answer.at}`}</p>
      {answer.leadName ? <p className="govuk-body govuk-!-margin-bottom-0">{`${answer.leadName} leads the work`}</p> : null}
      {answer.reason ? <p className="govuk-body app-preserve-lines govuk-!-margin-bottom-0">{answer.reason}</p> : null}
    </>
  );
}

export function TransitionHistory({ history }: { history: PresentedTransition[] }) {
  return (
    <ScrollableTable label="Transitions">
      <Table caption="Every step up and step down of this case, the oldest first" columns={["Transition", "Rationale", "Proposed by", "Answer"]} testId="transition-history">
        {history.map((transition) => (
          <Row key={transition.id} testId={`transition-${transition.id}`}>
            <RowHeader>
              <Link className="govuk-link" to={`/transitions/${transition.id}`}>
                {transition.title}
              </Link>
              <p className="govuk-body-s govuk-!-margin-0">{`From ${transition.from} to ${transition.to}`}</p>
            </RowHeader>
            <Cell className="app-preserve-lines">{transition.rationale}</Cell>
            <Cell>{`${transition.proposedBy}, ${transition.proposedAt}`}</Cell>
            <Cell>
              <TransitionAnswer transition={transition} />
            </Cell>
          </Row>
        ))}
      </Table>
    </ScrollableTable>
  );
}

/** The case page's section: the history, and the proposal this person may make. */
export function CaseTransitions({ caseId, transitions }: { caseId: number; transitions: { history: PresentedTransition[]; propose: { direction: string; title: string } | null } }) {
  return (
    <section aria-labelledby="transitions" data-testid="case-transitions">
      <h2 className="govuk-heading-m" id="transitions">
        Transitions between early help and social care
      </h2>
      {transitions.history.length ? (
        <TransitionHistory history={transitions.history} />
      ) : (
        <p className="govuk-body">This case has not stepped up or down.</p>
      )}
      {transitions.propose ? (
        <Link to={`/cases/${caseId}/transitions/new`} className="govuk-button govuk-button--secondary" role="button" draggable="false" data-module="govuk-button">
          {`Propose a ${transitions.propose.title.toLowerCase()}`}
        </Link>
      ) : null}
    </section>
  );
}

/** On Your work, for a receiving team's manager: the steps up and down waiting for their answer, the oldest first. */
export function TransitionsToAnswer({ transitions }: { transitions: { id: number; path: string; title: string; from: string; reference: string; when: string }[] }) {
  if (!transitions.length) return null;
  return (
    <section aria-labelledby="transitions-to-answer" data-testid="transitions-to-answer">
      <h2 className="govuk-heading-m" id="transitions-to-answer">
        Transitions waiting for your answer
      </h2>
      <ScrollableTable label="Transitions waiting for your answer">
        <Table caption="Transitions waiting for your answer" columns={["Transition", "From", "Proposed"]}>
          {transitions.map((transition) => (
            <Row key={transition.id}>
              <Cell>
                <Link className="govuk-link" to={transition.path}>
                  {transition.title}
                </Link>
                <div className="govuk-hint govuk-!-margin-0">{transition.reference}</div>
              </Cell>
              <Cell>{transition.from}</Cell>
              <Cell>{transition.when}</Cell>
            </Row>
          ))}
        </Table>
      </ScrollableTable>
    </section>
  );
}

/** On a decided contact's decision page: the step down to early help and early help's answer, or that it waits. */
export function ContactTransitions({ transitions }: { transitions: PresentedTransition[] }) {
  if (!transitions.length) return null;
  return (
    <section aria-labelledby="early-help-answer" data-testid="contact-transitions">
      <h2 className="govuk-heading-m" id="early-help-answer">
        Early help's answer
      </h2>
      {transitions.map((transition) => (
        <div key={transition.id}>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/transitions/${transition.id}`}>
              {`${transition.title}: ${transition.to}`}
            </Link>
          </p>
          <TransitionAnswer transition={transition} />
        </div>
      ))}
    </section>
  );
}
