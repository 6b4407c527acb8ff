// What the team page shows beside the team itself: the "are you sure" step of a removal, and the banner after a change.
import { caseTeamMessages, type CandidateAgency, type CandidateProfessional } from "../../../server/cases/case-team";
import type { CaseAgency, CaseMember } from "../../../server/cases/get-front-sheet";

export type Confirmation =
  | { kind: "member"; id: string; name: string; detail: string; alsoRemoved: string[] }
  | { kind: "agency"; id: string; name: string; detail: string; alsoRemoved: string[] }
  | { problem: string };

/** The "are you sure" step for `?remove-member=` or `?remove-agency=`, offered only for what may be removed. */
export function confirmRemoval(search: URLSearchParams, members: CaseMember[], agencies: CaseAgency[]): Confirmation | null {
  const memberParam = search.get("remove-member");
  if (memberParam !== null) {
    const member = members.find((candidate) => String(candidate.userId) === memberParam);
    if (!member) return { problem: caseTeamMessages.notMember };
    if (member.isLead) return { problem: caseTeamMessages.lead(member.fullName) };
    return {
      kind: "member",
      id: String(member.userId),
      name: member.fullName,
      detail: `${member.roleOnCase}, ${member.agencyName}`,
      alsoRemoved: [],
    };
  }
  const agencyParam = search.get("remove-agency");
  if (agencyParam !== null) {
    const agency = agencies.find((candidate) => candidate.id === agencyParam);
    if (!agency) return { problem: caseTeamMessages.agencyNotOnCase };
    if (agency.isLead) return { problem: caseTeamMessages.leadAgency(agency.name) };
    const staff = members.filter((member) => member.agencyId === agency.id);
    const lead = staff.find((member) => member.isLead);
    if (lead) return { problem: caseTeamMessages.agencyHasLead(agency.name, lead.fullName) };
    return { kind: "agency", id: agency.id, name: agency.name, detail: "", alsoRemoved: staff.map((member) => member.fullName) };
  }
  return null;
}

/** The banner after a change: the page is reached by a redirect, so the change is named in the address, by id only. */
export function successMessage(
  search: URLSearchParams,
  members: CaseMember[],
  agencies: CaseAgency[],
  candidates: CandidateProfessional[],
  candidateAgencies: CandidateAgency[],
): string | null {
  const addedMember = search.get("added-member");
  if (addedMember !== null) {
    const member = members.find((candidate) => String(candidate.userId) === addedMember);
    return member
      ? `${member.fullName} (${member.agencyName}) has been added to the case and can open it now`
      : "The professional has been added to the case";
  }
  const removedMember = search.get("removed-member");
  if (removedMember !== null) {
    const person = candidates.find((candidate) => String(candidate.userId) === removedMember);
    return `${person?.fullName ?? "The professional"} has been removed from the case. Their access has ended`;
  }
  const addedAgency = search.get("added-agency");
  if (addedAgency !== null) {
    const agency = agencies.find((candidate) => candidate.id === addedAgency);
    return `${agency?.name ?? "The agency"} has been added to the case`;
  }
  const removedAgency = search.get("removed-agency");
  if (removedAgency !== null) {
    const agency = candidateAgencies.find((candidate) => candidate.id === removedAgency);
    return `${agency?.name ?? "The agency"} and its professionals have been removed from the case. Their access has ended`;
  }
  return null;
}
