// The forms of a core group: progress needs a reason for "at risk" and "no longer needed", each with its own message;
// scheduling needs a real date, a time and how; only the choices offered for the interval; the distribution names a
// recipient, a version and a date not in the future; attendance marks only for the people a form may mark.
import { describe, expect, test } from "vitest";
import { attendanceMarks } from "../../common/forms/attendance";
import { distributionSchema, intervalSchema, progressSchema, scheduleSchema } from "../../common/forms/core-groups";

const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe("progress", () => {
  test.each([
    ["at_risk", "Enter why the action is at risk"],
    ["no_longer_needed", "Enter why the action is no longer needed"],
  ])("%s without a reason (or with only spaces) is refused: %s", (status, message) => {
    expect(errorsOf(progressSchema.safeParse({ actionId: "3", status, reason: "   " }))).toEqual({ reason: message });
  });

  test.each(["not_started", "on_track", "done"])("%s needs no reason", (status) => {
    expect(progressSchema.parse({ actionId: "3", status, note: " Seen on Tuesday. " })).toEqual({ actionId: 3, status, reason: "", note: "Seen on Tuesday." });
  });

  test("an unknown status, a missing action and an overlong note are each named", () => {
    expect(errorsOf(progressSchema.safeParse({ actionId: "x", status: "finished", note: "n".repeat(1001) }))).toEqual({
      actionId: "Select an action of the plan",
      status: "Select how the action stands",
      note: "The note must be 1,000 characters or fewer",
    });
  });
});

describe("scheduling", () => {
  test("a real date, a 24-hour time and how it meets", () => {
    expect(scheduleSchema.parse({ heldOnDay: "5", heldOnMonth: "1", heldOnYear: "2027", heldTime: "9:30", how: "video", lateReason: "" })).toEqual({
      heldOn: "2027-01-05",
      heldTime: "09:30",
      how: "video",
      lateReason: null,
    });
    expect(errorsOf(scheduleSchema.safeParse({ heldOnDay: "31", heldOnMonth: "2", heldOnYear: "2027", heldTime: "25:00", how: "by pigeon" }))).toEqual({
      heldOnDay: "Date must be a real date, like 4 12 2026",
      heldTime: "Enter the time in 24-hour form, like 14:30",
      how: "Select how the core group meets",
    });
  });

  test("the interval is one of the choices offered", () => {
    const schema = intervalSchema([10, 20, 30]);
    expect(schema.parse({ workingDays: "20" })).toEqual({ workingDays: 20 });
    for (const workingDays of ["7", "", "20.0", "-10"]) expect(schema.safeParse({ workingDays }).success).toBe(false);
  });
});

describe("the distribution", () => {
  test("who, which version and when", () => {
    expect(distributionSchema("2026-12-04").parse({ recipient: "family:12", version: "family", sentOnDay: "4", sentOnMonth: "12", sentOnYear: "2026" })).toEqual({
      recipientKind: "family",
      recipientId: 12,
      version: "family",
      sentOn: "2026-12-04",
    });
    expect(errorsOf(distributionSchema("2026-12-04").safeParse({ recipient: "someone", version: "", sentOnDay: "5", sentOnMonth: "12", sentOnYear: "2026" }))).toEqual({
      recipient: "Select who received the notes",
      version: "Select which version of the notes they received",
      sentOnDay: "The date they were sent must be today or in the past",
    });
  });
});

test("attendance marks only the people the form may mark, and only real marks", () => {
  const form = new FormData();
  form.set("attendance-1", "present");
  form.set("attendance-2", "");
  form.set("attendance-3", "asleep");
  form.set("attendance-9", "apologies");
  expect([...attendanceMarks(form, [1, 2, 3])]).toEqual([[1, "present"]]);
  // A conference's family members are marked by their person id, in fields of their own.
  form.set("family-4", "did_not_attend");
  expect([...attendanceMarks(form, [1, 4, 9], "family")]).toEqual([[4, "did_not_attend"]]);
});
