// On a case's front sheet, for its lead social worker and team managers: who opened the case for oversight without
// working on it, when, why, and until when (decision 039).
import { ScrollableTable } from "./banners";
import { Cell, Row, Table } from "./table";

export type OversightOpeningView = { id: number; who: string; agencyName: string; reason: string; openedAt: string; until: string; live: boolean };

export function OversightOpenings({ openings }: { openings: OversightOpeningView[] }) {
  return (
    <section aria-labelledby="oversight-openings-heading" data-testid="oversight-openings">
      <h2 className="govuk-heading-m" id="oversight-openings-heading">
        Opened for oversight
      </h2>
      {openings.length ? (
        <ScrollableTable label="Partnership managers who opened this case for oversight">
          <Table caption="Partnership managers who opened this case for oversight, newest first" columns={["Who", "When", "Why", "Until"]}>
            {openings.map((opening) => (
              <Row key={opening.id}>
                <Cell>
                  {opening.who}
                  <div className="govuk-hint govuk-!-margin-0">{opening.agencyName}</div>
                </Cell>
                <Cell>{opening.openedAt}</Cell>
                <Cell>{opening.reason}</Cell>
                <Cell>
                  {opening.until}{" "}
                  {opening.live ? <strong className="govuk-tag govuk-tag--blue">Open now</strong> : <strong className="govuk-tag govuk-tag--grey">Ended</strong>}
                </Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      ) : (
        <p className="govuk-body">No partnership manager has opened this case for oversight.</p>
      )}
    </section>
  );
}
