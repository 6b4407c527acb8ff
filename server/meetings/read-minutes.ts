// A meeting's minutes for one reader: the full record as the policy lets them read it, or the family's version. The
// caller has found the meeting on a case the person reads, and audits the view with `restrictedRead`.
import type { Sql } from "../../db/client";
import type { Actor, CaseFacts } from "../access/policy";
import { familyMinutes, loadMeetingRecord } from "./meeting-record";
import { listAttendanceRecorded, type Meeting } from "./meetings";

export async function readMinutes(sql: Sql, actor: Actor, on: { facts: CaseFacts; meeting: Meeting }, forFamily: boolean) {
  const record = await loadMeetingRecord(sql, actor, on, { forFamily, withText: true });
  // Who recorded each person's attendance, and when, is the professionals' record, not the family's.
  if (!forFamily) return { ...record, forFamily, family: null, attendanceRecorded: await listAttendanceRecorded(sql, on.meeting.id) };
  return { ...familyMinutes(record), forFamily };
}

export type MinutesData = Awaited<ReturnType<typeof readMinutes>>;
