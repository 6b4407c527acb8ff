// The agency checks and the front door's map on the screening page (issue 12 items 4 and 8): each check with when it
// was asked for and completed, opened by those who may read it; a restricted check is named but not opened by the rest.
import { Link } from "@remix-run/react";
import { ScrollableTable } from "./banners";
import { Cell, Row, RowHeader, Table } from "./table";

export type ContactDocumentsView = {
  checks: {
    agencyId: string;
    agencyName: string;
    askedAt: string;
    askedBy: string;
    completedAt: string | null;
    restricted: boolean;
    shared: boolean;
    canOpen: boolean;
    yours: boolean;
  }[];
  map: { startedAt: string; startedBy: string; carried: boolean } | null;
  canAdd: boolean;
};

export function ContactChecks({ contactId, view }: { contactId: number; view: ContactDocumentsView }) {
  return (
    <section aria-labelledby="checks" data-testid="contact-checks">
      <h2 className="govuk-heading-m" id="checks">
        Agency checks
      </h2>
      {view.checks.length === 0 ? (
        <p className="govuk-body">No agency has been asked to check yet.</p>
      ) : (
        <ScrollableTable label="Agency checks">
          <Table caption="What each agency was asked to check, and when" columns={["Agency", "Asked for", "Completed", "Who reads it"]} testId="checks-table">
            {view.checks.map((check) => (
              <Row key={check.agencyId}>
                <RowHeader>
                  {check.canOpen ? (
                    <Link className="govuk-link" to={`/front-door/${contactId}/checks/${check.agencyId}`}>
                      {check.agencyName}
                      {check.yours ? " (yours to write)" : ""}
                    </Link>
                  ) : (
                    check.agencyName
                  )}
                </RowHeader>
                <Cell>{`${check.askedAt} by ${check.askedBy}`}</Cell>
                <Cell>{check.completedAt ?? <strong className="govuk-tag govuk-tag--grey">Not yet</strong>}</Cell>
                <Cell>{check.restricted ? `${check.agencyName} and the managers who decide` : check.shared ? "The screening team (shared with a reason)" : "The screening team"}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      )}
      {view.canAdd ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/front-door/${contactId}/checks/new`}>
            Ask an agency to check
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m" id="front-door-map">
        Front door map
      </h2>
      {view.map ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/front-door/${contactId}/map`}>
            Open the map
          </Link>{" "}
          (started {view.map.startedAt} by {view.map.startedBy}
          {view.map.carried ? "; carried to the case" : ""})
        </p>
      ) : view.canAdd ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/front-door/${contactId}/map`}>
            Start a map
          </Link>{" "}
          that every agency of the screening team writes in at once.
        </p>
      ) : (
        <p className="govuk-body">No map was started.</p>
      )}
    </section>
  );
}
