// Sign-off for the chair, and addenda once signed off.
import { Form } from "@remix-run/react";
import { formatDateTime } from "../../../common/format";
import { TextArea } from "../../components/forms";

import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

/** Sign-off for the chair, and addenda once signed off. */
export function RecordSections({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  const { errorsFor } = form;
  return (
    <>
      {page.isChair && !page.signedOff ? (
        <Section id="record" title="Sign off">
          <p className="govuk-body">
            Signing off makes every part of this record read-only for everyone, at once. The minutes exist from that moment.
          </p>
          {errorsFor("sign-off")?.signOff ? (
            <p className="govuk-error-message" id="signOff">
              <span className="govuk-visually-hidden">Error:</span> {errorsFor("sign-off")!.signOff}
            </p>
          ) : null}
          <Form method="post" action={`${here}#record`} preventScrollReset>
            <input type="hidden" name="intent" value="sign-off" />
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Sign off the record
            </button>
          </Form>
        </Section>
      ) : null}

      {page.signedOff ? (
        <Section id="addenda" title="Addenda">
          {page.addenda.length ? (
            page.addenda.map((a) => (
              <div className="govuk-inset-text" key={a.id}>
                <p className="govuk-body app-preserve-lines">{a.addendum}</p>
                <p className="govuk-body-s govuk-!-margin-0">{`${a.addedBy} (${a.addedByAgency}), ${formatDateTime(new Date(a.addedAt))}`}</p>
              </div>
            ))
          ) : (
            <p className="govuk-body">No addenda.</p>
          )}
          {page.canAddAddendum ? (
            <Form method="post" action={`${here}#addenda`} noValidate preventScrollReset>
              <input type="hidden" name="intent" value="addendum" />
              <TextArea name="addendum" label="Add an addendum" hint="Dated and recorded with your name and agency." error={errorsFor("addendum")?.addendum} rows={3} />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Add the addendum
              </button>
            </Form>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}
