// What of a meeting's record its authors have marked for the family: the concern (the chair's), each agency's
// section, and at a conference the family's and the child's views (the chair's). Each marking is a row, attributed and dated; the latest for a part stands. Nothing marked is not shared
// (db/migrations/012), and the database refuses a marking once the meeting is signed off.
import type { Sql } from "../../db/client";

export type FamilyMarking = { forFamily: boolean; recordedBy: string; recordedAt: Date };

/** A part of a meeting's record whose author decides whether the family receives it. */
export type MarkablePart = { part: "concern" | "family_views" | "child_views" } | { part: "section"; agencyId: string };

/** The parts that are the chair's to mark: everything but an agency's section. */
export type ChairPart = Exclude<MarkablePart["part"], "section">;

export type MeetingFamilyMarkings = {
  /** The chair's parts: the concern, and a conference's views. */
  chair: Partial<Record<ChairPart, FamilyMarking>>;
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
    chair: Object.fromEntries(rows.filter((row) => row.part !== "section").map((row) => [row.part, marking(row)])),
    sections: new Map(rows.filter((row) => row.part === "section" && row.agencyId).map((row) => [row.agencyId!, marking(row)])),
  };
}

/** Whether a part is marked for the family now: nothing marked is not. */
export function isForFamily(markings: MeetingFamilyMarkings, of: MarkablePart): boolean {
  return (of.part === "section" ? markings.sections.get(of.agencyId) : markings.chair[of.part])?.forFamily ?? false;
}

export async function markMeetingPart(sql: Sql, input: { meetingId: number; of: MarkablePart; forFamily: boolean; by: number; at: Date }) {
  const agencyId = input.of.part === "section" ? input.of.agencyId : null;
  await sql`
    insert into meeting_family_markings (meeting_id, part, agency_id, for_family, recorded_at, recorded_by)
    values (${input.meetingId}, ${input.of.part}, ${agencyId}, ${input.forFamily}, ${input.at}, ${input.by})`;
}
