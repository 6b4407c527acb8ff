// A meeting's minutes for one reader: the full record as the policy lets them read it, or the family's version. The
// caller has found the meeting on a case the person reads, and audits the view with `restrictedRead`.
import type { Sql } from "../../db/client";
import type { Actor, CaseFacts } from "../access/policy";
import { familyMinutes, loadMeetingRecord } from "./meeting-record";
import type { Meeting } from "./meetings";

export async function readMinutes(sql: Sql, actor: Actor, on: { facts: CaseFacts; meeting: Meeting }, forFamily: boolean) {
  const record = await loadMeetingRecord(sql, actor, on, { forFamily, withText: true });
  if (!forFamily) return { ...record, forFamily, family: null };
  return { ...familyMinutes(record), forFamily };
}

export type MinutesData = Awaited<ReturnType<typeof readMinutes>>;
