// A table of account activity (sign-ins, failed attempts, sign-outs, password changes, administrators' actions), as
// the person reads their own and an agency's administrators read their people's.
import type { AccountEvent } from "../../server/audit/account-activity";
import { describeDevice, formatDateTime } from "../../common/format";
import { ScrollableTable } from "./banners";
import { Cell, Row, Table } from "./table";

export type AccountActivityRow = {
  when: string;
  what: string;
  result: string;
  person: string;
  by: string | null;
  device: string;
  ip: string;
};

/** Account events as the table shows them (in the loader: dates and browsers in words). */
export function accountActivityRows(
  events: AccountEvent[]
): AccountActivityRow[] {
  return events.map((event) => ({
    when: formatDateTime(event.at, { seconds: true }),
    what: event.what,
    result: event.result,
    person: event.person.fullName,
    by: event.by,
    device: describeDevice(event.userAgent),
    ip: event.ip,
  }));
}

export function AccountActivity({ caption, rows, showPerson }: { caption: string; rows: AccountActivityRow[]; showPerson: boolean }) {
  if (rows.length === 0) return <p className="govuk-body">Nothing has happened in the last 90 days.</p>;
  return (
    <ScrollableTable label={caption}>
      <Table caption={caption} testId="account-activity" columns={[showPerson ? "Person" : null, "When", "What happened", "Result", "By", "Device", "Internet address"]}>
        {rows.map((row, i) => (
          <Row key={i}>
            {showPerson ? <Cell>{row.person}</Cell> : null}
            <Cell>{row.when}</Cell>
            <Cell>{row.what}</Cell>
            <Cell>{row.result}</Cell>
            <Cell>{row.by ?? (showPerson ? "Themselves" : "You")}</Cell>
            <Cell>{row.device}</Cell>
            <Cell>{row.ip || "Unknown"}</Cell>
          </Row>
        ))}
      </Table>
    </ScrollableTable>
  );
}
