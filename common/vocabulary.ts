// The partnership's vocabulary, shared by the browser and the server: the kinds of agency and the roles people have.

export const agencyKinds = ["police", "health", "education", "social_care", "early_help", "partnership", "other"] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export const roles = ["practitioner", "manager", "screener", "chair", "partnership_manager", "administrator"] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, string> = {
  practitioner: "Practitioner",
  manager: "Team manager",
  screener: "Front-door screener",
  chair: "Child protection chair",
  partnership_manager: "Partnership manager",
  administrator: "Agency administrator",
};
