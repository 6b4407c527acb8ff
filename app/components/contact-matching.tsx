// Matching on a contact's screening page (issue 12 item 3): whether it is a re-referral, and for each child on it the
// children already known who may be them (on cases: the case's reference, the name and the date of birth, and why;
// on other sent referrals), its match now with a link to change it, and every match made, newest first.
import { Link, useSearchParams } from "@remix-run/react";
import type { ContactMatchingView } from "../utils/front-door-matching.server";
import { ScrollableTable, SuccessBanner } from "./banners";
import { Hidden, WarningText } from "./page";
import { SummaryList, SummaryRow } from "./summary-list";
import { Cell, Row, RowHeader, Table } from "./table";

type Match = ContactMatchingView["history"][number];

/** The tag the queue and the contact page show on a re-referral. */
export function ReReferralTag() {
  return <strong className="govuk-tag govuk-tag--purple">Re-referral</strong>;
}

function CaseName({ linked }: { linked: NonNullable<Match["linked"]> }) {
  const reference = linked.caseLink ? (
    <Link className="govuk-link" to={linked.caseLink}>
      {linked.caseReference}
    </Link>
  ) : (
    linked.caseReference
  );
  return (
    <>
      {`${linked.fullName} (${linked.birth.charAt(0).toLowerCase()}${linked.birth.slice(1)}), case `}
      {reference}
    </>
  );
}

/** A match in words: linked to whom, or none. */
function MatchWords({ match }: { match: Match }) {
  return match.linked ? (
    <>
      {"Linked to "}
      <CaseName linked={match.linked} />
    </>
  ) : (
    <>Not a child already known to a case</>
  );
}

export function ReReferralWarning({ reReferral }: { reReferral: ContactMatchingView["reReferral"] }) {
  if (!reReferral.length) return null;
  return (
    <WarningText testId="re-referral">
      {"Re-referral: "}
      {reReferral.map((entry, index) => (
        <span key={`${entry.earlierContactId}-${entry.childName}`}>
          {index > 0 ? "; " : ""}
          {`${entry.childName} was referred on ${entry.sent} (`}
          <Link className="govuk-link" to={`/front-door/${entry.earlierContactId}`}>{`referral R-${entry.earlierContactId}`}</Link>
          {")"}
        </span>
      ))}
      {", within the last 12 months."}
    </WarningText>
  );
}

export function ContactMatching({ contactId, matching }: { contactId: number; matching: ContactMatchingView }) {
  const { canMatch } = matching;
  const matched = useSearchParams()[0].get("matched") === "1";
  return (
    <section aria-labelledby="matching-heading" id="matching" data-testid="contact-matching">
      {matched ? <SuccessBanner id="matched-title" heading="Match saved" /> : null}
      <h2 className="govuk-heading-m" id="matching-heading">
        Children already known
      </h2>
      <ReReferralWarning reReferral={matching.reReferral} />
      <p className="govuk-body">
        Before a decision, link each child to a child already on a case, or confirm that none of them is. Possible matches share an NHS number, a name
        and date of birth, a surname and date of birth, or an address.
      </p>
      {matching.children.map((child) => (
        <div key={child.id} data-testid={`match-child-${child.id}`}>
          <h3 className="govuk-heading-s">{child.fullName}</h3>
          <SummaryList>
            <SummaryRow label="Date of birth">{child.birth}</SummaryRow>
            <SummaryRow label="NHS number">{child.nhsNumber ?? "Not given"}</SummaryRow>
            <SummaryRow
              label="Match"
              actions={
                canMatch ? (
                  <Link className="govuk-link" to={`/front-door/${contactId}/match?child=${child.id}`}>
                    {child.current ? "Change" : "Match"}
                    <Hidden>{` ${child.fullName}`}</Hidden>
                  </Link>
                ) : null
              }
            >
              {child.current ? (
                <>
                  <MatchWords match={child.current} />
                  <br />
                  <span className="govuk-body-s">{`By ${child.current.by}, ${child.current.at}`}</span>
                </>
              ) : (
                <strong className="govuk-tag govuk-tag--grey">Not matched yet</strong>
              )}
            </SummaryRow>
          </SummaryList>
          {child.cases.length ? (
            <ScrollableTable label={`Possible matches on cases for ${child.fullName}`}>
              <Table
                caption={`Children on cases who may be ${child.fullName}`}
                captionSize="s"
                columns={["Case", "Child", "Date of birth", "Why"]}
                testId={`case-candidates-${child.id}`}
              >
                {child.cases.map((candidate) => (
                  <Row key={candidate.casePersonId}>
                    <RowHeader>
                      {candidate.caseLink ? (
                        <Link className="govuk-link" to={candidate.caseLink}>
                          {candidate.caseReference}
                        </Link>
                      ) : (
                        candidate.caseReference
                      )}
                    </RowHeader>
                    <Cell>{candidate.fullName}</Cell>
                    <Cell>{candidate.birth}</Cell>
                    <Cell>{candidate.why}</Cell>
                  </Row>
                ))}
              </Table>
            </ScrollableTable>
          ) : (
            <p className="govuk-body" data-testid={`no-case-candidates-${child.id}`}>{`No child on a case may be ${child.fullName}.`}</p>
          )}
          {child.referrals.length ? (
            <ScrollableTable label={`Other referrals about ${child.fullName}`}>
              <Table
                caption={`Other referrals that may be about ${child.fullName}`}
                captionSize="s"
                columns={["Referral", "Child", "Date of birth", "Sent", "Why"]}
                testId={`referral-candidates-${child.id}`}
              >
                {child.referrals.map((candidate) => (
                  <Row key={`${candidate.contactId}-${candidate.fullName}`}>
                    <RowHeader>
                      <Link className="govuk-link" to={`/front-door/${candidate.contactId}`}>{`R-${candidate.contactId}`}</Link>
                    </RowHeader>
                    <Cell>{candidate.fullName}</Cell>
                    <Cell>{candidate.birth}</Cell>
                    <Cell>{candidate.sent}</Cell>
                    <Cell>{candidate.why}</Cell>
                  </Row>
                ))}
              </Table>
            </ScrollableTable>
          ) : null}
        </div>
      ))}
      <h3 className="govuk-heading-s">Match history</h3>
      {matching.history.length === 0 ? (
        <p className="govuk-body">No child on this referral has been matched yet.</p>
      ) : (
        <ScrollableTable label="Match history">
          <Table caption="Every match of this referral's children, the latest first" columns={["When", "Child", "Match", "By"]} testId="match-history">
            {matching.history.map((entry) => (
              <Row key={entry.id}>
                <RowHeader>{entry.at}</RowHeader>
                <Cell>{entry.childName}</Cell>
                <Cell>
                  <MatchWords match={entry} />
                  {entry.reasons ? <span className="govuk-body-s">{` (${entry.reasons})`}</span> : null}
                </Cell>
                <Cell>{entry.by}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      )}
    </section>
  );
}
