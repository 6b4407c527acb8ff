// GOV.UK notification banner (success), an error summary for a problem with no single field, and a scrolling table frame.
import type { ReactNode } from "react";

export function SuccessBanner({ id, heading, children }: { id: string; heading: string; children?: ReactNode }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby={id}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}

export function ProblemSummary({ message }: { message: string }) {
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{message}</p>
        </div>
      </div>
    </div>
  );
}

/** A wide table that scrolls sideways on a narrow screen, reachable with the keyboard. */
export function ScrollableTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="app-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
