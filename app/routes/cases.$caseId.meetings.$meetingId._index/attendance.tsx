// Who was invited and whether they attended: recorded by the chair for anyone, or by each person for themselves, until
// sign-off; each mark says who recorded it and when.
import { Form } from "@remix-run/react";
import { formatDateTime } from "../../../common/format";
import { attendanceNames, Section, type FormState } from "./parts";
import { ScrollableTable } from "../../components/banners";
import { Table } from "../../components/table";
import type { MeetingPageData } from "./route";

/** Who was invited and whether they attended; a choice only on the rows this person may record. */
export function AttendanceSection({ page, here }: { page: MeetingPageData; here: string; form: FormState }) {
  const mayRecordSome = page.attendance.some((invitee) => invitee.canRecord);
  const caption = "Who was invited, and whether they attended";
  const table = (
    <ScrollableTable label={caption}>
      <Table caption={caption} columns={["Person", "Agency", "Attendance", "Recorded by"]} testId="attendance">
        {page.attendance.map((invitee) => (
          <tr className="govuk-table__row" key={invitee.userId}>
            <th scope="row" className="govuk-table__header">
              {invitee.fullName}
            </th>
            <td className="govuk-table__cell">
              {invitee.agencyName}
            </td>
            <td className="govuk-table__cell">
              {invitee.canRecord ? (
                <select
                  className="govuk-select"
                  name={`attendance-${invitee.userId}`}
                  aria-label={`Attendance of ${invitee.fullName}`}
                  defaultValue={invitee.attendance === "invited" ? "" : invitee.attendance}
                  key={invitee.attendance}
                >
                  <option value="">Not recorded yet</option>
                  <option value="present">Present</option>
                  <option value="apologies">Apologies</option>
                  <option value="did_not_attend">Did not attend</option>
                </select>
              ) : (
                attendanceNames[invitee.attendance]
              )}
            </td>
            <td className="govuk-table__cell" data-testid={`attendance-recorded-${invitee.userId}`}>
              {invitee.recorded ? `${invitee.recorded.recordedBy}, ${formatDateTime(new Date(invitee.recorded.recordedAt))}` : <span className="app-empty">Not recorded</span>}
            </td>
          </tr>
        ))}
      </Table>
    </ScrollableTable>
  );
  return (
    <Section id="attendance" title="Attendance">
      <p className="govuk-hint">The chair records everyone's attendance. Each person invited can record their own.</p>
      {mayRecordSome ? (
        <Form method="post" action={`${here}#attendance`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="attendance" />
          {table}
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Save attendance
          </button>
        </Form>
      ) : (
        table
      )}
    </Section>
  );
}
