// The core group's members and whether they attended: the lead social worker records anyone's, each member their own,
// until sign-off; each mark says who recorded it and when. A choice appears only on the rows this person may record.
import { Form } from "@remix-run/react";
import { ScrollableTable } from "../../components/banners";
import { SubmitButton } from "../../components/page";
import { Cell, Row, RowHeader, Table } from "../../components/table";

import type { CoreGroupPage } from "./route";
import { Section } from "../../components/section";

const attendanceWords = { invited: "Not recorded yet", present: "Present", apologies: "Apologies", did_not_attend: "Did not attend" } as const;

type Member = CoreGroupPage["attendance"][number];

function AttendanceChoice({ member }: { member: Member }) {
  if (!member.canRecord) return <>{attendanceWords[member.attendance]}</>;
  return (
    <select
      className="govuk-select"
      name={`attendance-${member.userId}`}
      aria-label={`Attendance of ${member.fullName}`}
      defaultValue={member.attendance === "invited" ? "" : member.attendance}
      key={member.attendance}
    >
      {(["invited", "present", "apologies", "did_not_attend"] as const).map((value) => (
        <option key={value} value={value === "invited" ? "" : value}>
          {attendanceWords[value]}
        </option>
      ))}
    </select>
  );
}

export function AttendanceSection({ page, here }: { page: CoreGroupPage; here: string }) {
  const caption = "The core group's members, and whether they attended";
  const table = (
    <ScrollableTable label={caption}>
      <Table caption={caption} columns={["Member", "Agency", "Attendance", "Recorded by"]} testId="attendance">
        {page.attendance.map((member) => (
          <Row key={member.userId}>
            <RowHeader>{member.fullName}</RowHeader>
            <Cell>{member.agencyName}</Cell>
            <Cell>
              <AttendanceChoice member={member} />
            </Cell>
            <Cell>{member.recorded ?? <span className="app-empty">Not recorded</span>}</Cell>
          </Row>
        ))}
      </Table>
    </ScrollableTable>
  );
  return (
    <Section id="attendance" title="Attendance">
      <p className="govuk-hint">The lead social worker records everyone's attendance. Each member can record their own.</p>
      {page.attendance.some((member) => member.canRecord) ? (
        <Form method="post" action={`${here}#attendance`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="attendance" />
          {table}
          <SubmitButton variant="secondary">Save attendance</SubmitButton>
        </Form>
      ) : (
        table
      )}
    </Section>
  );
}
