// The oversight pages' filter: a date range and, for partnership managers, one agency or all. Sent by GET, so the
// address holds the scope and every link and export keeps it.
import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../../common/forms/form-errors";
import type { AgencyChoice } from "../../../server/oversight/scope";
import { DateInput, ErrorSummary, Select } from "../forms";
import { SubmitButton } from "../page";

export function ScopeForm({
  action,
  values,
  errors,
  agencies,
  row,
}: {
  action: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  /** null: an agency's manager, who sees their own agency's part only. */
  agencies: AgencyChoice[] | null;
  /** On a drill-down into one row of a table: kept as the range changes. */
  row?: string | null;
}) {
  return (
    <>
      <ErrorSummary errors={errors} order={["fromDay", "toDay", "agency", "form"]} />
      <Form method="get" action={action} className="app-no-print" aria-label="Which figures to show">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <DateInput prefix="from" legend="From" hint="For example, 1 4 2026" error={errors?.fromDay} values={values} />
          </div>
          <div className="govuk-grid-column-one-third">
            <DateInput prefix="to" legend="To" hint="Today or before" error={errors?.toDay} values={values} />
          </div>
          {agencies ? (
            <div className="govuk-grid-column-one-third">
              <Select
                name="agency"
                label="Agency"
                error={errors?.agency}
                defaultValue={values.agency ?? ""}
                placeholder="All agencies"
                groups={[{ label: null, options: agencies.map((agency) => ({ value: agency.id, label: agency.name })) }]}
              />
            </div>
          ) : null}
        </div>
        {row ? <input type="hidden" name="row" value={row} /> : null}
        <SubmitButton variant="secondary">Show these figures</SubmitButton>
      </Form>
    </>
  );
}
