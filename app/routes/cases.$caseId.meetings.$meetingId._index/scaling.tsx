// Each agency's scaling, and the forms to record one or the reason one could not be given.
import { Form } from "@remix-run/react";
import { possessive } from "../../../common/format";
import { Checkbox, Select, TextArea, TextInput } from "../../components/forms";
import { ScoresTable } from "../../components/scores-table";

import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

/** Each agency's scaling, and the forms to record one or the reason one could not be given. */
export function ScalingSection({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  const { meeting } = page;
  const { errorsFor, values, failed } = form;
  return (
    <Section id="scaling" title="Risk scaling">
      <ScoresTable
        caption="Each agency's scaling at this meeting"
        testId="meeting-scores"
        rows={page.scalings.map((s) => ({ ...s, recorded: s.recordedBy }))}
        more={page.exemptions.map((e) => (
          <tr className="govuk-table__row" key={e.agencyId}>
            <th scope="row" className="govuk-table__header">
              {e.agencyName}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">Not scaled</td>
            <td className="govuk-table__cell app-preserve-lines">{`Could not scale: ${e.reason}`}</td>
            <td className="govuk-table__cell">{e.recordedBy}</td>
          </tr>
        ))}
      />
      {page.unscaled.length ? (
        <p className="govuk-body" data-testid="unscaled">{`Still to scale: ${page.unscaled.map((a) => a.name).join(", ")}.`}</p>
      ) : null}
      {page.canScale ? (
        <Form method="post" action={`${here}#scaling`} noValidate preventScrollReset className="app-scaling-form">
          <input type="hidden" name="intent" value="scale" />
          <h3 className="govuk-heading-s">{`Record ${possessive(page.you.agencyName)} scaling`}</h3>
          <TextInput name="score" label="Score, from 0 to 10" error={errorsFor("scale")?.score} defaultValue={failed === "scale" ? values.score : undefined} width="2" inputMode="numeric" />
          <TextArea name="reasons" label="Reasons for this score" error={errorsFor("scale")?.reasons} defaultValue={failed === "scale" ? values.reasons : undefined} rows={3} />
          <Checkbox name="forFamily" label="The family may see these reasons" />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Record the scaling
          </button>
        </Form>
      ) : null}
      {page.isChair && page.unscaled.length ? (
        <Form method="post" action={`${here}#scaling`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="exempt" />
          <h3 className="govuk-heading-s">Record why an agency could not scale</h3>
          <Select
            name="agencyId"
            label="Agency"
            error={errorsFor("exempt")?.agencyId}
            placeholder="Select the agency"
            groups={[{ label: null, options: page.unscaled.map((a) => ({ value: a.id, label: a.name })) }]}
          />
          <TextArea name="reason" label="Why it could not scale" error={errorsFor("exempt")?.reason} rows={2} />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Record the reason
          </button>
        </Form>
      ) : null}
    </Section>
  );
}
