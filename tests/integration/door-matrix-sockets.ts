// The door matrix's rows for live documents and socket.io rooms: each kind of collaboration document the registry
// knows and each kind of room, who must be refused there and one insider who gets in. door-matrix.test.ts fails for a
// kind without its rows here, and knocks on every door listed.
import type { Outsider } from "./door-matrix-routes";

// ---------------------------------------------------------------------------------------------------------------
// Collaboration document kinds: one row set per kind in the registry (server/documents/registry.ts); a meeting's part
// for the chair is a kind of its own here, as its readers differ. `example` is a name of that kind that exists in
// the setup of door-matrix.test.ts; `{meeting}` is the meeting made there. Outsiders get the upgrade's status: 401
// signed out, 404 for a record they may not know exists.
// ---------------------------------------------------------------------------------------------------------------
export type DocumentDoors = { kind: string; example: string; insider: string; outsiders: [who: Outsider, status: number][] };

export const documentDoors: DocumentDoors[] = [
  // The partnership manager is on no case and has given no reason to open one (decision 039).
  { kind: "case-notes", example: "case:1:notes", insider: "education", outsiders: [["signed out", 401], ["gp", 404], ["partnershipAdmin", 404], ["partnershipManager", 404]] },
  { kind: "map", example: "case:1:map:1", insider: "health", outsiders: [["signed out", 401], ["gp", 404], ["partnershipAdmin", 404]] },
  {
    kind: "agency-notes",
    example: "case:1:agency:kestrel-vale-police:notes",
    insider: "socialWorker",
    outsiders: [["signed out", 401], ["gp", 404], ["education", 404], ["health", 404], ["policeAdmin", 404]],
  },
  {
    kind: "meeting-section",
    example: "case:1:meeting:{meeting}:agency:kestrel-vale-police",
    insider: "health",
    // Education is on the case but not invited to this meeting.
    outsiders: [["signed out", 401], ["gp", 404], ["education", 404]],
  },
  {
    kind: "meeting-section:chair",
    example: "case:1:meeting:{meeting}:agency:kestrel-vale-police:chair",
    insider: "chair",
    // Health is invited, but the police's part for the chair is the police's and this meeting's chair's alone.
    outsiders: [["signed out", 401], ["gp", 404], ["education", 404], ["health", 404], ["socialWorker", 404]],
  },
  // Lily's plan (the demo seed's): its contingency plan is co-edited by the professionals on the case.
  { kind: "plan", example: "case:1:plan", insider: "police", outsiders: [["signed out", 401], ["gp", 404], ["partnershipAdmin", 404]] },
  // The core group made in setup (the next of Lily's plan, after the demo's first): its members are the lead social
  // worker, police, health and the school; the chair works on the case but is not a member.
  {
    kind: "core-group-notes",
    example: "case:1:core-group:{coregroup}:notes",
    insider: "education",
    outsiders: [["signed out", 401], ["gp", 404], ["chair", 404], ["partnershipAdmin", 404]],
  },
  // On the school's sent referral: the police's check, restricted to the police and the deciding managers; the front
  // door's map, the screening team's. The school referred but does not screen.
  {
    kind: "contact-check",
    example: "contact:{sentreferral}:check:kestrel-vale-police",
    insider: "policeScreener",
    outsiders: [["signed out", 401], ["education", 404], ["healthScreener", 404], ["screener", 404], ["police", 404]],
  },
  { kind: "contact-map", example: "contact:{sentreferral}:map", insider: "healthScreener", outsiders: [["signed out", 401], ["education", 404], ["police", 404], ["partnershipManager", 404]] },
];

// ---------------------------------------------------------------------------------------------------------------
// socket.io room kinds (server/realtime/socket-server.ts): its own rooms, and every document kind above as a room
// (who has that document open), judged as the document is. Signed out, no socket.io connection is made at all.
// ---------------------------------------------------------------------------------------------------------------
export type RoomKind = { kind: string; example: string; insider: string; outsiders: Outsider[] };

export const roomKinds: RoomKind[] = [
  { kind: "caseRoom", example: "case:1", insider: "education", outsiders: ["signed out", "gp", "partnershipAdmin", "partnershipManager"] },
  { kind: "meetingRoom", example: "case:1:meeting:{meeting}", insider: "education", outsiders: ["signed out", "gp"] },
  // The front door's queue: the screening team's; the school refers but does not screen.
  { kind: "frontDoorRoom", example: "front-door", insider: "educationScreener", outsiders: ["signed out", "education", "police", "partnershipAdmin"] },
  // The oversight pages: partnership managers, and each agency's managers for their own part.
  { kind: "oversightRoom", example: "oversight", insider: "partnershipManager", outsiders: ["signed out", "police", "partnershipAdmin", "chair"] },
  { kind: "userRoom", example: "user:{user:health}", insider: "health", outsiders: ["signed out", "police", "healthAdmin"] },
  // An agency's people pages (its sign-in activity): that agency's administrators only.
  { kind: "peopleRoom", example: "people:sandmere-community-health", insider: "healthAdmin", outsiders: ["signed out", "health", "policeAdmin", "partnershipManager"] },
  ...documentDoors.map((document) => ({
    kind: `document:${document.kind}`,
    example: document.example,
    insider: document.insider,
    outsiders: document.outsiders.map(([who]) => who),
  })),
];
