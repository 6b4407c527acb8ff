// The plan's core groups: each with its clock and whether its notes are signed off, the next one's clock, how often
// they meet, and for the lead social worker the way to schedule the next.
import { Link } from "@remix-run/react";
import { ScrollableTable } from "../../components/banners";
import { Cell, Row, RowHeader, Table } from "../../components/table";
import type { PlanPage } from "./route";
import { Section } from "../../components/section";
import { DueBy } from "../../components/clock-tag";


export function CoreGroups({ page }: { page: PlanPage }) {
  const groups = page.coreGroups;
  if (!groups) return null;
  const caption = "The plan's core groups";
  return (
    <Section id="core-groups" title="Core groups">
      {groups.list.length ? (
        <ScrollableTable label={caption}>
          <Table caption={caption} columns={["Core group", "Clock", "Notes"]} testId="core-groups">
            {groups.list.map((group) => (
              <Row key={group.id}>
                <RowHeader>
                  <Link className="govuk-link" to={`/cases/${page.caseId}/core-groups/${group.id}`}>{`Core group ${group.number}, ${group.heldAt}`}</Link>
                </RowHeader>
                <Cell>
                  <DueBy clock={group.clock} />
                </Cell>
                <Cell>{group.signedOff ? "Signed off" : "Open"}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      ) : (
        <p className="govuk-body">No core group has been scheduled yet.</p>
      )}
      <dl className="govuk-summary-list" data-testid="next-core-group">
        {groups.next ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{groups.list.length ? "The next core group" : "The first core group"}</dt>
            <dd className="govuk-summary-list__value">
              <DueBy clock={groups.next} />
            </dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">After the first, it meets every</dt>
          <dd className="govuk-summary-list__value">{groups.interval}</dd>
        </div>
      </dl>
      {groups.canSchedule ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${page.caseId}/core-groups/new`}>
            Schedule a core group
          </Link>
        </p>
      ) : null}
    </Section>
  );
}
