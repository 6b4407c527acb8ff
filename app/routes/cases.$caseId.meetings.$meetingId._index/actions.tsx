// What will be done, by whom and by when; the chair adds, the owner or chair updates the status.
import { Form } from "@remix-run/react";
import { formatDate } from "../../../common/format";
import { Select, TextArea, TextInput } from "../../components/forms";

import { ScrollableTable } from "../../components/banners";
import { Table } from "../../components/table";
import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

const statusNames = { open: "Open", done: "Done", cancelled: "Cancelled" } as const;

/** What will be done, by whom and by when; the chair adds, the owner or chair updates the status. */
export function ActionsSection({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  const { errorsFor, values, failed } = form;
  return (
    <Section id="actions" title="Actions">
      {page.actions.length ? (
        <ScrollableTable label="What will be done, by whom and by when">
          <Table caption="What will be done, by whom and by when" columns={["What", "Who", "By", "Status"]} testId="actions">
            {page.actions.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell app-preserve-lines">{a.what}</td>
                <td className="govuk-table__cell">{`${a.ownerName} (${a.ownerAgencyName})`}</td>
                <td className="govuk-table__cell">{formatDate(a.dueOn)}</td>
                <td className="govuk-table__cell">
                  {a.canUpdateStatus ? (
                    <Form method="post" action={`${here}#actions`} preventScrollReset className="app-inline-form">
                      <input type="hidden" name="intent" value="action-status" />
                      <input type="hidden" name="actionId" value={a.id} />
                      <select className="govuk-select" name="status" defaultValue={a.status} aria-label={`Status of: ${a.what}`} key={a.status}>
                        <option value="open">Open</option>
                        <option value="done">Done</option>
                        <option value="cancelled">Cancelled</option>
                      </select>{" "}
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                        Update<span className="govuk-visually-hidden">{` the status of: ${a.what}`}</span>
                      </button>
                    </Form>
                  ) : (
                    statusNames[a.status]
                  )}
                </td>
              </tr>
            ))}
          </Table>
        </ScrollableTable>
      ) : (
        <p className="govuk-body">No actions yet.</p>
      )}
      {page.isChair ? (
        <Form method="post" action={`${here}#actions`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="add-action" />
          <h3 className="govuk-heading-s">Add an action</h3>
          <TextArea name="what" label="What will be done" error={errorsFor("add-action")?.what} defaultValue={failed === "add-action" ? values.what : undefined} rows={2} />
          <Select
            name="ownerUserId"
            label="Who will do it"
            error={errorsFor("add-action")?.ownerUserId}
            defaultValue={failed === "add-action" ? values.ownerUserId : undefined}
            placeholder="Select a person"
            groups={[{ label: null, options: page.owners.map((o) => ({ value: String(o.userId), label: o.label })) }]}
          />
          <TextInput
            name="due"
            label="By when"
            hint="Today or a later date, for example 4 12 2026. “Ongoing”, “ASAP” and “TBC” are not dates."
            error={errorsFor("add-action")?.due}
            defaultValue={failed === "add-action" ? values.due : undefined}
            width="10"
          />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Add the action
          </button>
        </Form>
      ) : null}
    </Section>
  );
}
