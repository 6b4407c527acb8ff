// The child's voice: the three houses (worries, good things, dreams) in the child's own words, with who recorded it,
// when the child was seen, and whether they were seen alone.
import type { Sql } from "../../db/client";

export type ChildVoiceEntry = {
  id: number;
  seenOn: string;
  seenAlone: boolean;
  whoElsePresent: string;
  worries: string;
  goodThings: string;
  dreams: string;
  notForFamily: boolean;
  recordedAt: Date;
  recordedBy: string;
  recordedByAgency: string;
};

export type ChildVoiceInput = Omit<ChildVoiceEntry, "id" | "recordedAt" | "recordedBy" | "recordedByAgency">;

/** Newest first. */
export async function listChildVoice(sql: Sql, caseId: number): Promise<ChildVoiceEntry[]> {
  const rows = await sql<(ChildVoiceEntry & { id: string })[]>`
    select v.id, to_char(v.seen_on, 'YYYY-MM-DD') as "seenOn", v.seen_alone as "seenAlone", v.who_else_present as "whoElsePresent",
           v.worries, v.good_things as "goodThings", v.dreams, v.not_for_family as "notForFamily",
           v.recorded_at as "recordedAt", u.full_name as "recordedBy", a.name as "recordedByAgency"
    from child_voice v join users u on u.id = v.recorded_by join agencies a on a.id = u.agency_id
    where v.case_id = ${caseId}
    order by v.seen_on desc, v.id desc`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export async function recordChildVoice(
  sql: Sql,
  input: ChildVoiceInput & { caseId: number; recordedBy: number; at: Date },
): Promise<{ id: number }> {
  const [row] = await sql<{ id: string }[]>`
    insert into child_voice (case_id, seen_on, seen_alone, who_else_present, worries, good_things, dreams, not_for_family, recorded_at, recorded_by)
    values (${input.caseId}, ${input.seenOn}, ${input.seenAlone}, ${input.whoElsePresent}, ${input.worries}, ${input.goodThings},
            ${input.dreams}, ${input.notForFamily}, ${input.at}, ${input.recordedBy})
    returning id`;
  return { id: Number(row.id) };
}
