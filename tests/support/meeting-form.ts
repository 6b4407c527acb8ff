// The form that convenes a strategy meeting, as the "Convene a strategy meeting" page posts it.

/** A video meeting on 10 December 2026 at 10:00; `fields` (the concern, the chair…) are added or replace these. */
export function meetingForm(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams({ kind: "meeting", heldOnDay: "10", heldOnMonth: "12", heldOnYear: "2026", heldTime: "10:00", how: "video", ...fields });
}
