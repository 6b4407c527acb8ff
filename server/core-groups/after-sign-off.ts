// What follows a core group's sign-off, beside its addenda (a meeting's, server/meetings/addenda.ts): the distribution,
// who received the notes, in which version (the full notes, or the family's), and when.
import type { Sql } from "../../db/client";

export type Distribution = {
  id: number;
  recipientName: string;
  recipientKind: "professional" | "family";
  version: "full" | "family";
  sentOn: string;
  recordedBy: string;
  recordedAt: Date;
};

export async function listDistribution(sql: Sql, coreGroupId: number): Promise<Distribution[]> {
  const rows = await sql<(Distribution & { id: string })[]>`
    select d.id, d.recipient_name as "recipientName", d.recipient_kind as "recipientKind", d.version,
           to_char(d.sent_on, 'YYYY-MM-DD') as "sentOn", u.full_name as "recordedBy", d.recorded_at as "recordedAt"
    from core_group_distribution d join users u on u.id = d.recorded_by
    where d.core_group_id = ${coreGroupId} order by d.sent_on, d.id`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Who may receive the notes: the core group's members (either version) and the family and network (the family's). */
export async function listRecipients(sql: Sql, coreGroupId: number, caseId: number) {
  const professionals = await sql<{ id: string; name: string }[]>`
    select u.id, u.full_name || ', ' || a.name as name
    from core_group_members m join users u on u.id = m.user_id join agencies a on a.id = m.agency_id
    where m.core_group_id = ${coreGroupId} order by a.name, u.full_name`;
  const family = await sql<{ id: string; name: string }[]>`
    select p.id, p.full_name || case when p.relationship <> '' then ' (' || p.relationship || ')' else '' end as name
    from case_people p where p.case_id = ${caseId} and p.kind in ('family', 'network') order by p.id`;
  return {
    professionals: professionals.map((row) => ({ id: Number(row.id), name: row.name })),
    family: family.map((row) => ({ id: Number(row.id), name: row.name })),
  };
}

export async function recordDistribution(
  sql: Sql,
  input: { coreGroupId: number; recipientName: string; recipientKind: "professional" | "family"; version: "full" | "family"; sentOn: string; by: number; at: Date },
) {
  await sql`
    insert into core_group_distribution (core_group_id, recipient_name, recipient_kind, version, sent_on, recorded_at, recorded_by)
    values (${input.coreGroupId}, ${input.recipientName}, ${input.recipientKind}, ${input.version}, ${input.sentOn}, ${input.at}, ${input.by})`;
}
