// What the core group page's sections share with the strategy meeting page's (the section wrapper, how a meeting is
// held, the state of the form last sent), and the words that say what was done.
export { howNames, Section, type FormState } from "../cases.$caseId.meetings.$meetingId._index/parts";

export const doneMessages: Record<string, string> = {
  "record:core-group-attendance": "Attendance has been saved.",
  "record:progress": "The action's progress has been recorded.",
  "mark:for-family": "Whether the family may see this part has been saved.",
  "add:plan-action": "The action has been added to the plan.",
  "sign-off:core-group": "The notes are signed off. Nobody can change them now.",
  "add:core-group-addendum": "The addendum has been added.",
  "record:core-group-distribution": "Who received the notes has been recorded.",
};
