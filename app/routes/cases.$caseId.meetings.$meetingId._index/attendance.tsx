// Who was invited and whether they attended, recorded by anyone on the meeting until sign-off.
import { Form } from "@remix-run/react";
import { attendanceNames, Section, type FormState } from "./parts";
import { Table } from "../../components/table";
import type { MeetingPageData } from "./route";

/** Who was invited and whether they attended, recorded by anyone on the meeting until sign-off. */
export function AttendanceSection({ page, here }: { page: MeetingPageData; here: string; form: FormState }) {
  const { meeting } = page;
  return (
    <Section id="attendance" title="Attendance">
      <Form method="post" action={`${here}#attendance`} noValidate preventScrollReset>
        <input type="hidden" name="intent" value="attendance" />
        <Table caption="Who was invited, and whether they attended" columns={["Person", "Agency", "Attendance"]} testId="attendance">
          {meeting.invitees.map((invitee) => (
            <tr className="govuk-table__row" key={invitee.userId}>
              <th scope="row" className="govuk-table__header">
                {invitee.fullName}
              </th>
              <td className="govuk-table__cell">{invitee.agencyName}</td>
              <td className="govuk-table__cell">
                {page.canRecord ? (
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
            </tr>
          ))}
        </Table>
        {page.canRecord ? (
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Save attendance
          </button>
        ) : null}
      </Form>
    </Section>
  );
}
