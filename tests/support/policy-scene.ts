// The scene the access-policy tests (tests/unit/policy*.test.ts) are written against: the partnership's agencies,
// people of a role and agency, a case's facts and a record on it. Each person gets a fresh id.
import type { Actor, AgencyKind, CaseFacts, Resource, Role } from "../../server/access/policy";

// Agencies of the fictional Sandmere partnership (DOMAIN.md).
export const police = { id: "kestrel-vale-police", kind: "police" } as const;
export const socialCare = { id: "sandmere-childrens-services", kind: "social_care" } as const;
export const health = { id: "sandmere-community-health", kind: "health" } as const;
export const school = { id: "larkfield-primary", kind: "education" } as const;
export const partnership = { id: "sandmere-partnership", kind: "partnership" } as const;
export type Agency = { id: string; kind: AgencyKind };

let nextUserId = 100;
export function person(role: Role, agency: Agency): Actor {
  return { id: nextUserId++, agencyId: agency.id, agencyKind: agency.kind, role };
}

export function caseFacts(
  opts: { members?: Actor[]; leads?: Actor[]; agencies?: Agency[]; status?: "open" | "closed"; oversight?: Actor[] } = {},
): CaseFacts {
  return {
    caseId: 42,
    status: opts.status ?? "open",
    memberUserIds: [...(opts.members ?? []), ...(opts.leads ?? [])].map((member) => member.id),
    leadUserIds: (opts.leads ?? []).map((member) => member.id),
    agencyIds: (opts.agencies ?? [police, socialCare]).map((agency) => agency.id),
    oversightUserIds: (opts.oversight ?? []).map((manager) => manager.id),
  };
}

export const theCase = (facts: CaseFacts): Resource => ({ type: "case", case: facts });

export function record(
  facts: CaseFacts,
  opts: {
    author?: Agency;
    visibility?: "shared" | "restricted";
    sharedWith?: Agency[];
    notForFamily?: boolean;
    state?: "open" | "signed-off";
  } = {},
): Resource {
  return {
    type: "record",
    case: facts,
    authorAgencyId: (opts.author ?? police).id,
    visibility: opts.visibility ?? "shared",
    sharedWithAgencyIds: (opts.sharedWith ?? []).map((agency) => agency.id),
    notForFamily: opts.notForFamily ?? false,
    state: opts.state ?? "open",
  };
}
