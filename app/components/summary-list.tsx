// GOV.UK summary list: a row a key, its value, and (where given, even empty) its actions.
import type { ReactNode } from "react";

export function SummaryList({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <dl className="govuk-summary-list" data-testid={testId}>
      {children}
    </dl>
  );
}

/** `actions`: undefined for a row without an actions column; null keeps the column, empty. */
export function SummaryRow({ label, children, actions, testId }: { label: ReactNode; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <div className="govuk-summary-list__row" data-testid={testId}>
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
      {actions === undefined ? null : <dd className="govuk-summary-list__actions">{actions}</dd>}
    </div>
  );
}
