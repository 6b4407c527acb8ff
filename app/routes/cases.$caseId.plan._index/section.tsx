// A part of the plan page: a section named by its heading, with an id to come back to after a change.
import type { ReactNode } from "react";

export function PlanSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="app-section" aria-labelledby={`${id}-heading`} id={id}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
