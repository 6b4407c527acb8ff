// The words that say what was done on the core group page.

export const doneMessages: Record<string, string> = {
  "record:core-group-attendance": "Attendance has been saved.",
  "record:progress": "The action's progress has been recorded.",
  "mark:for-family": "Whether the family may see this part has been saved.",
  "add:plan-action": "The action has been added to the plan.",
  "sign-off:core-group": "The notes are signed off. Nobody can change them now.",
  "add:core-group-addendum": "The addendum has been added.",
  "record:core-group-distribution": "Who received the notes has been recorded.",
};
