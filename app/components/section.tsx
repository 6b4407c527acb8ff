// A part of a long page (a meeting, a core group, a plan): a section named by its heading, with an id to come back to
// after a change; and the state of the form last sent on such a page.
import type { ReactNode } from "react";
import type { FieldErrors } from "../../common/forms/form-errors";

/** The form last sent on the page: which one failed, its errors and what was typed, to show it again. */
export type FormState = { errorsFor: (intent: string) => FieldErrors | undefined; values: Record<string, string>; failed: string | null };

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="app-section" aria-labelledby={`${id}-heading`} id={id}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
