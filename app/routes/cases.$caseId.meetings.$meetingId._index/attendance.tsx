// Who was invited and whether they attended: recorded by the chair for anyone, or by each person for themselves, until
// sign-off; each mark says who recorded it and when.
import { Form } from "@remix-run/react";
import { formatDateTime } from "../../../common/format";
import { attendanceNames } from "./parts";
import { ScrollableTable } from "../../components/banners";
import { Table } from "../../components/table";
import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

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
                <AttendanceSelect name={`attendance-${invitee.userId}`} fullName={invitee.fullName} attendance={invitee.attendance} />
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
      {page.conference ? <FamilyAttendance page={page} here={here} /> : null}
    </Section>
  );
}

/** At a conference: the family members who attend, people on the case rather than accounts; the chair records them. */
function FamilyAttendance({ page, here }: { page: MeetingPageData; here: string }) {
  const attendees = page.conference?.familyAttendees ?? [];
  if (!attendees.length) return <p className="govuk-body">No family member is recorded as attending.</p>;
  const caption = "The family members who attend";
  const table = (
    <ScrollableTable label={caption}>
      <Table caption={caption} columns={["Person", "Relationship", "Attendance", "Recorded by"]} testId="family-attendance">
        {attendees.map((person) => (
          <tr className="govuk-table__row" key={person.personId}>
            <th scope="row" className="govuk-table__header">
              {person.fullName}
            </th>
            <td className="govuk-table__cell">{person.relationship}</td>
            <td className="govuk-table__cell">
              {page.isChair ? (
                <AttendanceSelect name={`family-${person.personId}`} fullName={person.fullName} attendance={person.attendance} />
              ) : (
                attendanceNames[person.attendance]
              )}
            </td>
            <td className="govuk-table__cell">
              {person.recordedBy && person.recordedAt ? `${person.recordedBy}, ${formatDateTime(new Date(person.recordedAt))}` : <span className="app-empty">Not recorded</span>}
            </td>
          </tr>
        ))}
      </Table>
    </ScrollableTable>
  );
  return page.isChair ? (
    <Form method="post" action={`${here}#attendance`} noValidate preventScrollReset>
      <input type="hidden" name="intent" value="family-attendance" />
      {table}
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Save the family's attendance
      </button>
    </Form>
  ) : (
    table
  );
}

/** One person's attendance, to choose: "Not recorded yet" until someone records it. */
function AttendanceSelect({ name, fullName, attendance }: { name: string; fullName: string; attendance: keyof typeof attendanceNames }) {
  return (
    <select className="govuk-select" name={name} aria-label={`Attendance of ${fullName}`} defaultValue={attendance === "invited" ? "" : attendance} key={attendance}>
      <option value="">Not recorded yet</option>
      <option value="present">Present</option>
      <option value="apologies">Apologies</option>
      <option value="did_not_attend">Did not attend</option>
    </select>
  );
}
