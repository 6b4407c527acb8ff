// The kinds of meeting the portal records, in the same tables and on the same page: strategy meetings and telephone
// strategy discussions, and the child protection conferences built on them (initial and review).

export const meetingKinds = ["meeting", "discussion", "initial_conference", "review_conference"] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export type ConferenceKind = Extract<MeetingKind, "initial_conference" | "review_conference">;

export const meetingKindNames: Record<MeetingKind, string> = {
  meeting: "Strategy meeting",
  discussion: "Strategy discussion",
  initial_conference: "Initial child protection conference",
  review_conference: "Review child protection conference",
};

export function isConference(kind: MeetingKind): kind is ConferenceKind {
  return kind === "initial_conference" || kind === "review_conference";
}

/** How a meeting is held. */
export const howNames = { in_person: "In person", video: "Video call", telephone: "Telephone" } as const;
