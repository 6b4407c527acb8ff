// A child protection conference's own parts, beside everything it shares with a strategy meeting (meetings.ts): the
// family members who attend (people on the case, not accounts), the family's and the child's views, and the chair's
// decision with its core group. Rows, frozen by the sign-off like the rest of the record (db/migrations/013).
import { inTransaction, type Sql } from "../../db/client";
import type { DecisionForm, PlanDecided } from "../../common/forms/conferences";
import type { PlanCategory, WhatFollowsPlan } from "../../common/forms/plan";
import type { Attendance } from "./meetings";

export type FamilyAttendee = {
  personId: number;
  fullName: string;
  relationship: string;
  attendance: Attendance;
  recordedBy: string | null;
  recordedAt: Date | null;
};

export async function listFamilyAttendees(sql: Sql, meetingId: number): Promise<FamilyAttendee[]> {
  const rows = await sql<(FamilyAttendee & { personId: string })[]>`
    select f.person_id as "personId", p.full_name as "fullName", p.relationship, f.attendance,
           u.full_name as "recordedBy", f.attendance_recorded_at as "recordedAt"
    from meeting_family_attendees f join case_people p on p.id = f.person_id left join users u on u.id = f.attendance_recorded_by
    where f.meeting_id = ${meetingId}
    order by p.full_name, p.id`;
  return rows.map((row) => ({ ...row, personId: Number(row.personId) }));
}

export async function recordFamilyAttendance(
  sql: Sql,
  input: { meetingId: number; attendance: Record<number, Attendance>; by: number; at: Date },
): Promise<void> {
  await inTransaction(sql, async (tx) => {
    for (const [personId, attendance] of Object.entries(input.attendance))
      await tx`
        update meeting_family_attendees set attendance = ${attendance}, attendance_recorded_at = ${input.at}, attendance_recorded_by = ${input.by}
        where meeting_id = ${input.meetingId} and person_id = ${Number(personId)} and attendance is distinct from ${attendance}`;
  });
}

export type ConferenceViews = {
  familyViews: string;
  childViews: string;
  /** The record of the child's voice the child's views come from, if any. */
  childVoiceId: number | null;
  recordedBy: string;
  recordedAt: Date;
};

export async function getConferenceViews(sql: Sql, meetingId: number): Promise<ConferenceViews | null> {
  const [row] = await sql<(ConferenceViews & { childVoiceId: string | null })[]>`
    select v.family_views as "familyViews", v.child_views as "childViews", v.child_voice_id as "childVoiceId",
           u.full_name as "recordedBy", v.recorded_at as "recordedAt"
    from conference_views v join users u on u.id = v.recorded_by where v.meeting_id = ${meetingId}`;
  return row ? { ...row, childVoiceId: row.childVoiceId === null ? null : Number(row.childVoiceId) } : null;
}

export async function saveConferenceViews(
  sql: Sql,
  input: { meetingId: number; familyViews: string; childViews: string; childVoiceId: number | null; by: number; at: Date },
) {
  await sql`
    insert into conference_views (meeting_id, family_views, child_views, child_voice_id, recorded_at, recorded_by)
    values (${input.meetingId}, ${input.familyViews}, ${input.childViews}, ${input.childVoiceId}, ${input.at}, ${input.by})
    on conflict (meeting_id) do update set family_views = excluded.family_views, child_views = excluded.child_views,
      child_voice_id = excluded.child_voice_id, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`;
}

/** The chair's decision, as its form gives it (common/forms/conferences.ts). */
export type ConferenceDecision = DecisionForm;

export type LoadedConferenceDecision = ConferenceDecision & {
  leadName: string | null;
  coreGroup: { userId: number; fullName: string; agencyName: string }[];
  recordedBy: string;
  recordedAt: Date;
};

export async function getConferenceDecision(sql: Sql, meetingId: number): Promise<LoadedConferenceDecision | null> {
  const [row] = await sql<
    {
      planNeeded: boolean;
      primaryCategory: PlanCategory | null;
      otherCategories: PlanCategory[];
      leadUserId: string | null;
      leadName: string | null;
      visits: string;
      seenAlone: string;
      firstCoreGroupOn: string | null;
      firstCoreGroupLateReason: string | null;
      revisions: string;
      reason: string;
      whatFollows: WhatFollowsPlan | null;
      recordedBy: string;
      recordedAt: Date;
    }[]
  >`
    select d.plan_needed as "planNeeded", d.primary_category as "primaryCategory", d.other_categories as "otherCategories",
           d.lead_user_id as "leadUserId", lead.full_name as "leadName", d.visits, d.seen_alone as "seenAlone",
           to_char(d.first_core_group_on, 'YYYY-MM-DD') as "firstCoreGroupOn",
           d.first_core_group_late_reason as "firstCoreGroupLateReason", d.revisions, d.reason,
           d.what_follows as "whatFollows", u.full_name as "recordedBy", d.recorded_at as "recordedAt"
    from conference_decisions d join users u on u.id = d.recorded_by left join users lead on lead.id = d.lead_user_id
    where d.meeting_id = ${meetingId}`;
  if (!row) return null;
  const coreGroup = (
    await sql<{ userId: string; fullName: string; agencyName: string }[]>`
      select u.id as "userId", u.full_name as "fullName", a.name as "agencyName"
      from conference_core_group_members m join users u on u.id = m.user_id join agencies a on a.id = u.agency_id
      where m.meeting_id = ${meetingId} order by a.name, u.full_name`
  ).map((member) => ({ ...member, userId: Number(member.userId) }));
  const recorded = { recordedBy: row.recordedBy, recordedAt: row.recordedAt, leadName: row.leadName, coreGroup };
  if (!row.planNeeded) return { planNeeded: false, reason: row.reason, whatFollows: row.whatFollows!, ...recorded };
  const plan: PlanDecided | null = row.primaryCategory
    ? {
        primaryCategory: row.primaryCategory,
        otherCategories: row.otherCategories,
        leadUserId: Number(row.leadUserId),
        visits: row.visits,
        seenAlone: row.seenAlone,
        firstCoreGroupOn: row.firstCoreGroupOn!,
        firstCoreGroupLateReason: row.firstCoreGroupLateReason,
        coreGroupUserIds: coreGroup.map((member) => member.userId),
      }
    : null;
  return { planNeeded: true, plan, revisions: row.revisions, ...recorded };
}

export async function saveConferenceDecision(sql: Sql, input: { meetingId: number; decision: ConferenceDecision; by: number; at: Date }) {
  const d = input.decision;
  const plan = d.planNeeded ? d.plan : null;
  const not = d.planNeeded ? null : d;
  await inTransaction(sql, async (tx) => {
    await tx`
      insert into conference_decisions (meeting_id, plan_needed, primary_category, other_categories, lead_user_id, visits, seen_alone,
        first_core_group_on, first_core_group_late_reason, revisions, reason, what_follows, recorded_at, recorded_by)
      values (${input.meetingId}, ${d.planNeeded}, ${plan?.primaryCategory ?? null}, ${plan?.otherCategories ?? []},
        ${plan?.leadUserId ?? null}, ${plan?.visits ?? ""}, ${plan?.seenAlone ?? ""}, ${plan?.firstCoreGroupOn ?? null},
        ${plan?.firstCoreGroupLateReason ?? null}, ${d.planNeeded ? d.revisions : ""}, ${not?.reason ?? ""}, ${not?.whatFollows ?? null}, ${input.at}, ${input.by})
      on conflict (meeting_id) do update set plan_needed = excluded.plan_needed, primary_category = excluded.primary_category,
        other_categories = excluded.other_categories, lead_user_id = excluded.lead_user_id, visits = excluded.visits,
        seen_alone = excluded.seen_alone, first_core_group_on = excluded.first_core_group_on,
        first_core_group_late_reason = excluded.first_core_group_late_reason, revisions = excluded.revisions,
        reason = excluded.reason, what_follows = excluded.what_follows, recorded_at = excluded.recorded_at,
        recorded_by = excluded.recorded_by`;
    await tx`delete from conference_core_group_members where meeting_id = ${input.meetingId}`;
    const members = plan?.coreGroupUserIds ?? [];
    if (members.length)
      await tx`insert into conference_core_group_members (meeting_id, user_id)
               select ${input.meetingId}, u.id from users u where u.id in ${tx(members)}`;
  });
}

/** The initial conference convened from a strategy meeting, if there is one. */
export async function findInitialConference(sql: Sql, fromMeetingId: number): Promise<{ id: number } | null> {
  const [row] = await sql<{ id: string }[]>`select id from meetings where from_meeting_id = ${fromMeetingId} and kind = 'initial_conference'`;
  return row ? { id: Number(row.id) } : null;
}

/** The conferences about a plan: the initial conference that made it, and every review, oldest first. */
export async function listPlanConferences(sql: Sql, planId: number) {
  const rows = await sql<{ id: string; kind: "initial_conference" | "review_conference"; heldOn: string; signedOff: boolean }[]>`
    select id, kind, to_char(held_on, 'YYYY-MM-DD') as "heldOn", signed_off_at is not null as "signedOff"
    from meetings where plan_id = ${planId} order by held_on, id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}
