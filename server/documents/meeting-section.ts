// An agency's information at a strategy meeting or conference, `case:<id>:meeting:<m>:agency:<agency>`, and the part
// it gives the meeting's chair and the agencies it names, the same name with `:chair`. Both exist only for an agency
// invited to the meeting.
import { meetingSectionResource } from "../access/resources";
import { listChairPartReaders, namedAgencyIds } from "../meetings/chair-part-readers";
import { agencyPattern, idPattern, type DocumentKind } from "./kind";

export type MeetingSectionName = { kind: "meeting-section"; caseId: number; meetingId: number; agencyId: string; chairOnly: boolean; name: string };

const pattern = new RegExp(`^case:${idPattern}:meeting:${idPattern}:agency:${agencyPattern}(:chair)?$`);

export const meetingSectionName = (caseId: number, meetingId: number, agencyId: string, chairOnly = false) =>
  `case:${caseId}:meeting:${meetingId}:agency:${agencyId}${chairOnly ? ":chair" : ""}`;

/** Every document of one meeting starts with this. */
export const meetingDocumentsPrefix = (caseId: number, meetingId: number) => `case:${caseId}:meeting:${meetingId}:`;

export const meetingSection: DocumentKind<MeetingSectionName> = {
  kind: "meeting-section",
  parse(name) {
    const match = pattern.exec(name);
    return match
      ? { kind: "meeting-section", caseId: Number(match[1]), meetingId: Number(match[2]), agencyId: match[3], chairOnly: !!match[4], name }
      : null;
  },
  async resolve(sql, name, facts) {
    const [meeting] = await sql<{ signedOff: boolean; chairUserId: string; inviteeUserIds: string[] }[]>`
      select m.signed_off_at is not null as "signedOff", m.chair_user_id as "chairUserId",
             (select array_agg(i.user_id) from meeting_invitees i where i.meeting_id = m.id) as "inviteeUserIds"
      from meetings m
      where m.id = ${name.meetingId} and m.case_id = ${name.caseId}
        and exists (select 1 from meeting_invitees i where i.meeting_id = m.id and i.agency_id = ${name.agencyId})`;
    if (!meeting) return null;
    const at = { agencyId: name.agencyId, signedOff: meeting.signedOff, chairUserId: Number(meeting.chairUserId), inviteeUserIds: meeting.inviteeUserIds.map(Number) };
    if (!name.chairOnly) return meetingSectionResource(facts, { ...at, chairOnly: false });
    // The part for the chair: read also by the agencies it names now, so a socket is re-judged on every change.
    const named = namedAgencyIds(await listChairPartReaders(sql, name.meetingId), name.agencyId);
    return meetingSectionResource(facts, { ...at, chairOnly: true, namedAgencyIds: named });
  },
};
