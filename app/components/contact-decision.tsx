// A contact's consent and decision as the screening team reads them (decision 036): where the decision stands, every
// step with who and when, and the section on the screening page that leads to the consent and decision pages.
import { Link } from "@remix-run/react";
import type { decisionView } from "../utils/contact-decisions.server";
import { ScrollableTable } from "./banners";
import { SummaryList, SummaryRow } from "./summary-list";
import { Cell, Row, RowHeader, Table } from "./table";

type View = ReturnType<typeof decisionView>;

/** Where the decision stands: waiting for a proposal, proposed (for a manager), or decided (with its case). */
export function DecisionStatus({ contactId, view }: { contactId: number; view: View }) {
  const { decided, pending } = view;
  return (
    <SummaryList testId="decision-status">
      <SummaryRow label="Decision">
        {decided ? (
          <strong className="govuk-tag govuk-tag--green">{`Decided: ${decided.outcomeName}`}</strong>
        ) : pending ? (
          <strong className="govuk-tag govuk-tag--yellow">Waiting for a manager to authorise</strong>
        ) : (
          <strong className="govuk-tag govuk-tag--grey">Not yet proposed</strong>
        )}
      </SummaryRow>
      {decided ? (
        <>
          <SummaryRow label="Authorised">{`${decided.at} by ${decided.by}`}</SummaryRow>
          <SummaryRow label="Feedback to the referrer">{decided.feedback}</SummaryRow>
          {decided.caseId ? (
            <SummaryRow label="The case">
              <Link className="govuk-link" to={`/cases/${decided.caseId}`}>
                Open the case
              </Link>
              {decided.meetingId ? (
                <>
                  {" · "}
                  <Link className="govuk-link" to={`/cases/${decided.caseId}/meetings/${decided.meetingId}`}>
                    The strategy discussion
                  </Link>
                </>
              ) : null}
            </SummaryRow>
          ) : null}
        </>
      ) : pending ? (
        <>
          <SummaryRow label="Proposed">{`${pending.outcomeName}, ${pending.at} by ${pending.by}`}</SummaryRow>
          <SummaryRow label="Rationale">{pending.rationale}</SummaryRow>
          <SummaryRow label="Feedback to the referrer">{pending.feedback}</SummaryRow>
          {view.mayAuthorise ? (
            <SummaryRow label="Manager">
              <Link className="govuk-link" to={`/front-door/${contactId}/decision/authorise`}>
                Authorise or send back
              </Link>
            </SummaryRow>
          ) : view.ownProposal ? (
            <SummaryRow label="Manager">Another social care manager authorises your proposal.</SummaryRow>
          ) : null}
        </>
      ) : null}
    </SummaryList>
  );
}

/** Every step of the decision, the latest first. */
export function DecisionHistory({ view }: { view: View }) {
  return (
    <>
      <h2 className="govuk-heading-m">Decision history</h2>
      {view.steps.length === 0 ? (
        <p className="govuk-body">No decision has been proposed yet.</p>
      ) : (
        <ScrollableTable label="Decision history">
          <Table caption="Every proposal, authorisation and sending back, the latest first" columns={["When", "Step", "By", "Detail"]} testId="decision-history">
            {view.steps.map((step) => (
              <Row key={step.id}>
                <RowHeader>{step.at}</RowHeader>
                <Cell>{step.step === "proposed" ? `${step.stepName}: ${step.outcomeName}` : step.stepName}</Cell>
                <Cell>{step.by}</Cell>
                <Cell>{step.step === "proposed" ? step.rationale : step.reason}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      )}
    </>
  );
}

/** The screening page's section: consent now (beside the referrer's answer) and the decision, with their pages. */
export function ConsentAndDecision({ contactId, work }: { contactId: number; work: { consent: string; referrerConsent: string; view: View } }) {
  return (
    <section aria-labelledby="consent-and-decision" data-testid="consent-and-decision">
      <h2 className="govuk-heading-m" id="consent-and-decision">
        Consent and decision
      </h2>
      <SummaryList>
        <SummaryRow
          label="Consent"
          actions={
            <Link className="govuk-link" to={`/front-door/${contactId}/consent`}>
              Consent<span className="govuk-visually-hidden"> records</span>
            </Link>
          }
        >
          {`${work.consent} (the referrer: ${work.referrerConsent.toLowerCase()})`}
        </SummaryRow>
      </SummaryList>
      <DecisionStatus contactId={contactId} view={work.view} />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/front-door/${contactId}/decision`}>
          {work.view.decided || work.view.pending ? "The decision and its history" : "Propose a decision"}
        </Link>
      </p>
    </section>
  );
}

/** The queue's foot: the referrals decided most recently, which have left the queue, each with its outcome. */
export function RecentlyDecided({ contacts }: { contacts: { id: number; children: string; outcomeName: string; decided: string; byName: string }[] }) {
  if (!contacts.length) return null;
  return (
    <section aria-labelledby="recently-decided">
      <h2 className="govuk-heading-m" id="recently-decided">
        Recently decided
      </h2>
      <ScrollableTable label="Recently decided">
        <Table caption="The referrals decided most recently, the latest first" columns={["Child", "Outcome", "Authorised", "By"]} testId="recently-decided">
          {contacts.map((contact) => (
            <Row key={contact.id}>
              <RowHeader>
                <Link className="govuk-link" to={`/front-door/${contact.id}/decision`}>
                  {contact.children || "No child named"}
                  <span className="govuk-visually-hidden">{`, referral R-${contact.id}`}</span>
                </Link>
              </RowHeader>
              <Cell>{contact.outcomeName}</Cell>
              <Cell>{contact.decided}</Cell>
              <Cell>{contact.byName}</Cell>
            </Row>
          ))}
        </Table>
      </ScrollableTable>
    </section>
  );
}
