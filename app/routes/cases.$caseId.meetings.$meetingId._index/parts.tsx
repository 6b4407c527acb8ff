// What the meeting page's sections share: words, and the control that marks a part for the family.
import { Form } from "@remix-run/react";
import { formatDateTime } from "../../../common/format";

export const attendanceNames = { invited: "Not recorded yet", present: "Present", apologies: "Apologies", did_not_attend: "Did not attend" } as const;
export const investigationNames = { none: "No police investigation", single: "Single-agency police investigation", joint: "Joint investigation with children's social care" } as const;

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
    "mark:for-family": "What the family will receive has been updated.",
    "share:chair-part": "Who else may read this part has been saved.",
    "record:family-attendance": "The family's attendance has been saved.",
    "record:conference-views": "The views have been recorded.",
    "record:conference-decision": "The decision has been recorded.",
  };
  return messages[action] ?? "Saved.";
}

/** A marking as loaded: whether the part goes to the family, and who said so when. */
type Marking = { forFamily: boolean; recordedBy: string; recordedAt: string | Date } | null;

/**
 * Whether a part of the record goes to the family's minutes, who said so, and (`form`, for its author alone) the button
 * that changes it. Nothing goes to the family until its author marks it for them.
 */
export function FamilyMarking({
  marking,
  form,
  testId,
}: {
  marking: Marking;
  form: { here: string; anchor: string; part: "concern" | "family_views" | "child_views" | "section"; agencyId?: string; what: string } | null;
  testId: string;
}) {
  const shared = marking?.forFamily ?? false;
  return (
    <div className="app-family-marking" data-testid={testId}>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        <strong className={`govuk-tag ${shared ? "govuk-tag--green" : "govuk-tag--grey"}`}>
          {shared ? "In the family's minutes" : "Not in the family's minutes"}
        </strong>{" "}
        {marking
          ? `${marking.forFamily ? "Marked for the family" : "Held back from the family"} by ${marking.recordedBy}, ${formatDateTime(new Date(marking.recordedAt))}.`
          : "Nothing goes to the family until its author marks it for them."}
      </p>
      {form ? (
        <Form method="post" action={`${form.here}#${form.anchor}`} preventScrollReset className="app-inline-form">
          <input type="hidden" name="intent" value="family-marking" />
          <input type="hidden" name="part" value={form.part} />
          {form.agencyId ? <input type="hidden" name="agencyId" value={form.agencyId} /> : null}
          <input type="hidden" name="forFamily" value={shared ? "no" : "yes"} />
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" data-module="govuk-button">
            {shared ? `Hold back ${form.what} from the family` : `Give ${form.what} to the family`}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
