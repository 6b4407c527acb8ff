// Strategy meetings and telephone strategy discussions, and the conferences built on them (conferences.ts): convening,
// who attends, the chair's decisions, actions and sign-off (addenda after it: addenda.ts). Each agency's information
// lives in collaborative documents named after the meeting (server/documents/meeting-section.ts); scalings are the
// meeting's map's (server/maps/scalings.ts).
import { inTransaction, type Sql } from "../../db/client";
import { DEFAULT_SCALING_QUESTION } from "../../common/map-document";
import { meetingKindNames, type MeetingKind } from "../../common/meeting-kinds";
import type { AgencyKind } from "../access/policy";

export type Attendance = "invited" | "present" | "apologies" | "did_not_attend";

export type MeetingInvitee = {
  userId: number;
  fullName: string;
  jobTitle: string;
  agencyId: string;
  agencyName: string;
  agencyKind: AgencyKind;
  attendance: Attendance;
};

export type Meeting = {
  id: number;
  caseId: number;
  kind: MeetingKind;
  heldAt: Date;
  heldOn: string;
  how: "in_person" | "video" | "telephone";
  concern: string;
  chairUserId: number;
  chairName: string;
  mapId: number;
  convenedAt: Date;
  convenedBy: string;
  signedOffAt: Date | null;
  signedOffBy: string | null;
  /** An initial conference: the strategy meeting that called for it. */
  fromMeetingId: number | null;
  /** A review: the plan it reviews; an initial conference, once signed off: the plan it made. */
  planId: number | null;
  /** A conference held after the day its clock fell due: why. */
  lateReason: string;
  invitees: MeetingInvitee[];
  /** The agencies invited, each once, in name order. */
  agencies: { id: string; name: string; kind: AgencyKind }[];
};

export async function getMeeting(sql: Sql, caseId: number, meetingId: number): Promise<Meeting | null> {
  if (!Number.isSafeInteger(meetingId) || meetingId <= 0) return null;
  const [row] = await sql<(Omit<Meeting, "invitees" | "agencies" | "fromMeetingId" | "planId"> & { id: string; caseId: string; chairUserId: string; mapId: string; fromMeetingId: string | null; planId: string | null })[]>`
    select m.id, m.case_id as "caseId", m.kind, m.held_at as "heldAt", to_char(m.held_on, 'YYYY-MM-DD') as "heldOn", m.how,
           m.concern, m.chair_user_id as "chairUserId", chair.full_name as "chairName", m.map_id as "mapId",
           m.convened_at as "convenedAt", convener.full_name as "convenedBy", m.signed_off_at as "signedOffAt",
           signer.full_name as "signedOffBy", m.from_meeting_id as "fromMeetingId", m.plan_id as "planId",
           m.late_reason as "lateReason"
    from meetings m
    join users chair on chair.id = m.chair_user_id
    join users convener on convener.id = m.convened_by
    left join users signer on signer.id = m.signed_off_by
    where m.id = ${meetingId} and m.case_id = ${caseId}`;
  if (!row) return null;
  const invitees = (
    await sql<(MeetingInvitee & { userId: string })[]>`
      select i.user_id as "userId", u.full_name as "fullName", u.job_title as "jobTitle", i.agency_id as "agencyId",
             a.name as "agencyName", a.kind as "agencyKind", i.attendance
      from meeting_invitees i join users u on u.id = i.user_id join agencies a on a.id = i.agency_id
      where i.meeting_id = ${meetingId}
      order by a.name, u.full_name`
  ).map((invitee) => ({ ...invitee, userId: Number(invitee.userId) }));
  const agencies = [...new Map(invitees.map((i) => [i.agencyId, { id: i.agencyId, name: i.agencyName, kind: i.agencyKind }])).values()];
  return {
    ...row,
    id: Number(row.id),
    caseId: Number(row.caseId),
    chairUserId: Number(row.chairUserId),
    mapId: Number(row.mapId),
    fromMeetingId: row.fromMeetingId === null ? null : Number(row.fromMeetingId),
    planId: row.planId === null ? null : Number(row.planId),
    invitees,
    agencies,
  };
}

export type MeetingSummary = { id: number; caseId: number; kind: MeetingKind; heldAt: Date; signedOff: boolean; childName: string | null };

export async function listCaseMeetings(sql: Sql, caseId: number): Promise<MeetingSummary[]> {
  const rows = await sql<(MeetingSummary & { id: string; caseId: string })[]>`
    select m.id, m.case_id as "caseId", m.kind, m.held_at as "heldAt", m.signed_off_at is not null as "signedOff", null as "childName"
    from meetings m where m.case_id = ${caseId} order by m.held_at desc`;
  return rows.map((row) => ({ ...row, id: Number(row.id), caseId: Number(row.caseId) }));
}

/** Meetings this person is invited to that are not yet signed off, soonest first: for "Your work". */
export async function listInvitations(sql: Sql, userId: number): Promise<MeetingSummary[]> {
  const rows = await sql<(MeetingSummary & { id: string; caseId: string })[]>`
    select m.id, m.case_id as "caseId", m.kind, m.held_at as "heldAt", false as "signedOff", child.full_name as "childName"
    from meeting_invitees i
    join meetings m on m.id = i.meeting_id
    join case_members cm on cm.case_id = m.case_id and cm.user_id = i.user_id and cm.removed_at is null
    left join case_people child on child.case_id = m.case_id and child.is_subject
    where i.user_id = ${userId} and m.signed_off_at is null
    order by m.held_at`;
  return rows.map((row) => ({ ...row, id: Number(row.id), caseId: Number(row.caseId) }));
}

export type ConveneInput = Pick<Meeting, "caseId" | "kind" | "heldAt" | "heldOn" | "how" | "concern" | "chairUserId"> & {
  inviteeUserIds: number[];
  convenedBy: number;
  at: Date;
  /** A conference's own: where it comes from, why it is late, and the family members who attend. */
  conference?: { fromMeetingId: number | null; planId: number | null; lateReason: string; familyPersonIds: number[] };
};

/** A new meeting with its own map (the meeting's mapping and scalings), and its invitees. */
export async function conveneMeeting(sql: Sql, input: ConveneInput): Promise<{ id: number; mapId: number }> {
  const conference = input.conference ?? { fromMeetingId: null, planId: null, lateReason: "", familyPersonIds: [] };
  return inTransaction(sql, async (tx) => {
    const [map] = await tx<{ id: string }[]>`
      insert into case_maps (case_id, held_on, title, scaling_question, created_at, created_by)
      values (${input.caseId}, ${input.heldOn}, ${meetingKindNames[input.kind]}, ${DEFAULT_SCALING_QUESTION}, ${input.at}, ${input.convenedBy})
      returning id`;
    const [meeting] = await tx<{ id: string }[]>`
      insert into meetings (case_id, kind, held_at, held_on, how, concern, chair_user_id, map_id, convened_at, convened_by,
                            from_meeting_id, plan_id, late_reason)
      values (${input.caseId}, ${input.kind}, ${input.heldAt}, ${input.heldOn}, ${input.how}, ${input.concern},
              ${input.chairUserId}, ${map.id}, ${input.at}, ${input.convenedBy}, ${conference.fromMeetingId}, ${conference.planId},
              ${conference.lateReason})
      returning id`;
    const people = [...new Set([input.chairUserId, ...input.inviteeUserIds])];
    await tx`
      insert into meeting_invitees (meeting_id, user_id, agency_id)
      select ${meeting.id}, u.id, u.agency_id from users u where u.id in ${tx(people)}`;
    if (conference.familyPersonIds.length)
      await tx`
        insert into meeting_family_attendees (meeting_id, case_id, person_id)
        select ${meeting.id}, p.case_id, p.id from case_people p
        where p.case_id = ${input.caseId} and p.id in ${tx(conference.familyPersonIds)}`;
    return { id: Number(meeting.id), mapId: Number(map.id) };
  });
}

export async function recordAttendance(
  sql: Sql,
  input: { meetingId: number; attendance: Record<number, Attendance>; by: number; at: Date },
): Promise<void> {
  await inTransaction(sql, async (tx) => {
    for (const [userId, attendance] of Object.entries(input.attendance))
      await tx`
        update meeting_invitees set attendance = ${attendance}, attendance_recorded_at = ${input.at}, attendance_recorded_by = ${input.by}
        where meeting_id = ${input.meetingId} and user_id = ${Number(userId)} and attendance is distinct from ${attendance}`;
  });
}

export type AttendanceRecorded = { userId: number; recordedBy: string; recordedAt: Date };

/** Who recorded each invitee's attendance, and when: for the meeting's page and the professionals' minutes. */
export async function listAttendanceRecorded(sql: Sql, meetingId: number): Promise<AttendanceRecorded[]> {
  const rows = await sql<(AttendanceRecorded & { userId: string })[]>`
    select i.user_id as "userId", u.full_name as "recordedBy", i.attendance_recorded_at as "recordedAt"
    from meeting_invitees i join users u on u.id = i.attendance_recorded_by
    where i.meeting_id = ${meetingId} and i.attendance_recorded_at is not null`;
  return rows.map((row) => ({ ...row, userId: Number(row.userId) }));
}

/** The agencies that attended (someone present), other than the partnership: the ones that must scale. */
export function attendingAgencies(meeting: Meeting): { id: string; name: string }[] {
  const present = new Set(meeting.invitees.filter((i) => i.attendance === "present").map((i) => i.agencyId));
  return meeting.agencies.filter((agency) => present.has(agency.id) && agency.kind !== "partnership");
}

export type Exemption = { agencyId: string; agencyName: string; reason: string; recordedBy: string; recordedAt: Date };

export async function listExemptions(sql: Sql, meetingId: number): Promise<Exemption[]> {
  return sql<Exemption[]>`
    select e.agency_id as "agencyId", a.name as "agencyName", e.reason, u.full_name as "recordedBy", e.recorded_at as "recordedAt"
    from meeting_scaling_exemptions e join agencies a on a.id = e.agency_id join users u on u.id = e.recorded_by
    where e.meeting_id = ${meetingId} order by a.name`;
}

export async function recordExemption(sql: Sql, input: { meetingId: number; agencyId: string; reason: string; by: number; at: Date }) {
  await sql`
    insert into meeting_scaling_exemptions (meeting_id, agency_id, reason, recorded_at, recorded_by)
    values (${input.meetingId}, ${input.agencyId}, ${input.reason}, ${input.at}, ${input.by})
    on conflict (meeting_id, agency_id) do update set reason = excluded.reason, recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`;
}

export type Decisions = {
  section47: boolean;
  section47Why: string;
  policeInvestigation: "none" | "single" | "joint";
  immediateProtection: boolean;
  immediateProtectionDetail: string;
  icpc: boolean;
  icpcDueOn: string | null;
  familyTold: boolean;
  familyToldBy: string;
  familyToldOn: string | null;
  familyNotToldWhy: string;
};

export async function getDecisions(sql: Sql, meetingId: number): Promise<(Decisions & { recordedBy: string; recordedAt: Date }) | null> {
  const [row] = await sql<(Decisions & { recordedBy: string; recordedAt: Date })[]>`
    select d.section47, d.section47_why as "section47Why", d.police_investigation as "policeInvestigation",
           d.immediate_protection as "immediateProtection", d.immediate_protection_detail as "immediateProtectionDetail",
           d.icpc, to_char(d.icpc_due_on, 'YYYY-MM-DD') as "icpcDueOn", d.family_told as "familyTold",
           d.family_told_by as "familyToldBy", to_char(d.family_told_on, 'YYYY-MM-DD') as "familyToldOn",
           d.family_not_told_why as "familyNotToldWhy", u.full_name as "recordedBy", d.recorded_at as "recordedAt"
    from meeting_decisions d join users u on u.id = d.recorded_by where d.meeting_id = ${meetingId}`;
  return row ?? null;
}

export async function saveDecisions(sql: Sql, input: { meetingId: number; decisions: Decisions; by: number; at: Date }) {
  const d = input.decisions;
  await sql`
    insert into meeting_decisions (meeting_id, section47, section47_why, police_investigation, immediate_protection,
      immediate_protection_detail, icpc, icpc_due_on, family_told, family_told_by, family_told_on, family_not_told_why,
      recorded_at, recorded_by)
    values (${input.meetingId}, ${d.section47}, ${d.section47Why}, ${d.policeInvestigation}, ${d.immediateProtection},
      ${d.immediateProtectionDetail}, ${d.icpc}, ${d.icpcDueOn}, ${d.familyTold}, ${d.familyToldBy}, ${d.familyToldOn},
      ${d.familyNotToldWhy}, ${input.at}, ${input.by})
    on conflict (meeting_id) do update set
      section47 = excluded.section47, section47_why = excluded.section47_why,
      police_investigation = excluded.police_investigation, immediate_protection = excluded.immediate_protection,
      immediate_protection_detail = excluded.immediate_protection_detail, icpc = excluded.icpc,
      icpc_due_on = excluded.icpc_due_on, family_told = excluded.family_told, family_told_by = excluded.family_told_by,
      family_told_on = excluded.family_told_on, family_not_told_why = excluded.family_not_told_why,
      recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`;
}

export type Dissent = { id: number; agencyName: string; dissent: string; recordedBy: string; recordedAt: Date };

export async function listDissent(sql: Sql, meetingId: number): Promise<Dissent[]> {
  const rows = await sql<(Dissent & { id: string })[]>`
    select d.id, a.name as "agencyName", d.dissent, u.full_name as "recordedBy", d.recorded_at as "recordedAt"
    from meeting_dissent d join agencies a on a.id = d.agency_id join users u on u.id = d.recorded_by
    where d.meeting_id = ${meetingId} order by d.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function recordDissent(sql: Sql, input: { meetingId: number; agencyId: string; dissent: string; by: number; at: Date }) {
  await sql`insert into meeting_dissent (meeting_id, agency_id, dissent, recorded_at, recorded_by)
            values (${input.meetingId}, ${input.agencyId}, ${input.dissent}, ${input.at}, ${input.by})`;
}

export type MeetingAction = {
  id: number;
  what: string;
  ownerAgencyName: string;
  ownerName: string;
  dueOn: string;
  status: "open" | "done" | "cancelled";
};

export async function listActions(sql: Sql, meetingId: number): Promise<MeetingAction[]> {
  const rows = await sql<(MeetingAction & { id: string })[]>`
    select x.id, x.what, a.name as "ownerAgencyName", u.full_name as "ownerName", to_char(x.due_on, 'YYYY-MM-DD') as "dueOn", x.status
    from meeting_actions x join agencies a on a.id = x.owner_agency_id join users u on u.id = x.owner_user_id
    where x.meeting_id = ${meetingId} order by x.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function addAction(
  sql: Sql,
  input: { meetingId: number; what: string; ownerUserId: number; dueOn: string; by: number; at: Date },
): Promise<{ id: number }> {
  const [row] = await sql<{ id: string }[]>`
    insert into meeting_actions (meeting_id, what, owner_agency_id, owner_user_id, due_on, created_at, created_by)
    select ${input.meetingId}, ${input.what}, u.agency_id, u.id, ${input.dueOn}, ${input.at}, ${input.by}
    from users u where u.id = ${input.ownerUserId}
    returning id`;
  return { id: Number(row.id) };
}

export async function updateActionStatus(
  sql: Sql,
  input: { meetingId: number; actionId: number; status: MeetingAction["status"]; by: number; at: Date },
): Promise<boolean> {
  const rows = await sql`
    update meeting_actions set status = ${input.status}, status_updated_at = ${input.at}, status_updated_by = ${input.by}
    where id = ${input.actionId} and meeting_id = ${input.meetingId} returning id`;
  return rows.length === 1;
}

/** Whether a database error is a trigger refusing a change to a signed-off meeting's record (migration 005). */
export function isSignedOffRefusal(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "42501" && typeof message === "string" && /signed off|signed-off meeting/.test(message);
}

/** Who owns each of the meeting's actions, by action id: whom the policy asks about when an action's status changes. */
export async function listActionOwners(sql: Sql, meetingId: number): Promise<Map<number, number>> {
  const rows = await sql<{ id: string; ownerUserId: string }[]>`
    select id, owner_user_id as "ownerUserId" from meeting_actions where meeting_id = ${meetingId}`;
  return new Map(rows.map((row) => [Number(row.id), Number(row.ownerUserId)]));
}

export async function meetingIsOnCase(sql: Sql, meetingId: number, caseId: number): Promise<boolean> {
  return (await sql`select 1 from meetings where id = ${meetingId} and case_id = ${caseId}`).length > 0;
}

/**
 * The conference the case's latest such decision set, while it is still to be held: when it is due, from which
 * meeting. Once the initial conference convened from that meeting is signed off, its own clock says met or missed.
 */
export async function latestIcpcDue(sql: Sql, caseId: number): Promise<{ meetingId: number; dueOn: string } | null> {
  const [row] = await sql<{ meetingId: string; dueOn: string }[]>`
    select m.id as "meetingId", to_char(d.icpc_due_on, 'YYYY-MM-DD') as "dueOn"
    from meeting_decisions d join meetings m on m.id = d.meeting_id
    where m.case_id = ${caseId} and d.icpc
      and not exists (select 1 from meetings c where c.from_meeting_id = m.id and c.kind = 'initial_conference' and c.signed_off_at is not null)
    order by m.held_at desc limit 1`;
  return row ? { meetingId: Number(row.meetingId), dueOn: row.dueOn } : null;
}
