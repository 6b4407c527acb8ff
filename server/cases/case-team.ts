// Who works on a case: the professionals and agencies the social care lead adds and removes. Access follows these
// rows at once, because the policy reads them (case-facts.ts) on every request and every socket re-check.
import type { Sql } from "../../db/client";
import type { Role } from "../access/policy";

export type CandidateProfessional = {
  userId: number;
  fullName: string;
  jobTitle: string;
  role: Role;
  agencyId: string;
  agencyName: string;
};

export type CandidateAgency = { id: string; name: string; kind: string };

/** A refusal the person can act on; `field` is the form field it belongs to, `form` when it belongs to none. */
export type CaseTeamRefusal = { ok: false; field: "userId" | "agencyId" | "form"; message: string };

export type AddCaseMemberResult =
  | { ok: true; memberId: number; agencyId: string; agencyName: string; fullName: string; agencyAdded: boolean }
  | CaseTeamRefusal;

export type RemoveCaseMemberResult = { ok: true; fullName: string; agencyId: string } | CaseTeamRefusal;

export type AddCaseAgencyResult = { ok: true; name: string } | CaseTeamRefusal;

export type RemoveCaseAgencyResult =
  | { ok: true; name: string; removedMembers: { userId: number; fullName: string }[] }
  | CaseTeamRefusal;

/** The wording of each refusal, shared by the domain and the page that offers the confirmation. */
export const caseTeamMessages = {
  unknownProfessional: "Select the professional to add from the list",
  administrator: (name: string) =>
    `${name} is an agency administrator. Administrators manage accounts and cannot work on children's cases`,
  inactive: (name: string) => `${name}'s account is deactivated, so they cannot be added to the case`,
  alreadyMember: (name: string) => `${name} is already working on this case`,
  notMember: "That professional is not working on this case. The list may have changed: check it and try again",
  lead: (name: string) =>
    `${name} is the lead professional for this case and cannot be removed. The case must always have its lead`,
  yourself:
    "You cannot add yourself: overseeing a case does not make you one of its professionals. Ask the case's lead social worker to add you",
  unknownAgency: "Select the agency to add from the list",
  agencyAlreadyOnCase: (name: string) => `${name} is already on this case`,
  agencyNotOnCase: "That agency is not on this case. The list may have changed: check it and try again",
  leadAgency: (name: string) => `${name} is the lead agency for this case and cannot be removed`,
  agencyHasLead: (name: string, lead: string) =>
    `${name} cannot be removed while ${lead}, the case's lead professional, works for it`,
} as const;

/** People who could be added: active, not administrators, not already working on the case. */
export async function listCandidateProfessionals(sql: Sql, caseId: number): Promise<CandidateProfessional[]> {
  const rows = await sql<CandidateProfessional[]>`
    select u.id as "userId", u.full_name as "fullName", u.job_title as "jobTitle", u.role,
           a.id as "agencyId", a.name as "agencyName"
    from users u join agencies a on a.id = u.agency_id
    where u.active and u.role <> 'administrator'
      and not exists (select 1 from case_members m
                      where m.case_id = ${caseId} and m.user_id = u.id and m.removed_at is null)
    order by a.name, u.full_name, u.id`;
  return rows.map((row) => ({ ...row, userId: Number(row.userId) }));
}

/** Agencies not working on the case now, including any that left it and could return. */
export async function listCandidateAgencies(sql: Sql, caseId: number): Promise<CandidateAgency[]> {
  return [
    ...(await sql<CandidateAgency[]>`
      select a.id, a.name, a.kind from agencies a
      where not exists (select 1 from case_agencies ca
                        where ca.case_id = ${caseId} and ca.agency_id = a.id and ca.removed_at is null)
      order by a.name`),
  ];
}

/**
 * Adds a professional to the case, and their agency with them when it is not on the case: a professional working on
 * a case whose agency is not on it would leave the agency's managers unable to oversee their own staff's work.
 */
export async function addCaseMember(
  sql: Sql,
  opts: { caseId: number; userId: number; roleOnCase: string; addedBy: number; at: Date },
): Promise<AddCaseMemberResult> {
  return sql.begin(async (tx) => {
    // Locking the person's row keeps two managers adding them at once from both passing the checks.
    const [person] = await tx<{ fullName: string; role: Role; active: boolean; agencyId: string; agencyName: string }[]>`
      select u.full_name as "fullName", u.role, u.active, a.id as "agencyId", a.name as "agencyName"
      from users u join agencies a on a.id = u.agency_id
      where u.id = ${opts.userId} for update of u`;
    if (!person) return refuse("userId", caseTeamMessages.unknownProfessional);
    if (person.role === "administrator") return refuse("userId", caseTeamMessages.administrator(person.fullName));
    if (!person.active) return refuse("userId", caseTeamMessages.inactive(person.fullName));
    const [member] = await tx<{ id: string }[]>`
      insert into case_members (case_id, user_id, role_on_case, is_lead, added_at, added_by)
      values (${opts.caseId}, ${opts.userId}, ${opts.roleOnCase}, false, ${opts.at}, ${opts.addedBy})
      on conflict (case_id, user_id) where removed_at is null do nothing
      returning id`;
    if (!member) return refuse("userId", caseTeamMessages.alreadyMember(person.fullName));
    const agencyAdded = await putAgencyOnCase(tx as unknown as Sql, {
      caseId: opts.caseId,
      agencyId: person.agencyId,
      addedBy: opts.addedBy,
      at: opts.at,
    });
    return {
      ok: true as const,
      memberId: Number(member.id),
      agencyId: person.agencyId,
      agencyName: person.agencyName,
      fullName: person.fullName,
      agencyAdded,
    };
  });
}

/** Ends a professional's work on the case; the row stays, because who worked on a child's case is part of the record. */
export async function removeCaseMember(
  sql: Sql,
  opts: { caseId: number; userId: number; removedBy: number; at: Date },
): Promise<RemoveCaseMemberResult> {
  return sql.begin(async (tx) => {
    const [member] = await tx<{ id: string; isLead: boolean; fullName: string; agencyId: string }[]>`
      select m.id, m.is_lead as "isLead", u.full_name as "fullName", u.agency_id as "agencyId"
      from case_members m join users u on u.id = m.user_id
      where m.case_id = ${opts.caseId} and m.user_id = ${opts.userId} and m.removed_at is null
      for update of m`;
    if (!member) return refuse("form", caseTeamMessages.notMember);
    if (member.isLead) return refuse("form", caseTeamMessages.lead(member.fullName));
    await tx`update case_members set removed_at = ${opts.at}, removed_by = ${opts.removedBy} where id = ${member.id}`;
    return { ok: true as const, fullName: member.fullName, agencyId: member.agencyId };
  });
}

/** Puts an agency on the case, so its team managers may oversee it; its practitioners are added one by one. */
export async function addCaseAgency(
  sql: Sql,
  opts: { caseId: number; agencyId: string; addedBy: number; at: Date },
): Promise<AddCaseAgencyResult> {
  return sql.begin(async (tx) => {
    const [agency] = await tx<{ name: string }[]>`select name from agencies where id = ${opts.agencyId}`;
    if (!agency) return refuse("agencyId", caseTeamMessages.unknownAgency);
    const added = await putAgencyOnCase(tx as unknown as Sql, opts);
    if (!added) return refuse("agencyId", caseTeamMessages.agencyAlreadyOnCase(agency.name));
    return { ok: true as const, name: agency.name };
  });
}

/**
 * Takes an agency off the case with every one of its professionals still working on it: an agency that has left a
 * case must not keep access through its staff.
 */
export async function removeCaseAgency(
  sql: Sql,
  opts: { caseId: number; agencyId: string; removedBy: number; at: Date },
): Promise<RemoveCaseAgencyResult> {
  return sql.begin(async (tx) => {
    const [onCase] = await tx<{ name: string; isLead: boolean }[]>`
      select a.name, ca.is_lead as "isLead"
      from case_agencies ca join agencies a on a.id = ca.agency_id
      where ca.case_id = ${opts.caseId} and ca.agency_id = ${opts.agencyId} and ca.removed_at is null
      for update of ca`;
    if (!onCase) return refuse("form", caseTeamMessages.agencyNotOnCase);
    if (onCase.isLead) return refuse("form", caseTeamMessages.leadAgency(onCase.name));
    const members = await tx<{ id: string; userId: string; fullName: string; isLead: boolean }[]>`
      select m.id, m.user_id as "userId", u.full_name as "fullName", m.is_lead as "isLead"
      from case_members m join users u on u.id = m.user_id
      where m.case_id = ${opts.caseId} and u.agency_id = ${opts.agencyId} and m.removed_at is null
      order by u.full_name
      for update of m`;
    const lead = members.find((member) => member.isLead);
    if (lead) return refuse("form", caseTeamMessages.agencyHasLead(onCase.name, lead.fullName));
    await tx`update case_agencies set removed_at = ${opts.at}, removed_by = ${opts.removedBy}
             where case_id = ${opts.caseId} and agency_id = ${opts.agencyId}`;
    if (members.length)
      await tx`update case_members set removed_at = ${opts.at}, removed_by = ${opts.removedBy}
               where id in ${tx(members.map((member) => member.id))}`;
    // Restricted notes shared with the agency, or by it, stop being shared: if it comes back to the case, each
    // agency decides afresh, with a reason, rather than the old share reviving by itself.
    await tx`
      insert into restricted_note_shares (case_id, owner_agency_id, shared_with_agency_id, shared, reason, at, by_user_id)
      select case_id, owner_agency_id, shared_with_agency_id, false, ${`${onCase.name} left the case`}, ${opts.at}, ${opts.removedBy}
      from (
        select distinct on (owner_agency_id, shared_with_agency_id) case_id, owner_agency_id, shared_with_agency_id, shared
        from restricted_note_shares
        where case_id = ${opts.caseId} and (shared_with_agency_id = ${opts.agencyId} or owner_agency_id = ${opts.agencyId})
        order by owner_agency_id, shared_with_agency_id, at desc, id desc
      ) latest
      where shared`;
    return {
      ok: true as const,
      name: onCase.name,
      removedMembers: members.map((member) => ({ userId: Number(member.userId), fullName: member.fullName })),
    };
  });
}

/**
 * Puts the agency on the case, or back on it if it left; returns false when it was already there. A returning agency
 * keeps its one row (the key is the case and agency), which now says who brought it back and when.
 */
async function putAgencyOnCase(tx: Sql, opts: { caseId: number; agencyId: string; addedBy: number; at: Date }): Promise<boolean> {
  const rows = await tx`
    insert into case_agencies (case_id, agency_id, is_lead, added_at, added_by)
    values (${opts.caseId}, ${opts.agencyId}, false, ${opts.at}, ${opts.addedBy})
    on conflict (case_id, agency_id) do update
      set removed_at = null, removed_by = null, added_at = excluded.added_at, added_by = excluded.added_by
      where case_agencies.removed_at is not null
    returning agency_id`;
  return rows.length > 0;
}

const refuse = (field: CaseTeamRefusal["field"], message: string): CaseTeamRefusal => ({ ok: false, field, message });
