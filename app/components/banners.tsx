// GOV.UK notification banners (important, and success), an error summary for a problem with no single field, and a
// scrolling table frame.
import type { ReactNode } from "react";

/**
 * A notification banner titled `title` (its id is `id`); `heading` is its first, bold line. `alert` for news of
 * something that just happened, `region` for standing information. `level`: the title's heading level on the page.
 */
export function NotificationBanner({
  id,
  title = "Important",
  heading,
  role,
  success,
  level = 2,
  testId,
  link,
  children,
}: {
  id: string;
  title?: string;
  heading?: ReactNode;
  role: "alert" | "region";
  success?: boolean;
  level?: 2 | 3;
  testId?: string;
  /** A link on its own line at the end, away from this page (a full page load). */
  link?: { href: string; text: string };
  children?: ReactNode;
}) {
  const Title = level === 3 ? "h3" : "h2";
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={role}
      aria-labelledby={id}
      data-testid={testId}
    >
      <div className="govuk-notification-banner__header">
        <Title className="govuk-notification-banner__title" id={id}>
          {title}
        </Title>
      </div>
      <div className="govuk-notification-banner__content">
        {heading === undefined ? null : <p className="govuk-notification-banner__heading">{heading}</p>}
        {children}
        {link ? (
          <p className="govuk-body">
            <a className="govuk-notification-banner__link" href={link.href}>
              {link.text}
            </a>
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function SuccessBanner({ id, heading, children }: { id: string; heading: string; children?: ReactNode }) {
  return (
    <NotificationBanner id={id} title="Success" heading={heading} role="alert" success>
      {children}
    </NotificationBanner>
  );
}

/** With `field`, the message is a link to that field (its id), as in an error summary. */
export function ProblemSummary({ message, field }: { message: string; field?: string }) {
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          {field ? (
            <ul className="govuk-list govuk-error-summary__list">
              <li>
                <a href={`#${field}`}>{message}</a>
              </li>
            </ul>
          ) : (
            <p className="govuk-body">{message}</p>
          )}
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
