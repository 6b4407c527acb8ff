// Core groups of a child protection plan: scheduling one (its date, how, and its members: people on the case, at least
// one from each agency on the plan), reading it, and its members' attendance. The notes are a collaborative document
// (server/documents/core-group-notes.ts); progress, the family's marks, sign-off, addenda and distribution are beside
// this file.
import type { Sql } from "../../db/client";
import type { AgencyKind } from "../access/policy";
import type { Attendance, Meeting, MeetingInvitee } from "../meetings/meetings";
import { holdActivePlan, inTransaction, listPlanOwners, planRefusals } from "../plans/plans";

export type MeetingHow = Meeting["how"];

/** A member, as an invitee to a strategy meeting is: who, from which agency, and whether they attended. */
export type CoreGroupMember = MeetingInvitee;

export type CoreGroup = {
  id: number;
  caseId: number;
  planId: number;
  heldAt: Date;
  heldOn: string;
  how: MeetingHow;
  lateReason: string | null;
  scheduledAt: Date;
  scheduledBy: string;
  signedOffAt: Date | null;
  signedOffBy: string | null;
  members: CoreGroupMember[];
  /** The members' agencies, each once, in name order: one section of the notes each. */
  agencies: { id: string; name: string; kind: AgencyKind }[];
};

export async function getCoreGroup(sql: Sql, caseId: number, coreGroupId: number): Promise<CoreGroup | null> {
  if (!Number.isSafeInteger(coreGroupId) || coreGroupId <= 0) return null;
  const [row] = await sql<(Omit<CoreGroup, "members" | "agencies"> & { id: string; caseId: string; planId: string })[]>`
    select g.id, g.case_id as "caseId", g.plan_id as "planId", g.held_at as "heldAt", to_char(g.held_on, 'YYYY-MM-DD') as "heldOn",
           g.how, g.late_reason as "lateReason", g.scheduled_at as "scheduledAt", scheduler.full_name as "scheduledBy",
           g.signed_off_at as "signedOffAt", signer.full_name as "signedOffBy"
    from core_groups g
    join users scheduler on scheduler.id = g.scheduled_by
    left join users signer on signer.id = g.signed_off_by
    where g.id = ${coreGroupId} and g.case_id = ${caseId}`;
  if (!row) return null;
  const members = await listMembers(sql, coreGroupId);
  // Each agency once, in the members' order (agency name, then person).
  const agencies = members
    .filter((member, index) => members.findIndex((other) => other.agencyId === member.agencyId) === index)
    .map(({ agencyId, agencyName, agencyKind }) => ({ id: agencyId, name: agencyName, kind: agencyKind }));
  return { ...row, id: Number(row.id), caseId: Number(row.caseId), planId: Number(row.planId), members, agencies };
}

async function listMembers(sql: Sql, coreGroupId: number): Promise<CoreGroupMember[]> {
  const [row] = await sql<{ members: CoreGroupMember[] }[]>`
    select coalesce(json_agg(json_build_object('userId', m.user_id, 'fullName', u.full_name, 'jobTitle', u.job_title, 'agencyId', m.agency_id,
                    'agencyName', a.name, 'agencyKind', a.kind, 'attendance', m.attendance) order by a.name, u.full_name), '[]') as members
    from core_group_members m join users u on u.id = m.user_id join agencies a on a.id = m.agency_id
    where m.core_group_id = ${coreGroupId}`;
  return row.members.map((member) => ({ ...member, userId: Number(member.userId) }));
}

export type CoreGroupSummary = { id: number; heldAt: Date; heldOn: string; lateReason: string | null; signedOff: boolean };

/** The plan's core groups in the order they are held: the clock of each runs from the one before. */
export async function listPlanCoreGroups(sql: Sql, planId: number): Promise<CoreGroupSummary[]> {
  const rows = await sql<(CoreGroupSummary & { id: string })[]>`
    select g.id, g.held_at as "heldAt", to_char(g.held_on, 'YYYY-MM-DD') as "heldOn", g.late_reason as "lateReason",
           g.signed_off_at is not null as "signedOff"
    from core_groups g where g.plan_id = ${planId} order by g.held_on, g.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Every core group of the case, of every plan it has had: which of its plan's core groups it is, when, and whether signed off. */
export async function listCaseCoreGroups(sql: Sql, caseId: number): Promise<(CoreGroupSummary & { number: number })[]> {
  const rows = await sql<(CoreGroupSummary & { id: string; number: string })[]>`
    select g.id, g.held_at as "heldAt", to_char(g.held_on, 'YYYY-MM-DD') as "heldOn", g.late_reason as "lateReason",
           g.signed_off_at is not null as "signedOff", row_number() over (partition by g.plan_id order by g.held_on, g.id) as number
    from core_groups g where g.case_id = ${caseId} order by g.held_at desc`;
  return rows.map((row) => ({ ...row, id: Number(row.id), number: Number(row.number) }));
}

/** The core groups a person is a member of, not yet signed off, on the cases they still work on: soonest first. */
export async function listCoreGroupInvitations(sql: Sql, userId: number): Promise<{ id: number; caseId: number; heldAt: Date; childName: string | null }[]> {
  const rows = await sql<{ id: string; caseId: string; heldAt: Date; childName: string | null }[]>`
    select g.id, g.case_id as "caseId", g.held_at as "heldAt", child.full_name as "childName"
    from core_group_members cgm
    join core_groups g on g.id = cgm.core_group_id
    join case_members cm on cm.case_id = g.case_id and cm.user_id = cgm.user_id and cm.removed_at is null
    left join case_people child on child.case_id = g.case_id and child.is_subject
    where cgm.user_id = ${userId} and g.signed_off_at is null
    order by g.held_at`;
  return rows.map((row) => ({ ...row, id: Number(row.id), caseId: Number(row.caseId) }));
}

export type ScheduleInput = Pick<CoreGroup, "caseId" | "planId" | "heldAt" | "heldOn" | "how" | "lateReason"> & {
  memberUserIds: number[];
  by: number;
  at: Date;
};

export const scheduleRefusals = {
  ended: planRefusals.ended,
  notOnCase: "Choose only people working on this case",
  beforeLast: "The date must be on or after the plan's latest core group",
} as const;

/**
 * A new core group of an active plan with its members (the lead social worker, who schedules it, always one of them).
 * Each member must work on the case now; the caller has checked the agencies and the clock.
 */
export async function scheduleCoreGroup(sql: Sql, input: ScheduleInput): Promise<{ ok: true; id: number } | { ok: false; field: "memberUserIds" | "heldOnDay" | "form"; message: string }> {
  return inTransaction(sql, async (tx) => {
    if (!(await holdActivePlan(tx, input.planId, input.caseId))) return { ok: false as const, field: "form" as const, message: scheduleRefusals.ended };
    const onCase = new Map((await listPlanOwners(tx, input.caseId)).map((owner) => [owner.userId, owner]));
    const people = [...new Set([input.by, ...input.memberUserIds])];
    if (people.some((userId) => !onCase.has(userId))) return { ok: false as const, field: "memberUserIds" as const, message: scheduleRefusals.notOnCase };
    const [later] = await tx`select 1 from core_groups where plan_id = ${input.planId} and held_on > ${input.heldOn}`;
    if (later) return { ok: false as const, field: "heldOnDay" as const, message: scheduleRefusals.beforeLast };
    const [made] = await tx<{ id: string }[]>`
      insert into core_groups (case_id, plan_id, held_at, held_on, how, late_reason, scheduled_at, scheduled_by)
      values (${input.caseId}, ${input.planId}, ${input.heldAt}, ${input.heldOn}, ${input.how}, ${input.lateReason}, ${input.at}, ${input.by})
      returning id`;
    await tx`
      insert into core_group_members (core_group_id, user_id, agency_id)
      select ${made.id}, u.id, u.agency_id from users u where u.id in ${tx(people)}`;
    return { ok: true as const, id: Number(made.id) };
  });
}

/** Records attendance marks (member → attendance) in one statement; a mark that changes nothing leaves no trace. */
export async function recordCoreGroupAttendance(
  sql: Sql,
  input: { coreGroupId: number; marks: ReadonlyMap<number, Exclude<Attendance, "invited">>; by: number; at: Date },
): Promise<void> {
  const userIds = [...input.marks.keys()];
  await sql`
    update core_group_members m
    set attendance = mark.attendance, attendance_recorded_at = ${input.at}, attendance_recorded_by = ${input.by}
    from unnest(${userIds}::bigint[], ${userIds.map((id) => input.marks.get(id)!)}::text[]) as mark (user_id, attendance)
    where m.core_group_id = ${input.coreGroupId} and m.user_id = mark.user_id and m.attendance is distinct from mark.attendance`;
}

/** Who recorded each member's attendance, and when. */
export async function listCoreGroupAttendanceRecorded(sql: Sql, coreGroupId: number): Promise<Map<number, { recordedBy: string; recordedAt: Date }>> {
  const rows = await sql<{ userId: string; recordedBy: string; recordedAt: Date }[]>`
    select m.user_id as "userId", u.full_name as "recordedBy", m.attendance_recorded_at as "recordedAt"
    from core_group_members m join users u on u.id = m.attendance_recorded_by
    where m.core_group_id = ${coreGroupId} and m.attendance_recorded_at is not null`;
  return new Map(rows.map((row) => [Number(row.userId), { recordedBy: row.recordedBy, recordedAt: row.recordedAt }]));
}

/** Whether a database error is a trigger refusing a change to a signed-off core group (migration 011). */
export function isCoreGroupSignedOffRefusal(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "42501" && typeof message === "string" && /^core group \d+ (was|is not) signed off/.test(message);
}


/**
 * What the policy needs to know of a core group (server/access/core-group-resources.ts): its plan's lead social worker
 * now, its members, whether it is signed off, and whether its plan has ended. Null when there is no such core group on
 * the case.
 */
export async function loadCoreGroupFacts(
  sql: Sql,
  caseId: number,
  coreGroupId: number,
): Promise<{ leadUserId: number; memberUserIds: number[]; signedOff: boolean; planEnded: boolean } | null> {
  const [row] = await sql<{ leadUserId: string; memberUserIds: string[] | null; signedOff: boolean; planEnded: boolean }[]>`
    select (select d.lead_user_id from child_protection_plan_details d where d.plan_id = g.plan_id order by d.version desc limit 1)
             as "leadUserId",
           (select array_agg(m.user_id) from core_group_members m where m.core_group_id = g.id) as "memberUserIds",
           g.signed_off_at is not null as "signedOff",
           exists (select 1 from child_protection_plans p where p.id = g.plan_id and p.ended_on is not null) as "planEnded"
    from core_groups g where g.id = ${coreGroupId} and g.case_id = ${caseId}`;
  if (!row) return null;
  return { leadUserId: Number(row.leadUserId), memberUserIds: (row.memberUserIds ?? []).map(Number), signedOff: row.signedOff, planEnded: row.planEnded };
}
