// What of a meeting's record its authors have marked for the family: the concern (the chair's) and each agency's
// section. Each marking is a row, attributed and dated; the latest for a part stands. Nothing marked is not shared
// (db/migrations/012), and the database refuses a marking once the meeting is signed off.
import type { Sql } from "../../db/client";

export type FamilyMarking = { forFamily: boolean; recordedBy: string; recordedAt: Date };

/** A part of a meeting's record whose author decides whether the family receives it. */
export type MarkablePart = { part: "concern" } | { part: "section"; agencyId: string };

export type MeetingFamilyMarkings = {
  concern: FamilyMarking | null;
  /** By agency id: each agency's section. */
  sections: Map<string, FamilyMarking>;
};

export async function listMeetingFamilyMarkings(sql: Sql, meetingId: number): Promise<MeetingFamilyMarkings> {
  const rows = await sql<(FamilyMarking & { part: MarkablePart["part"]; agencyId: string | null })[]>`
    select distinct on (k.part, k.agency_id) k.part, k.agency_id as "agencyId", k.for_family as "forFamily",
           u.full_name as "recordedBy", k.recorded_at as "recordedAt"
    from meeting_family_markings k join users u on u.id = k.recorded_by
    where k.meeting_id = ${meetingId}
    order by k.part, k.agency_id, k.id desc`;
  const marking = ({ forFamily, recordedBy, recordedAt }: FamilyMarking) => ({ forFamily, recordedBy, recordedAt });
  return {
    concern: rows.find((row) => row.part === "concern") ?? null,
    sections: new Map(rows.filter((row) => row.part === "section" && row.agencyId).map((row) => [row.agencyId!, marking(row)])),
  };
}

/** Whether a part is marked for the family now: nothing marked is not. */
export function isForFamily(markings: MeetingFamilyMarkings, of: MarkablePart): boolean {
  return (of.part === "concern" ? markings.concern : markings.sections.get(of.agencyId))?.forFamily ?? false;
}

export async function markMeetingPart(sql: Sql, input: { meetingId: number; of: MarkablePart; forFamily: boolean; by: number; at: Date }) {
  const agencyId = input.of.part === "section" ? input.of.agencyId : null;
  await sql`
    insert into meeting_family_markings (meeting_id, part, agency_id, for_family, recorded_at, recorded_by)
    values (${input.meetingId}, ${input.of.part}, ${agencyId}, ${input.forFamily}, ${input.at}, ${input.by})`;
}
