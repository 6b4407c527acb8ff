// The forms of a child protection plan, as the lead social worker fills them in: each mistake gets its own GOV.UK
// message, in the words the page shows.
import { describe, expect, test } from "vitest";
import { outcomeSchema, planActionSchema, planMessages, planVisitsSchema } from "../../common/forms/plan";
import { parseForm } from "../../common/forms/form-errors";

const today = "2026-11-30";
const owners = [11, 12];
const outcomes = [5, 6];

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

const goodAction = { outcomeId: "5", what: "Visit Lily at school", why: "To hear from her away from home", ownerUserId: "12", due: "14 12 2026", measure: "Lily's words recorded" };

const errorsOf = (fields: Record<string, string>, opts: Partial<Parameters<typeof planActionSchema>[0]> = {}) => {
  const parsed = parseForm(planActionSchema({ today, ownerUserIds: owners, outcomeIds: outcomes, ...opts }), form(fields));
  return parsed.success ? {} : parsed.errors;
};

describe("an action of the plan", () => {
  test("a whole action is read as typed, its date as an ISO date", () => {
    const parsed = parseForm(planActionSchema({ today, ownerUserIds: owners, outcomeIds: outcomes }), form(goodAction));
    expect(parsed).toEqual({
      success: true,
      data: { outcomeId: 5, what: "Visit Lily at school", why: "To hear from her away from home", ownerUserId: 12, dueOn: "2026-12-14", measure: "Lily's words recorded" },
    });
  });

  test("today is a date an action can be due on", () => {
    expect(errorsOf({ ...goodAction, due: "30 11 2026" })).toEqual({});
  });

  test.each([
    ["", "Enter the date this will be done by, like 4 12 2026"],
    ["ongoing", `"Ongoing" is not a date. Enter the date this will be done by, like 4 12 2026`],
    ["ASAP", `"ASAP" is not a date. Enter the date this will be done by, like 4 12 2026`],
    ["TBC", `"TBC" is not a date. Agree the date this will be done by before recording the action, like 4 12 2026`],
    ["29 11 2026", "Due date must be today or in the future: an action is something still to be done"],
    ["31 11 2026", "Due date must be a real date, like 4 12 2026"],
    ["next Friday", "Due date must be a real date, like 4 12 2026"],
  ])("due %j is refused: %s", (due, message) => {
    expect(errorsOf({ ...goodAction, due })).toEqual({ due: message });
  });

  test("blank, ongoing, ASAP, TBC and past dates each have a message of their own", () => {
    const messages = ["", "ongoing", "ASAP", "TBC", "1 1 2026"].map((due) => errorsOf({ ...goodAction, due }).due);
    expect(new Set(messages).size).toBe(5);
  });

  test("an action without an owner is refused; so is an owner not working on the case", () => {
    expect(errorsOf({ ...goodAction, ownerUserId: "" })).toEqual({ ownerUserId: planMessages.owner });
    expect(errorsOf({ ...goodAction, ownerUserId: "99" })).toEqual({ ownerUserId: planMessages.ownerNotOnCase });
    expect(planMessages.ownerNotOnCase).toBe("Select someone working on this case: the person chosen is not, or their agency is no longer on it");
  });

  test("an empty action says what is missing, field by field, in the form's order", () => {
    expect(errorsOf({})).toEqual({
      outcomeId: "Select the outcome this action is for",
      what: "Enter what will be done",
      why: "Enter why it will be done: what it changes for the child",
      ownerUserId: "Select who will do it (their agency is recorded with them)",
      due: "Enter the date this will be done by, like 4 12 2026",
      measure: "Enter how progress will be measured",
    });
  });

  test("an outcome of another plan is refused; changing an action asks for no outcome", () => {
    expect(errorsOf({ ...goodAction, outcomeId: "7" })).toEqual({ outcomeId: planMessages.outcome });
    expect(errorsOf({ ...goodAction, outcomeId: "" }, { outcomeIds: undefined })).toEqual({});
  });

  test("changing an overdue action keeps its date; another past date is still refused", () => {
    const changing = { outcomeIds: undefined, keepDueOn: "2026-11-20" };
    expect(errorsOf({ ...goodAction, due: "20 11 2026" }, changing)).toEqual({});
    expect(errorsOf({ ...goodAction, due: "2026-11-20" }, changing)).toEqual({});
    expect(errorsOf({ ...goodAction, due: "21 11 2026" }, changing)).toEqual({ due: "Due date must be today or in the future: an action is something still to be done" });
  });

  test("text past its length is refused, naming the field", () => {
    expect(errorsOf({ ...goodAction, what: "x".repeat(1001) })).toEqual({ what: "What will be done must be 1,000 characters or fewer" });
    expect(errorsOf({ ...goodAction, measure: "x".repeat(1001) })).toEqual({ measure: "How progress will be measured must be 1,000 characters or fewer" });
  });
});

describe("an outcome, and how often the child is visited", () => {
  test("an outcome in plain words is needed", () => {
    const parsed = parseForm(outcomeSchema, form({ wording: "  " }));
    expect(parsed.success ? {} : parsed.errors).toEqual({ wording: "Enter the outcome: what must change for the child" });
    expect(parseForm(outcomeSchema, form({ wording: " Lily feels safe at home. " }))).toEqual({ success: true, data: { wording: "Lily feels safe at home." } });
  });

  test("visits and seeing the child alone are both needed", () => {
    const parsed = parseForm(planVisitsSchema, form({ visits: "", seenAlone: "" }));
    expect(parsed.success ? {} : parsed.errors).toEqual({ visits: "Enter how often the child is visited", seenAlone: "Enter how often the child is seen alone" });
  });
});
