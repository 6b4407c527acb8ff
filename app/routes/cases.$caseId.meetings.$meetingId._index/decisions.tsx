// The chair's decisions at a strategy meeting: section 47, police investigation, protection, the conference, what the
// family is told, and each agency's dissent.
import { Form } from "@remix-run/react";
import { formatDate } from "../../../common/format";
import type { FieldErrors } from "../../../common/forms/form-errors";
import { Select, TextArea, TextInput } from "../../components/forms";
import { SummaryRow } from "../../components/summary-list";
import { investigationNames } from "./parts";
import type { MeetingPageData } from "./route";
import { type FormState, Section } from "../../components/section";

/** The chair's decisions, dissent, and the forms that record them. */
export function DecisionsSection({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  const { meeting } = page;
  const { errorsFor, values, failed } = form;
  return (
    <Section id="decisions" title="Decisions">
      {page.decisions ? <Decisions decisions={page.decisions} icpc={page.icpc} /> : <p className="govuk-body">The chair has not recorded the decisions yet.</p>}
      {page.isChair ? <DecisionsForm errors={errorsFor("decisions")} values={failed === "decisions" ? values : {}} here={here} /> : null}
      <Dissent page={page} here={here} form={form} />
    </Section>
  );
}

/** Each agency's dissent, as recorded, and the chair's form to record one: at a strategy meeting and a conference. */
export function Dissent({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  return (
    <>
      {page.dissent.length ? (
        <>
          <h3 className="govuk-heading-s">Dissent</h3>
          <ul className="govuk-list govuk-list--bullet">
            {page.dissent.map((d) => (
              <li key={d.id}>{`${d.agencyName}: ${d.dissent}`}</li>
            ))}
          </ul>
        </>
      ) : null}
      {page.isChair ? <DissentForm page={page} here={here} form={form} /> : null}
    </>
  );
}

function DissentForm({ page, here, form }: { page: MeetingPageData; here: string; form: FormState }) {
  const { errorsFor } = form;
  return (
    <Form method="post" action={`${here}#decisions`} noValidate preventScrollReset>
      <input type="hidden" name="intent" value="dissent" />
      <h3 className="govuk-heading-s">Record an agency's dissent</h3>
      <Select
        name="agencyId"
        label="Agency"
        error={errorsFor("dissent")?.agencyId}
        placeholder="Select the agency"
        groups={[{ label: null, options: page.meeting.agencies.map((a) => ({ value: a.id, label: a.name })) }]}
      />
      <TextArea name="dissent" label="What it disagrees with, and why" error={errorsFor("dissent")?.dissent} rows={2} />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Record the dissent
      </button>
    </Form>
  );
}

type LoadedDecisions = NonNullable<MeetingPageData["decisions"]>;

function Decisions({ decisions, icpc }: { decisions: LoadedDecisions; icpc: { due: string; left: number } | null }) {
  return (
    <dl className="govuk-summary-list" data-testid="decisions">
      <SummaryRow label="Section 47 enquiry">{`${decisions.section47 ? "Yes" : "No"}: ${decisions.section47Why}`}</SummaryRow>
      <SummaryRow label="Police investigation">{investigationNames[decisions.policeInvestigation]}</SummaryRow>
      <SummaryRow label="Immediate protection">{decisions.immediateProtection ? `Yes: ${decisions.immediateProtectionDetail}` : "Not needed"}</SummaryRow>
      <SummaryRow label="Initial child protection conference">
        {decisions.icpc && icpc ? (
          <span data-testid="icpc-due">{`To be held by ${icpc.due} (15 working days)`}</span>
        ) : (
          "Not to be convened"
        )}
      </SummaryRow>
      <SummaryRow label="What the family is told">
        {decisions.familyTold
          ? `${decisions.familyToldBy} tells them on ${formatDate(decisions.familyToldOn)}`
          : `Not yet: ${decisions.familyNotToldWhy}`}
      </SummaryRow>
    </dl>
  );
}

function DecisionsForm({ errors, values, here }: { errors?: FieldErrors; values: Record<string, string>; here: string }) {
  const radios = (name: string, legend: string, options: [string, string][]) => (
    <div className={`govuk-form-group${errors?.[name] ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {errors?.[name] ? (
          <p className="govuk-error-message" id={`${name}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {errors[name]}
          </p>
        ) : null}
        <div className="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
          {options.map(([value, label], index) => (
            <div className="govuk-radios__item" key={value}>
              <input className="govuk-radios__input" id={index === 0 ? name : `${name}-${value}`} name={name} type="radio" value={value} defaultChecked={values[name] === value} />
              <label className="govuk-label govuk-radios__label" htmlFor={index === 0 ? name : `${name}-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
  const yesNo: [string, string][] = [
    ["yes", "Yes"],
    ["no", "No"],
  ];
  return (
    <Form method="post" action={`${here}#decisions`} noValidate preventScrollReset className="app-decisions-form">
      <input type="hidden" name="intent" value="decisions" />
      <h3 className="govuk-heading-s">Record the decisions</h3>
      {radios("section47", "Does a section 47 enquiry start?", yesNo)}
      <TextArea name="section47Why" label="Why" error={errors?.section47Why} defaultValue={values.section47Why} rows={2} />
      {radios("policeInvestigation", "Do the police investigate?", [
        ["none", "No"],
        ["single", "Yes, single-agency"],
        ["joint", "Yes, jointly with social care"],
      ])}
      {radios("immediateProtection", "Does the child need immediate protection?", yesNo)}
      <TextArea name="immediateProtectionDetail" label="If so, what protection" error={errors?.immediateProtectionDetail} defaultValue={values.immediateProtectionDetail} rows={2} />
      {radios("icpc", "Is an initial child protection conference to be convened?", yesNo)}
      <p className="govuk-hint">If so, it is due within 15 working days of this meeting, counted without weekends and bank holidays.</p>
      {radios("familyTold", "Is the family being told?", yesNo)}
      <TextInput name="familyToldBy" label="If so, who tells them" error={errors?.familyToldBy} defaultValue={values.familyToldBy} />
      <div className={`govuk-form-group${errors?.familyToldOnDay ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" role="group">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">If so, when</legend>
          {errors?.familyToldOnDay ? (
            <p className="govuk-error-message" id="familyToldOnDay-error">
              <span className="govuk-visually-hidden">Error:</span> {errors.familyToldOnDay}
            </p>
          ) : null}
          <div className="govuk-date-input">
            {(["Day", "Month", "Year"] as const).map((part) => (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={`familyToldOn${part}`}>
                    {part}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${part === "Year" ? 4 : 2}`}
                    id={`familyToldOn${part}`}
                    name={`familyToldOn${part}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={values[`familyToldOn${part}`]}
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea name="familyNotToldWhy" label="If not yet, why not" error={errors?.familyNotToldWhy} defaultValue={values.familyNotToldWhy} rows={2} />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Record the decisions
      </button>
    </Form>
  );
}
