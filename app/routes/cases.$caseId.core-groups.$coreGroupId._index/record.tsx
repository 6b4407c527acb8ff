// Sign-off for the lead social worker; after it, addenda and the distribution: who received the notes, in which
// version, and when.
import { Form } from "@remix-run/react";
import { ScrollableTable } from "../../components/banners";
import { DateInput, Radios, Select, TextArea } from "../../components/forms";
import { SubmitButton } from "../../components/page";
import { Cell, Row, RowHeader, Table } from "../../components/table";

import type { CoreGroupPage } from "./route";
import { type FormState, Section } from "../../components/section";

function Distribution({ page, here, form }: { page: CoreGroupPage; here: string; form: FormState }) {
  const errors = form.errorsFor("distribution");
  const values = form.failed === "distribution" ? form.values : {};
  const caption = "Who received the notes";
  return (
    <Section id="distribution" title="Who received the notes">
      {page.distribution.length ? (
        <ScrollableTable label={caption}>
          <Table caption={caption} columns={["Who", "Version", "Sent on", "Recorded by"]} testId="distribution">
            {page.distribution.map((sent) => (
              <Row key={sent.id}>
                <RowHeader>{sent.recipientName}</RowHeader>
                <Cell>{sent.version === "full" ? "The full notes" : "The family's version"}</Cell>
                <Cell>{sent.sentOn}</Cell>
                <Cell>{`${sent.recordedBy}, ${sent.recordedAt}`}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      ) : (
        <p className="govuk-body">No one is recorded as having received the notes yet.</p>
      )}
      {page.recipients ? (
        <Form method="post" action={`${here}#distribution`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="distribution" />
          <h3 className="govuk-heading-s">Record who received the notes</h3>
          <Select
            name="recipient"
            label="Who received them"
            error={errors?.recipient}
            defaultValue={values.recipient}
            placeholder="Select a person"
            groups={[
              { label: "The core group", options: page.recipients.professionals.map((person) => ({ value: `professional:${person.id}`, label: person.name })) },
              { label: "The family and network", options: page.recipients.family.map((person) => ({ value: `family:${person.id}`, label: person.name })) },
            ]}
          />
          <Radios
            name="version"
            legend="Which version"
            hint="The family receive only the family's version."
            error={errors?.version}
            defaultValue={values.version}
            options={[
              { value: "full", label: "The full notes" },
              { value: "family", label: "The family's version" },
            ]}
          />
          <DateInput prefix="sentOn" legend="When they were sent" hint="For example, 4 12 2026" error={errors?.sentOnDay} values={values} />
          <SubmitButton variant="secondary">Record who received them</SubmitButton>
        </Form>
      ) : null}
    </Section>
  );
}

export function RecordSections({ page, here, form }: { page: CoreGroupPage; here: string; form: FormState }) {
  const signOffError = form.errorsFor("sign-off")?.signOff;
  return (
    <>
      {page.isLead ? (
        <Section id="record" title="Sign off the notes">
          <p className="govuk-body">Signing off makes the notes and this core group's record read-only for everyone, at once.</p>
          {signOffError ? (
            <p className="govuk-error-message" id="signOff">
              <span className="govuk-visually-hidden">Error:</span> {signOffError}
            </p>
          ) : null}
          <Form method="post" action={`${here}#record`} preventScrollReset>
            <input type="hidden" name="intent" value="sign-off" />
            <SubmitButton variant="warning">Sign off the notes</SubmitButton>
          </Form>
        </Section>
      ) : null}
      {page.coreGroup.signedOff ? (
        <>
          <Section id="addenda" title="Addenda">
            {page.addenda.length ? (
              page.addenda.map((addendum) => (
                <div className="govuk-inset-text" key={addendum.id}>
                  <p className="govuk-body app-preserve-lines">{addendum.addendum}</p>
                  <p className="govuk-body-s govuk-!-margin-0">{`${addendum.addedBy} (${addendum.addedByAgency}), ${addendum.addedAt}`}</p>
                </div>
              ))
            ) : (
              <p className="govuk-body">No addenda.</p>
            )}
            {page.canAddAddendum ? (
              <Form method="post" action={`${here}#addenda`} noValidate preventScrollReset>
                <input type="hidden" name="intent" value="addendum" />
                <TextArea name="addendum" label="Add an addendum" hint="Dated and recorded with your name and agency." error={form.errorsFor("addendum")?.addendum} rows={3} />
                <SubmitButton variant="secondary">Add the addendum</SubmitButton>
              </Form>
            ) : null}
          </Section>
          <Distribution page={page} here={here} form={form} />
        </>
      ) : null}
    </>
  );
}
