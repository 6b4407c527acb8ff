// GOV.UK form components: error summary, text inputs, radios, date input, each showing its field's error.
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import type { FieldErrors } from "../../common/forms/form-errors";

/** Field keys in the order they appear on the page, so the summary lists errors in that order. */
export function ErrorSummary({ errors, order }: { errors: FieldErrors | undefined; order?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const keys = errors ? Object.keys(errors) : [];
  // Once per submission's errors: a page that re-renders (another person's change arriving) keeps the focus where it
  // is. When a later submission succeeds, the title loses its "Error: ".
  useEffect(() => {
    if (!keys.length) {
      if (document.title.startsWith("Error: ")) document.title = document.title.slice("Error: ".length);
      return;
    }
    ref.current?.focus();
    if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [errors]);
  if (!errors || keys.length === 0) return null;
  const sorted = order ? [...keys].sort((a, b) => rank(order, a) - rank(order, b)) : keys;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {sorted.map((key) => (
              <li key={key}>
                {key === "form" ? (
                  errors[key]
                ) : (
                  <a href={`#${key}`} onClick={(event) => focusField(event, key)}>
                    {errors[key]}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * As GOV.UK Frontend's error summary does: focus the field itself and scroll its label or legend into view, rather
 * than only jumping to it. Done here because the summary appears after the page's components were initialised.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  event.preventDefault();
  const legend = field.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (legend ?? label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

const rank = (order: string[], key: string) => (order.includes(key) ? order.indexOf(key) : order.length);

function ErrorMessage({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

type TextInputProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  width?: "2" | "5" | "10" | "20" | "30";
  spellCheck?: boolean;
  inputMode?: "numeric" | "text";
  labelIsPageHeading?: boolean;
};

/** A GOV.UK form group: the label, hint and error message around one control. */
export function Field({ id, label, hint, error, labelClassName, children }: { id: string; label: string; hint?: string; error?: string; labelClassName?: string; children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label${labelClassName ? ` ${labelClassName}` : ""}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} message={error} />
      {children}
    </div>
  );
}

const describedByOf = (name: string, hint?: string, error?: string) =>
  [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;

export function TextInput(props: TextInputProps) {
  const { name, hint, error, width } = props;
  return (
    <Field {...props} id={name}>
      <input
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
        id={name}
        name={name}
        type={props.type ?? "text"}
        defaultValue={props.type === "password" ? undefined : props.defaultValue}
        autoComplete={props.autoComplete}
        spellCheck={props.spellCheck}
        inputMode={props.inputMode}
        aria-describedby={describedByOf(name, hint, error)}
      />
    </Field>
  );
}

/** `id` when the same field name appears in more than one form on a page; the name otherwise. */
export function TextArea(props: { name: string; id?: string; label: string; hint?: string; error?: string; defaultValue?: string; rows?: number; labelClassName?: string }) {
  const { name, hint, error } = props;
  const id = props.id ?? name;
  return (
    <Field {...props} id={id}>
      <textarea
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={id}
        name={name}
        rows={props.rows ?? 5}
        defaultValue={props.defaultValue}
        aria-describedby={describedByOf(id, hint, error)}
      />
    </Field>
  );
}

/** A select with a first, empty choice; options may be grouped (`label: null` for ungrouped ones). */
export function Select(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  placeholder: string;
  groups: { label: string | null; options: { value: string; label: string }[] }[];
}) {
  const { name, hint, error, defaultValue, placeholder, groups } = props;
  const options = (group: (typeof groups)[number]) =>
    group.options.map((option) => (
      <option key={option.value} value={option.value}>
        {option.label}
      </option>
    ));
  return (
    <Field {...props} id={name}>
      <select
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        id={name}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-describedby={describedByOf(name, hint, error)}
      >
        <option value="">{placeholder}</option>
        {groups.map((group) =>
          group.label === null ? (
            options(group)
          ) : (
            <optgroup key={group.label} label={group.label}>
              {options(group)}
            </optgroup>
          ),
        )}
      </select>
    </Field>
  );
}

/** One checkbox that sends `value="yes"` when ticked. */
export function Checkbox({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked?: boolean }) {
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={name}
            name={name}
            type="checkbox"
            value="yes"
            defaultChecked={defaultChecked}
            aria-describedby={hint ? `${name}-hint` : undefined}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={name}>
            {label}
          </label>
          {hint ? (
            <div id={`${name}-hint`} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function Radios({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  inline,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string;
  inline?: boolean;
}) {
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${name}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={name} message={error} />
        <div className={`govuk-radios${inline ? " govuk-radios--inline" : ""}`} data-module="govuk-radios">
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${index + 1}`;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={option.value}
                  defaultChecked={defaultValue === option.value}
                  aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function DateInput({
  prefix,
  legend,
  hint,
  error,
  values,
}: {
  prefix: string;
  legend: string;
  hint?: string;
  error?: string;
  values: Record<string, string | undefined>;
}) {
  const parts = [
    { key: "Day", label: "Day", width: "2" },
    { key: "Month", label: "Month", width: "2" },
    { key: "Year", label: "Year", width: "4" },
  ];
  const id = `${prefix}Day`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={`${prefix}-hint${error ? ` ${id}-error` : ""}`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div id={`${prefix}-hint`} className="govuk-hint">
          {hint}
        </div>
        <ErrorMessage id={id} message={error} />
        <div className="govuk-date-input">
          {parts.map((part) => {
            const name = `${prefix}${part.key}`;
            return (
              <div className="govuk-date-input__item" key={part.key}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={name}>
                    {part.label}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${part.width}${error ? " govuk-input--error" : ""}`}
                    id={name}
                    name={name}
                    type="text"
                    inputMode="numeric"
                    defaultValue={values[name]}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * What ties a field to the form's last answer: its name, its error and the value sent. `const field = fieldsOf(errors,
 * values)`, then `<TextInput {...field("title")} label="Title" />`.
 */
export function fieldsOf(errors: FieldErrors | undefined, values: Record<string, string | undefined>) {
  return (name: string) => ({ name, error: errors?.[name], defaultValue: values[name] });
}

/** A refused form's errors and the answers sent, from the action's data; `field` ties each field to them. */
export function answersOf(actionData: { errors?: FieldErrors; values?: Record<string, string> } | undefined) {
  const errors = actionData?.errors;
  const values: Record<string, string> = actionData?.values ?? {};
  return { errors, values, field: fieldsOf(errors, values) };
}

/** The options of a yes-or-no question, "yes" first. */
export const yesNo = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

/** The email address a person signs in with, as the sign-in and forgotten-password pages ask for it. */
export function SignInEmailInput({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  return <TextInput name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} error={error} defaultValue={defaultValue} />;
}
