// Opening a case: its reference, the agencies working on it (one the lead), its first professionals and the people it
// is about (the first child its subject). Used by a front door decision for a strategy discussion (decision 036); run
// inside the caller's transaction, so a case is opened whole or not at all.
import { inTransaction, type Sql } from "../../db/client";

export type NewCase = {
  openedOn: string;
  agencies: { agencyId: string; isLead: boolean }[];
  members: { userId: number; roleOnCase: string; isLead: boolean }[];
  people: {
    kind: "child" | "family";
    isSubject: boolean;
    fullName: string;
    dateOfBirth: string | null;
    relationship: string;
    address: string;
    school: string;
  }[];
  by: number;
  at: Date;
};

/**
 * The next reference in the partnership's series for the year opened: the prefix of the references already used
 * (SBC-2026-0148 → SBC), the year, and one more than that year's highest number. Cases are held while it is
 * worked out, so two cases opened at once never share one.
 */
async function nextReference(tx: Sql, openedOn: string): Promise<string> {
  await tx`lock table cases in share row exclusive mode`;
  const year = openedOn.slice(0, 4);
  const [row] = await tx<{ prefix: string | null; highest: number | null }[]>`
    select (select substring(reference from '^([A-Z]+)-[0-9]{4}-[0-9]+$') from cases
             where reference ~ '^[A-Z]+-[0-9]{4}-[0-9]+$' order by id desc limit 1) as prefix,
           (select max(substring(reference from '-([0-9]+)$')::int) from cases
             where reference ~ ${`^[A-Z]+-${year}-[0-9]+$`}) as highest`;
  return `${row.prefix ?? "C"}-${year}-${String((row.highest ?? 0) + 1).padStart(4, "0")}`;
}

export async function openCase(sql: Sql, input: NewCase): Promise<{ caseId: number; reference: string }> {
  return inTransaction(sql, async (tx) => {
    const reference = await nextReference(tx, input.openedOn);
    const [row] = await tx<{ id: string }[]>`
      insert into cases (reference, opened_on, created_at) values (${reference}, ${input.openedOn}, ${input.at}) returning id`;
    const caseId = Number(row.id);
    for (const agency of input.agencies)
      await tx`
        insert into case_agencies (case_id, agency_id, is_lead, added_at, added_by)
        values (${caseId}, ${agency.agencyId}, ${agency.isLead}, ${input.at}, ${input.by})`;
    for (const member of input.members)
      await tx`
        insert into case_members (case_id, user_id, role_on_case, is_lead, added_at, added_by)
        values (${caseId}, ${member.userId}, ${member.roleOnCase}, ${member.isLead}, ${input.at}, ${input.by})`;
    for (const person of input.people)
      await tx`
        insert into case_people (case_id, kind, is_subject, full_name, date_of_birth, relationship, address, school, created_at, created_by)
        values (${caseId}, ${person.kind}, ${person.isSubject}, ${person.fullName}, ${person.dateOfBirth}, ${person.relationship},
                ${person.address}, ${person.school}, ${input.at}, ${input.by})`;
    return { caseId, reference };
  });
}

/** Brings agencies and professionals onto an open case that does not yet have them (a case a contact was linked to). */
export async function joinCase(
  sql: Sql,
  input: { caseId: number; agencyIds: string[]; members: { userId: number; roleOnCase: string }[]; by: number; at: Date },
): Promise<void> {
  await inTransaction(sql, async (tx) => {
    for (const agencyId of input.agencyIds)
      await tx`
        insert into case_agencies (case_id, agency_id, is_lead, added_at, added_by)
        values (${input.caseId}, ${agencyId}, false, ${input.at}, ${input.by}) on conflict (case_id, agency_id) do nothing`;
    for (const member of input.members)
      await tx`
        insert into case_members (case_id, user_id, role_on_case, is_lead, added_at, added_by)
        select ${input.caseId}, ${member.userId}, ${member.roleOnCase}, false, ${input.at}, ${input.by}
         where not exists (select 1 from case_members where case_id = ${input.caseId} and user_id = ${member.userId} and removed_at is null)`;
  });
}
