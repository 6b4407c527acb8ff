// GOV.UK page furniture: the grid column a page sits in, a back link, the page heading with its caption, the
// confirmation panel, warning text, and buttons.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** One row of the grid with one column: `full` or `two-thirds` of the page. */
export function Column({ width, children }: { width: "full" | "two-thirds"; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className={`govuk-grid-column-${width}`}>{children}</div>
    </div>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

/** The page's one h1, with the caption (the child and case reference, the agency) above it inside the heading. */
export function PageHeading({ caption, children }: { caption?: ReactNode; children: ReactNode }) {
  return (
    <h1 className="govuk-heading-l">
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      {children}
    </h1>
  );
}

/** The caption of every page of a case: "Lily Marsh · SAN-2026-0001". */
export const caseCaption = (page: { childName: string; reference: string }) => `${page.childName} · ${page.reference}`;

export function ConfirmationPanel({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      <div className="govuk-panel__body">{children}</div>
    </div>
  );
}

export function WarningText({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="govuk-warning-text" data-testid={testId}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

/** A form's submit button; `secondary` and `warning` as GOV.UK's. */
export function SubmitButton({ children, variant, disabled }: { children: ReactNode; variant?: "secondary" | "warning"; disabled?: boolean }) {
  return (
    <button type="submit" className={`govuk-button${variant ? ` govuk-button--${variant}` : ""}`} data-module="govuk-button" disabled={disabled}>
      {children}
    </button>
  );
}

/** The submit button and a "Cancel" link back to where the person came from. */
export function SubmitOrCancel({ children, variant, cancelTo }: { children: ReactNode; variant?: "warning"; cancelTo: string }) {
  return (
    <div className="govuk-button-group">
      <SubmitButton variant={variant}>{children}</SubmitButton>
      <Link to={cancelTo} className="govuk-link">
        Cancel
      </Link>
    </div>
  );
}

/** Words a screen reader hears after a short visible label ("Remove" → "Remove Sam Okafor from the case"). */
export function Hidden({ children }: { children: ReactNode }) {
  return <span className="govuk-visually-hidden">{children}</span>;
}

/** A button in a table row or a button group: posts its `intent`, without the bottom margin. */
export function RowButton({ intent, variant, children }: { intent: string; variant?: "secondary" | "warning"; children: ReactNode }) {
  return (
    <button type="submit" name="intent" value={intent} className={`govuk-button${variant ? ` govuk-button--${variant}` : ""} govuk-!-margin-bottom-0`}>
      {children}
    </button>
  );
}

/** A link on a line of its own, such as "Back to people" under a confirmation. */
export function LinkParagraph({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="govuk-body">
      <Link to={to} className="govuk-link">
        {children}
      </Link>
    </p>
  );
}
