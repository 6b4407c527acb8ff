// Attendance as every attendance form sends it, a strategy meeting's or conference's, a conference's family members',
// and a core group's: one select per person (`attendance-<userId>`, `family-<personId>`), left "not recorded" sending
// nothing.

export const attendanceValues = ["present", "apologies", "did_not_attend"] as const;
export type AttendanceMark = (typeof attendanceValues)[number];

/** The marks the form sends for the people it may mark (`<prefix>-<id>`), by id: anything else is not a mark. */
export function attendanceMarks(form: FormData, ids: readonly number[], prefix: "attendance" | "family" = "attendance"): Map<number, AttendanceMark> {
  const marks = new Map<number, AttendanceMark>();
  for (const id of ids) {
    const value = String(form.get(`${prefix}-${id}`) ?? "");
    if ((attendanceValues as readonly string[]).includes(value)) marks.set(id, value as AttendanceMark);
  }
  return marks;
}
