// What the meeting page's sections share: the section wrapper, the state of the form that was last sent, and words.
import type { ReactNode } from "react";
import type { FieldErrors } from "../../../common/forms/form-errors";

export const howNames = { in_person: "In person", video: "Video call", telephone: "Telephone" } as const;
export const attendanceNames = { invited: "Not recorded yet", present: "Present", apologies: "Apologies", did_not_attend: "Did not attend" } as const;
export const investigationNames = { none: "No police investigation", single: "Single-agency police investigation", joint: "Joint investigation with children's social care" } as const;

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

export function doneMessage(action: string): string {
  const messages: Record<string, string> = {
    "record:attendance": "Attendance has been saved.",
    "record:scaling": "Your agency's scaling has been recorded.",
    "record:scaling-exemption": "The reason has been recorded.",
    "record:decisions": "The decisions have been recorded.",
    "record:dissent": "The dissent has been recorded.",
    "add:meeting-action": "The action has been added.",
    "update:meeting-action": "The action's status has been updated.",
    "sign-off:meeting": "The record is signed off. The minutes are ready.",
    "add:meeting-addendum": "The addendum has been added.",
  };
  return messages[action] ?? "Saved.";
}
