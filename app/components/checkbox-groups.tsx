// GOV.UK checkboxes in one fieldset, grouped under a bold line each (people by agency). The first checkbox has the
// field's id, so the error summary's link lands on it. A `fixed` choice is shown ticked and cannot be changed.
import { Fragment } from "react";

export type CheckboxChoice = { value: string; label: string; group: string; checked: boolean; fixed?: boolean };

export function CheckboxGroups({
  name,
  id,
  legend,
  hint,
  error,
  options,
}: {
  name: string;
  id: string;
  legend: string;
  hint: string;
  error?: string;
  options: CheckboxChoice[];
}) {
  const groups = [...new Set(options.map((option) => option.group))];
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ""}`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
        {error ? (
          <p className="govuk-error-message" id={`${id}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        {groups.map((group) => (
          <Fragment key={group}>
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{group}</p>
            <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4" data-module="govuk-checkboxes">
              {options
                .filter((option) => option.group === group)
                .map((option) => {
                  const inputId = option === options[0] ? id : `${id}-${option.value}`;
                  return (
                    <div className="govuk-checkboxes__item" key={option.value}>
                      <input
                        className="govuk-checkboxes__input"
                        id={inputId}
                        name={name}
                        type="checkbox"
                        value={option.value}
                        defaultChecked={option.checked || option.fixed}
                        disabled={option.fixed}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                        {option.label}
                      </label>
                    </div>
                  );
                })}
            </div>
          </Fragment>
        ))}
      </fieldset>
    </div>
  );
}
