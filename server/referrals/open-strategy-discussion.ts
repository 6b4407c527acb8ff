// A strategy discussion authorised at the front door becomes work (decision 036): the case (the one the contact was
// linked to, or a new one with the contact's children and family) with the agencies that screened it, and the
// strategy discussion convened through the meetings' own function, chaired by the authorising manager. Runs inside
// the authorisation's transaction.
import type { Sql } from "../../db/client";
import { todayInEngland } from "../../common/forms/dates";
import { joinCase, openCase } from "../cases/open-case";
import { conveneMeeting } from "../meetings/meetings";
import { matchStanding } from "./contact-matches";

export type StrategyDiscussionInput = {
  contactId: number;
  managerUserId: number;
  managerAgencyId: string;
  proposerUserId: number;
  concern: string;
  heldOn: string;
  heldAt: Date;
  at: Date;
};

/**
 * The open case the contact was linked to when it was matched (decision 035), if any: the case of the first child
 * linked (the children in the referral's order, so the subject's when the subject is linked). A closed case is not
 * reopened by a decision: a new one is opened, and the match stays as the history.
 */
export async function linkedCaseOf(sql: Sql, contactId: number): Promise<number | null> {
  const { linkedCaseIds } = await matchStanding(sql, contactId);
  if (!linkedCaseIds.length) return null;
  const open = new Set((await sql<{ id: string }[]>`select id from cases where id in ${sql(linkedCaseIds)} and status = 'open'`).map((row) => Number(row.id)));
  return linkedCaseIds.find((id) => open.has(id)) ?? null;
}

/** A case's reference, or null for no case. */
export async function caseReferenceOf(sql: Sql, caseId: number | null): Promise<string | null> {
  if (caseId === null) return null;
  const [row] = await sql<{ reference: string }[]>`select reference from cases where id = ${caseId}`;
  return row?.reference ?? null;
}

/**
 * The agencies of the screening team who worked the contact: the referrer's, those who rated it, recorded its
 * consent, proposed its decision or were asked for a check, and the police and health agencies whose screeners sit on
 * the front door (a strategy discussion needs both).
 */
export async function screeningAgenciesOf(sql: Sql, contactId: number): Promise<string[]> {
  const rows = await sql<{ agency_id: string }[]>`
    select referrer_agency_id as agency_id from contacts where id = ${contactId}
    union select by_agency_id from contact_ratings where contact_id = ${contactId}
    union select by_agency_id from contact_consent where contact_id = ${contactId}
    union select by_agency_id from contact_decisions where contact_id = ${contactId}
    union select agency_id from contact_checks where contact_id = ${contactId}
    union select distinct u.agency_id from users u join agencies a on a.id = u.agency_id
           where u.active and u.role = 'screener' and a.kind in ('police', 'health')`;
  return rows.map((row) => row.agency_id);
}

export async function openStrategyDiscussion(tx: Sql, input: StrategyDiscussionInput): Promise<{ caseId: number; meetingId: number }> {
  const [contact] = await tx<{ referrer_agency_id: string; agency_name: string }[]>`
    select c.referrer_agency_id, a.name as agency_name from contacts c join agencies a on a.id = c.referrer_agency_id where c.id = ${input.contactId}`;
  const agencyIds = (await screeningAgenciesOf(tx, input.contactId)).filter((id) => id !== input.managerAgencyId);
  const [proposer] = await tx<{ job_title: string }[]>`select job_title from users where id = ${input.proposerUserId}`;
  const members = [
    { userId: input.managerUserId, roleOnCase: "Team manager (authorised the strategy discussion)", isLead: false },
    { userId: input.proposerUserId, roleOnCase: `${proposer?.job_title || "Screener"} (front door)`, isLead: false },
  ];
  let caseId = await linkedCaseOf(tx, input.contactId);
  if (caseId === null) {
    const children = await tx<{ full_name: string; date_of_birth: string | null; expected_on: string | null; address: string; school: string }[]>`
      select full_name, date_of_birth::text as date_of_birth, expected_on::text as expected_on, address, school
        from contact_children where contact_id = ${input.contactId} order by id`;
    const household = await tx<{ full_name: string; relationship: string; lives_with_child: boolean; date_of_birth: string | null }[]>`
      select full_name, relationship, lives_with_child, date_of_birth::text as date_of_birth
        from contact_household_members where contact_id = ${input.contactId} order by id`;
    const home = children[0]?.address ?? "";
    ({ caseId } = await openCase(tx, {
      openedOn: todayInEngland(input.at),
      agencies: [{ agencyId: input.managerAgencyId, isLead: true }, ...agencyIds.map((agencyId) => ({ agencyId, isLead: false }))],
      members,
      people: [
        ...children.map((child, index) => ({
          kind: "child" as const,
          isSubject: index === 0,
          fullName: child.full_name,
          dateOfBirth: child.date_of_birth,
          relationship: [index === 0 ? "" : "Sibling", child.expected_on ? `unborn, expected ${child.expected_on}` : ""].filter(Boolean).join(", "),
          address: child.address,
          school: child.school,
        })),
        ...household.map((member) => ({
          kind: "family" as const,
          isSubject: false,
          fullName: member.full_name,
          dateOfBirth: member.date_of_birth,
          relationship: member.relationship,
          address: member.lives_with_child ? home : "",
          school: "",
        })),
      ],
      by: input.managerUserId,
      at: input.at,
    }));
  } else {
    await joinCase(tx, { caseId, agencyIds: [input.managerAgencyId, ...agencyIds], members, by: input.managerUserId, at: input.at });
  }
  const { id: meetingId } = await conveneMeeting(tx, {
    caseId,
    kind: "discussion",
    heldAt: input.heldAt,
    heldOn: input.heldOn,
    how: "telephone",
    concern: `From the front door, referral R-${input.contactId} (${contact.agency_name}): ${input.concern}`.slice(0, 5000),
    chairUserId: input.managerUserId,
    inviteeUserIds: [...new Set(members.map((member) => member.userId))],
    convenedBy: input.managerUserId,
    at: input.at,
  });
  return { caseId, meetingId };
}
