// A case's front sheet: the child, family and network, the professionals and agencies, status.
import type { Sql } from "../../db/client";
import type { Role } from "../access/policy";
import { listCaseCoreGroups } from "../core-groups/core-groups";
import { listCaseMeetings } from "../meetings/meetings";
import { meetingKindNames } from "../../common/meeting-kinds";

export type CasePerson = {
  id: number;
  kind: "child" | "family" | "network";
  isSubject: boolean;
  fullName: string;
  dateOfBirth: Date | null;
  nhsNumber: string | null;
  relationship: string;
  parentalResponsibility: boolean;
  address: string;
  school: string;
};

export type CaseMember = {
  userId: number;
  fullName: string;
  jobTitle: string;
  email: string;
  agencyId: string;
  agencyName: string;
  roleOnCase: string;
  /** Their role in their agency (a chair, a team manager…), not on this case. */
  role: Role;
  isLead: boolean;
  active: boolean;
};

export type CaseAgency = { id: string; name: string; kind: string; isLead: boolean };

export type FrontSheet = {
  id: number;
  reference: string;
  status: "open" | "closed";
  category: string | null;
  openedOn: Date;
  closedOn: Date | null;
  child: CasePerson | null;
  people: CasePerson[];
  members: CaseMember[];
  agencies: CaseAgency[];
};

export async function getFrontSheet(sql: Sql, caseId: number): Promise<FrontSheet | null> {
  const [row] = await sql<Omit<FrontSheet, "child" | "people" | "members" | "agencies">[]>`
    select id, reference, status, category, opened_on as "openedOn", closed_on as "closedOn"
    from cases where id = ${caseId}`;
  if (!row) return null;
  const people = (
    await sql<CasePerson[]>`
      select id, kind, is_subject as "isSubject", full_name as "fullName", date_of_birth as "dateOfBirth",
             nhs_number as "nhsNumber", relationship, parental_responsibility as "parentalResponsibility", address, school
      from case_people where case_id = ${caseId}
      order by is_subject desc, array_position(array['child','family','network'], kind), date_of_birth nulls last, id`
  ).map((person) => ({ ...person, id: Number(person.id) }));
  const members = (
    await sql<CaseMember[]>`
      select u.id as "userId", u.full_name as "fullName", u.job_title as "jobTitle", u.email, u.active, u.role,
             a.id as "agencyId", a.name as "agencyName", m.role_on_case as "roleOnCase", m.is_lead as "isLead"
      from case_members m join users u on u.id = m.user_id join agencies a on a.id = u.agency_id
      where m.case_id = ${caseId} and m.removed_at is null
      order by m.is_lead desc, a.name, u.full_name`
  ).map((member) => ({ ...member, userId: Number(member.userId) }));
  const agencies = await sql<CaseAgency[]>`
    select a.id, a.name, a.kind, ca.is_lead as "isLead"
    from case_agencies ca join agencies a on a.id = ca.agency_id
    where ca.case_id = ${caseId} and ca.removed_at is null order by ca.is_lead desc, a.name`;
  return {
    ...row,
    id: Number(row.id),
    child: people.find((person) => person.isSubject) ?? null,
    people: people.filter((person) => !person.isSubject),
    members,
    agencies: [...agencies],
  };
}

/** A meeting of the case as the front sheet lists it: its kind, when it is held, and whether it is signed off. */
export type FrontSheetMeeting = { kind: string; heldAt: Date; state: "open" | "signed-off"; path: string };

/**
 * Every meeting of the case, newest first, open or signed off: strategy meetings and discussions, conferences, and the
 * core groups of its plans.
 */
export async function listFrontSheetMeetings(sql: Sql, caseId: number): Promise<FrontSheetMeeting[]> {
  const [meetings, coreGroups] = await Promise.all([listCaseMeetings(sql, caseId), listCaseCoreGroups(sql, caseId)]);
  const state = (signedOff: boolean) => (signedOff ? ("signed-off" as const) : ("open" as const));
  return [
    ...meetings.map((meeting) => ({
      kind: meetingKindNames[meeting.kind],
      heldAt: meeting.heldAt,
      state: state(meeting.signedOff),
      path: `/cases/${caseId}/meetings/${meeting.id}`,
    })),
    ...coreGroups.map((group) => ({
      kind: `Core group ${group.number}`,
      heldAt: group.heldAt,
      state: state(group.signedOff),
      path: `/cases/${caseId}/core-groups/${group.id}`,
    })),
  ].sort((a, b) => b.heldAt.getTime() - a.heldAt.getTime());
}
