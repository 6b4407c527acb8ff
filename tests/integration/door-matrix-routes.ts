// The door matrix's rows for every route module in app/routes: who must be turned away there, how, and one insider who
// gets in. Keyed by the module's name; door-matrix.test.ts fails for a route module without its entry here, and
// knocks on every door listed.

// ---------------------------------------------------------------------------------------------------------------
// Route modules. Each page is GET; each action POST. `as`: a demo person's key (db/seed.ts), or "signed out".
// Lily's case is 1, her first map 1; the GP works on Jayden's case (2) only; education is on Lily's case, outside the
// police's restricted notes and not invited to the meeting made in setup. 404 where the person may not know the
// thing exists; 403 where the route tells someone who may read it that they may not change it.
// ---------------------------------------------------------------------------------------------------------------
export type Outsider = "signed out" | string;
export type Door = {
  as: Outsider;
  method: "GET" | "POST";
  path: string;
  form?: Record<string, string>;
  status: number;
  /** Where a redirect sends them; `toSignIn`: to sign in, coming back to this path afterwards. */
  location?: string;
  toSignIn?: boolean;
};
export type RouteEntry = {
  /** Set for pages anyone may reach: why. Their doors are checked all the same. */
  public?: string;
  /** A route without a loader or an action: why it has no door of its own. */
  noDoor?: string;
  /** Set when every signed-in person may use the route (their own things): why no signed-in outsider row. */
  everyoneSignedIn?: string;
  /** Someone who gets in by GET, and with what status (proves the path is a real door). */
  insider?: { as: string; path: string; status: number };
  doors: Door[];
};

const signedOut = (path: string, method: "GET" | "POST" = "GET", form: Record<string, string> = {}): Door => ({
  as: "signed out",
  method,
  path,
  form,
  status: 302,
  toSignIn: true,
});
const refused = (as: string, path: string, status: 403 | 404, method: "GET" | "POST" = "GET", form: Record<string, string> = {}): Door => ({
  as,
  method,
  path,
  form,
  status,
});

const MAP = "/cases/1/maps/1";
const MEETING = "/cases/1/meetings/{meeting}";
const POLICE_NOTES = "/cases/1/restricted/kestrel-vale-police";
/** Lily's plan, from the demo seed: its first outcome and first action are 1 in the fresh database of each run. */
const PLAN = "/cases/1/plan";
/** The core group made in setup of door-matrix.test.ts, the first of the run: Lily's lead social worker, police, health, the school. */
const CORE_GROUP = "/cases/1/core-groups/{coregroup}";
const words = { seenOnDay: "18", seenOnMonth: "11", seenOnYear: "2026", seenAlone: "yes", worries: "x", goodThings: "", dreams: "" };

export const routeDoors: Record<string, RouteEntry> = {
  "$": {
    public: "the not-found page: every address that is no page is 404, signed in or not",
    doors: [
      { as: "signed out", method: "GET", path: "/no-such-page", status: 404 },
      { as: "police", method: "GET", path: "/cases/1/no-such-page", status: 404 },
    ],
  },
  "_index": {
    everyoneSignedIn: "Your work: each person's own",
    insider: { as: "gp", path: "/", status: 200 },
    doors: [signedOut("/")],
  },
  "account.password": {
    everyoneSignedIn: "each person changes their own password",
    insider: { as: "gp", path: "/account/password", status: 200 },
    doors: [signedOut("/account/password"), signedOut("/account/password", "POST")],
  },
  "account.sessions": {
    everyoneSignedIn: "each person's own sessions; someone else's session is the POST row below",
    insider: { as: "gp", path: "/account/sessions", status: 200 },
    doors: [
      signedOut("/account/sessions"),
      signedOut("/account/sessions", "POST", { intent: "sign-out-one", sessionId: "{session:health}" }),
      // Someone else's session id is refused as one that does not exist.
      { ...refused("police", "/account/sessions", 404, "POST", { intent: "sign-out-one", sessionId: "{session:health}" }), status: 400 },
    ],
  },
  "cases.$caseId._index": {
    insider: { as: "education", path: "/cases/1", status: 200 },
    doors: [
      signedOut("/cases/1"),
      refused("gp", "/cases/1", 404),
      refused("partnershipAdmin", "/cases/1", 404),
      refused("education", "/cases/2", 404),
      // A partnership manager not on the case is asked why they need to open it (decision 039); every other page of
      // the case is a 404 to them until they have said.
      { as: "partnershipManager", method: "GET", path: "/cases/1", status: 302, location: "/cases/1/oversight-access" },
      refused("partnershipManager", "/cases/1/map", 404),
    ],
  },
  "cases.$caseId_.oversight-access": {
    insider: { as: "partnershipManager", path: "/cases/1/oversight-access", status: 200 },
    doors: [
      signedOut("/cases/1/oversight-access"),
      signedOut("/cases/1/oversight-access", "POST", { reason: "To check the partnership's work on this case" }),
      refused("gp", "/cases/1/oversight-access", 404),
      refused("gp", "/cases/1/oversight-access", 404, "POST", { reason: "To check the partnership's work on this case" }),
      refused("partnershipAdmin", "/cases/1/oversight-access", 404),
      refused("education", "/cases/2/oversight-access", 404),
      refused("partnershipManager", "/cases/999999/oversight-access", 404),
      // Someone who already reads the case is sent to it; nothing is recorded.
      { as: "police", method: "GET", path: "/cases/1/oversight-access", status: 302, location: "/cases/1" },
      { as: "education", method: "POST", path: "/cases/1/oversight-access", form: { reason: "To check the partnership's work on this case" }, status: 302, location: "/cases/1" },
      // A reason of one character opens nothing (a valid one here would open the case for the rows above).
      { as: "partnershipManager", method: "POST", path: "/cases/1/oversight-access", form: { reason: "x" }, status: 400 },
    ],
  },
  "cases.$caseId": {
    noDoor: "the case's layout: no loader or action; each page inside it is a door of its own",
    doors: [],
  },
  // Who viewed and changed a child's record (decision 042): a case's trail for managers of an agency on the case (and
  // partnership managers who read the case); the partnership's for partnership managers. Each download as its page.
  "cases.$caseId_.audit": {
    insider: { as: "teamManager", path: "/cases/1/audit", status: 200 },
    doors: [
      signedOut("/cases/1/audit"),
      refused("socialWorker", "/cases/1/audit", 404),
      refused("earlyHelpManager", "/cases/1/audit", 404),
      refused("partnershipAdmin", "/cases/1/audit", 404),
      refused("teamManager", "/cases/999999/audit", 404),
    ],
  },
  "cases.$caseId.audit_.csv": {
    insider: { as: "teamManager", path: "/cases/1/audit/csv", status: 200 },
    doors: [
      signedOut("/cases/1/audit/csv"),
      refused("police", "/cases/1/audit/csv", 404),
      refused("earlyHelpManager", "/cases/1/audit/csv", 404),
      refused("partnershipAdmin", "/cases/1/audit/csv", 404),
    ],
  },
  "oversight.audit": {
    insider: { as: "partnershipManager", path: "/oversight/audit", status: 200 },
    doors: [signedOut("/oversight/audit"), refused("teamManager", "/oversight/audit", 404), refused("partnershipAdmin", "/oversight/audit", 404)],
  },
  "oversight.audit_.csv": {
    insider: { as: "partnershipManager", path: "/oversight/audit/csv", status: 200 },
    doors: [signedOut("/oversight/audit/csv"), refused("teamManager", "/oversight/audit/csv", 404), refused("health", "/oversight/audit/csv", 404)],
  },
  "cases.$caseId.child-voice": {
    insider: { as: "education", path: "/cases/1/child-voice", status: 200 },
    doors: [
      signedOut("/cases/1/child-voice"),
      signedOut("/cases/1/child-voice", "POST", words),
      refused("gp", "/cases/1/child-voice", 404),
      refused("gp", "/cases/1/child-voice", 404, "POST", words),
      refused("partnershipManager", "/cases/1/child-voice", 404, "POST", words),
    ],
  },
  "cases.$caseId.map": {
    insider: { as: "health", path: "/cases/1/map", status: 302 },
    doors: [signedOut("/cases/1/map"), refused("gp", "/cases/1/map", 404), refused("partnershipAdmin", "/cases/1/map", 404)],
  },
  "cases.$caseId.core-groups.$coreGroupId._index": {
    insider: { as: "health", path: CORE_GROUP, status: 200 },
    doors: [
      signedOut(CORE_GROUP),
      signedOut(CORE_GROUP, "POST", { intent: "attendance" }),
      refused("gp", CORE_GROUP, 404),
      refused("gp", CORE_GROUP, 404, "POST", { intent: "attendance" }),
      refused("socialWorker", "/cases/1/core-groups/999999", 404),
      // A member, but signing off is the lead social worker's.
      refused("police", CORE_GROUP, 403, "POST", { intent: "sign-off" }),
    ],
  },
  "cases.$caseId.core-groups.$coreGroupId.notes.$version": {
    insider: { as: "health", path: `${CORE_GROUP}/notes/family`, status: 200 },
    doors: [
      signedOut(`${CORE_GROUP}/notes/full`),
      refused("gp", `${CORE_GROUP}/notes/full`, 404),
      // On the case, but not a member of the core group: its notes are its members'.
      refused("chair", `${CORE_GROUP}/notes/full`, 404),
      refused("chair", `${CORE_GROUP}/notes/family`, 404),
      refused("partnershipAdmin", `${CORE_GROUP}/notes/full`, 404),
      refused("socialWorker", `${CORE_GROUP}/notes/other`, 404),
    ],
  },
  "cases.$caseId.core-groups.$coreGroupId.history": {
    insider: { as: "health", path: `${CORE_GROUP}/history`, status: 200 },
    doors: [
      signedOut(`${CORE_GROUP}/history`),
      refused("gp", `${CORE_GROUP}/history`, 404),
      // On the case, but not a member of the core group: its notes, and their history, are its members'.
      refused("chair", `${CORE_GROUP}/history`, 404),
      refused("chair", `${CORE_GROUP}/history?at=1`, 404),
      refused("partnershipAdmin", `${CORE_GROUP}/history`, 404),
      refused("socialWorker", "/cases/1/core-groups/999999/history", 404),
    ],
  },
  "cases.$caseId.core-groups.new": {
    insider: { as: "socialWorker", path: "/cases/1/core-groups/new", status: 200 },
    doors: [
      signedOut("/cases/1/core-groups/new"),
      signedOut("/cases/1/core-groups/new", "POST", { intent: "schedule" }),
      refused("gp", "/cases/1/core-groups/new", 404),
      refused("gp", "/cases/1/core-groups/new", 404, "POST", { intent: "schedule" }),
      // On the case and a member of its core groups, but scheduling them is the lead social worker's.
      refused("police", "/cases/1/core-groups/new", 403),
      refused("police", "/cases/1/core-groups/new", 403, "POST", { intent: "schedule" }),
      // Jayden's case has no plan.
      refused("socialWorker", "/cases/2/core-groups/new", 404),
    ],
  },
  "cases.$caseId.maps._index": {
    insider: { as: "health", path: "/cases/1/maps", status: 200 },
    doors: [
      signedOut("/cases/1/maps"),
      signedOut("/cases/1/maps", "POST", { heldOnDay: "1", heldOnMonth: "12", heldOnYear: "2026" }),
      refused("gp", "/cases/1/maps", 404),
      refused("gp", "/cases/1/maps", 404, "POST", { heldOnDay: "1", heldOnMonth: "12", heldOnYear: "2026" }),
      refused("partnershipManager", "/cases/1/maps", 404, "POST", { heldOnDay: "1", heldOnMonth: "12", heldOnYear: "2026" }),
    ],
  },
  "cases.$caseId.maps.$mapId._index": {
    insider: { as: "health", path: MAP, status: 200 },
    doors: [
      signedOut(MAP),
      signedOut(MAP, "POST", { score: "4", reasons: "x" }),
      refused("gp", MAP, 404),
      refused("gp", "/cases/2/maps/1", 404),
      refused("gp", MAP, 404, "POST", { score: "4", reasons: "x" }),
      refused("partnershipManager", MAP, 404, "POST", { score: "4", reasons: "x" }),
    ],
  },
  "cases.$caseId.maps.$mapId.history": {
    insider: { as: "health", path: `${MAP}/history`, status: 200 },
    doors: [signedOut(`${MAP}/history`), refused("gp", `${MAP}/history`, 404), refused("gp", `${MAP}/history?at=1`, 404)],
  },
  "cases.$caseId.maps.$mapId.print._index": {
    insider: { as: "health", path: `${MAP}/print`, status: 200 },
    doors: [signedOut(`${MAP}/print`), refused("gp", `${MAP}/print`, 404), refused("partnershipAdmin", `${MAP}/print`, 404)],
  },
  "cases.$caseId.maps.$mapId.print.family": {
    insider: { as: "health", path: `${MAP}/print/family`, status: 200 },
    doors: [
      signedOut(`${MAP}/print/family`),
      signedOut(`${MAP}/print/family`, "POST", { forFamily: "yes" }),
      refused("gp", `${MAP}/print/family`, 404),
      refused("gp", `${MAP}/print/family`, 404, "POST", { forFamily: "yes" }),
      refused("partnershipAdmin", `${MAP}/print/family`, 404),
      // Reads the map, but writes none of its words: whether they go to the family is not theirs to say.
      refused("partnershipManager", `${MAP}/print/family`, 404, "POST", { forFamily: "yes" }),
    ],
  },
  "cases.$caseId.meetings.$meetingId._index": {
    insider: { as: "health", path: MEETING, status: 200 },
    doors: [
      signedOut(MEETING),
      signedOut(MEETING, "POST", { intent: "attendance" }),
      refused("gp", MEETING, 404),
      refused("gp", MEETING, 404, "POST", { intent: "attendance" }),
      // The chair's decisions are the chair's.
      refused("police", MEETING, 403, "POST", { intent: "sign-off" }),
    ],
  },
  "cases.$caseId.meetings.$meetingId.conference": {
    // The meeting made in setup is not signed off: the chair gets through every guard to be told so (409).
    insider: { as: "chair", path: `${MEETING}/conference`, status: 409 },
    doors: [
      signedOut(`${MEETING}/conference`),
      signedOut(`${MEETING}/conference`, "POST", { heldOnDay: "1" }),
      refused("gp", `${MEETING}/conference`, 404),
      refused("gp", `${MEETING}/conference`, 404, "POST", { heldOnDay: "1" }),
      refused("partnershipAdmin", `${MEETING}/conference`, 404),
      // On the case, but convening a conference is for social care's chairs and team managers.
      refused("police", `${MEETING}/conference`, 403),
      refused("socialWorker", `${MEETING}/conference`, 403, "POST", { heldOnDay: "1" }),
    ],
  },
  "cases.$caseId.meetings.$meetingId.family-version": {
    insider: { as: "chair", path: `${MEETING}/family-version`, status: 200 },
    doors: [
      signedOut(`${MEETING}/family-version`),
      refused("gp", `${MEETING}/family-version`, 404),
      refused("partnershipAdmin", `${MEETING}/family-version`, 404),
      // Invited and reading the record, but checking what the family will receive is the chair's.
      refused("health", `${MEETING}/family-version`, 403),
      refused("partnershipManager", `${MEETING}/family-version`, 404),
    ],
  },
  "cases.$caseId.meetings.$meetingId.minutes._index": {
    insider: { as: "health", path: `${MEETING}/minutes`, status: 200 },
    doors: [signedOut(`${MEETING}/minutes`), refused("gp", `${MEETING}/minutes`, 404), refused("partnershipAdmin", `${MEETING}/minutes`, 404)],
  },
  "cases.$caseId.meetings.$meetingId.minutes.family": {
    insider: { as: "health", path: `${MEETING}/minutes/family`, status: 200 },
    doors: [signedOut(`${MEETING}/minutes/family`), refused("gp", `${MEETING}/minutes/family`, 404)],
  },
  "cases.$caseId.meetings.new-review": {
    // Lily's plan, from the demo seed, is active: the chair may convene its review.
    insider: { as: "chair", path: "/cases/1/meetings/new-review", status: 200 },
    doors: [
      signedOut("/cases/1/meetings/new-review"),
      signedOut("/cases/1/meetings/new-review", "POST", { heldOnDay: "1" }),
      refused("gp", "/cases/1/meetings/new-review", 404),
      refused("gp", "/cases/1/meetings/new-review", 404, "POST", { heldOnDay: "1" }),
      refused("partnershipAdmin", "/cases/1/meetings/new-review", 404),
      refused("health", "/cases/1/meetings/new-review", 403),
      refused("police", "/cases/1/meetings/new-review", 403, "POST", { heldOnDay: "1" }),
    ],
  },
  "cases.$caseId.meetings.new": {
    insider: { as: "chair", path: "/cases/1/meetings/new", status: 200 },
    doors: [
      signedOut("/cases/1/meetings/new"),
      signedOut("/cases/1/meetings/new", "POST", { kind: "meeting" }),
      refused("gp", "/cases/1/meetings/new", 404),
      refused("gp", "/cases/1/meetings/new", 404, "POST", { kind: "meeting" }),
      refused("socialWorker", "/cases/1/meetings/new", 403),
      refused("police", "/cases/1/meetings/new", 403, "POST", { kind: "meeting" }),
    ],
  },
  "cases.$caseId.notes.history": {
    insider: { as: "education", path: "/cases/1/notes/history", status: 200 },
    doors: [signedOut("/cases/1/notes/history"), refused("gp", "/cases/1/notes/history", 404), refused("partnershipAdmin", "/cases/1/notes/history", 404)],
  },
  "cases.$caseId.people.new": {
    insider: { as: "socialWorker", path: "/cases/1/people/new", status: 200 },
    doors: [
      signedOut("/cases/1/people/new"),
      signedOut("/cases/1/people/new", "POST", { fullName: "x" }),
      refused("gp", "/cases/1/people/new", 404),
      refused("gp", "/cases/1/people/new", 404, "POST", { fullName: "x" }),
      refused("partnershipManager", "/cases/1/people/new", 404),
      refused("partnershipManager", "/cases/1/people/new", 404, "POST", { fullName: "x" }),
    ],
  },
  // Proposing a step down or up (decision 038): the case's lead of the team the work leaves, or its manager; a reader
  // who may not is told so (403), anyone else 404.
  "cases.$caseId.transitions.new": {
    insider: { as: "socialWorker", path: "/cases/2/transitions/new", status: 200 },
    doors: [
      signedOut("/cases/2/transitions/new"),
      signedOut("/cases/2/transitions/new", "POST", { direction: "step_down" }),
      refused("education", "/cases/2/transitions/new", 404),
      refused("education", "/cases/2/transitions/new", 404, "POST", { direction: "step_down" }),
      refused("gp", "/cases/2/transitions/new", 403),
      refused("gp", "/cases/2/transitions/new", 403, "POST", { direction: "step_down", toAgencyId: "sandmere-early-help", rationale: "x" }),
      refused("partnershipManager", "/cases/2/transitions/new", 404, "POST", { direction: "step_down", toAgencyId: "sandmere-early-help", rationale: "x" }),
    ],
  },
  // A transition (Jayden's step down, made in setup): read by its proposer, the receiving managers and the case's
  // readers; answered only by the receiving managers.
  "transitions.$transitionId": {
    insider: { as: "earlyHelpManager", path: "/transitions/{transition}", status: 200 },
    doors: [
      signedOut("/transitions/{transition}"),
      signedOut("/transitions/{transition}", "POST", { answer: "declined", reason: "x" }),
      refused("education", "/transitions/{transition}", 404),
      refused("education", "/transitions/{transition}", 404, "POST", { answer: "declined", reason: "x" }),
      refused("earlyHelpWorker", "/transitions/{transition}", 404),
      refused("gp", "/transitions/{transition}", 403, "POST", { answer: "declined", reason: "x" }),
      refused("teamManager", "/transitions/{transition}", 403, "POST", { answer: "declined", reason: "x" }),
    ],
  },
  "cases.$caseId.plan._index": {
    insider: { as: "education", path: PLAN, status: 200 },
    doors: [
      signedOut(PLAN),
      signedOut(PLAN, "POST", { intent: "add-outcome", wording: "x" }),
      refused("gp", PLAN, 404),
      refused("gp", PLAN, 404, "POST", { intent: "add-outcome", wording: "x" }),
      refused("partnershipAdmin", PLAN, 404),
      // On the case and reading the plan, but its outcomes and actions are the lead social worker's to change.
      refused("police", PLAN, 403, "POST", { intent: "add-outcome", wording: "x" }),
      refused("partnershipManager", PLAN, 404, "POST", { intent: "add-outcome", wording: "x" }),
      // Jayden's case has no plan to change.
      refused("socialWorker", "/cases/2/plan", 404, "POST", { intent: "add-outcome", wording: "x" }),
    ],
  },
  "cases.$caseId.plan.actions.$actionId": {
    insider: { as: "socialWorker", path: `${PLAN}/actions/1`, status: 200 },
    doors: [
      signedOut(`${PLAN}/actions/1`),
      signedOut(`${PLAN}/actions/1`, "POST", { what: "x" }),
      refused("gp", `${PLAN}/actions/1`, 404),
      refused("gp", `${PLAN}/actions/1`, 404, "POST", { what: "x" }),
      refused("health", `${PLAN}/actions/1`, 403),
      refused("health", `${PLAN}/actions/1`, 403, "POST", { what: "x" }),
      refused("socialWorker", `${PLAN}/actions/999999`, 404),
      refused("socialWorker", "/cases/2/plan/actions/1", 404),
    ],
  },
  "cases.$caseId.plan.history": {
    insider: { as: "education", path: `${PLAN}/history`, status: 200 },
    doors: [signedOut(`${PLAN}/history`), refused("gp", `${PLAN}/history`, 404), refused("gp", `${PLAN}/history?at=1`, 404), refused("partnershipAdmin", `${PLAN}/history`, 404)],
  },
  "cases.$caseId.plan.outcomes.$outcomeId": {
    insider: { as: "socialWorker", path: `${PLAN}/outcomes/1`, status: 200 },
    doors: [
      signedOut(`${PLAN}/outcomes/1`),
      signedOut(`${PLAN}/outcomes/1`, "POST", { wording: "x" }),
      refused("gp", `${PLAN}/outcomes/1`, 404),
      refused("gp", `${PLAN}/outcomes/1`, 404, "POST", { wording: "x" }),
      refused("education", `${PLAN}/outcomes/1`, 403),
      refused("police", `${PLAN}/outcomes/1`, 403, "POST", { wording: "x" }),
      refused("socialWorker", `${PLAN}/outcomes/999999`, 404),
    ],
  },
  "cases.$caseId.restricted.$agencyId._index": {
    insider: { as: "socialWorker", path: POLICE_NOTES, status: 200 },
    doors: [
      signedOut(POLICE_NOTES),
      signedOut(POLICE_NOTES, "POST", { intent: "share", agencyId: "larkfield-primary", reason: "x" }),
      refused("gp", POLICE_NOTES, 404),
      refused("education", POLICE_NOTES, 404),
      refused("health", POLICE_NOTES, 404),
      refused("policeAdmin", POLICE_NOTES, 404),
      refused("education", POLICE_NOTES, 404, "POST", { intent: "share", agencyId: "larkfield-primary", reason: "x" }),
      // Social care reads the police's notes, but they are not social care's to share.
      refused("socialWorker", POLICE_NOTES, 403, "POST", { intent: "share", agencyId: "larkfield-primary", reason: "x" }),
    ],
  },
  "cases.$caseId.restricted.$agencyId.history": {
    insider: { as: "socialWorker", path: `${POLICE_NOTES}/history`, status: 200 },
    doors: [
      signedOut(`${POLICE_NOTES}/history`),
      refused("gp", `${POLICE_NOTES}/history`, 404),
      refused("education", `${POLICE_NOTES}/history`, 404),
      refused("education", `${POLICE_NOTES}/history?at=1`, 404),
    ],
  },
  "cases.$caseId.search": {
    insider: { as: "education", path: "/cases/1/search?q=Lily", status: 200 },
    doors: [signedOut("/cases/1/search?q=Lily"), refused("gp", "/cases/1/search?q=Lily", 404), refused("partnershipAdmin", "/cases/1/search?q=Lily", 404)],
  },
  "cases.$caseId.team": {
    insider: { as: "education", path: "/cases/1/team", status: 200 },
    doors: [
      signedOut("/cases/1/team"),
      signedOut("/cases/1/team", "POST", { intent: "remove-member", userId: "{user:education}" }),
      refused("gp", "/cases/1/team", 404),
      refused("gp", "/cases/1/team", 404, "POST", { intent: "remove-member", userId: "{user:education}" }),
      // On the case, but the team is the lead social worker's and the managers' to change.
      refused("police", "/cases/1/team", 403, "POST", { intent: "remove-member", userId: "{user:education}" }),
    ],
  },
  "forgotten-password": {
    public: "asking for a reset link: for people who cannot sign in",
    doors: [
      { as: "signed out", method: "GET", path: "/forgotten-password", status: 200 },
      // An address with no account gets the answer a known one gets: nothing tells a stranger who has an account.
      { as: "signed out", method: "POST", path: "/forgotten-password", form: { email: "nobody@nowhere.example" }, status: 200 },
    ],
  },
  "people.$userId.deactivate": {
    insider: { as: "policeAdmin", path: "/people/{user:police}/deactivate", status: 200 },
    doors: [
      signedOut("/people/{user:police}/deactivate"),
      signedOut("/people/{user:police}/deactivate", "POST", { reason: "x" }),
      refused("police", "/people/{user:police}/deactivate", 403),
      refused("health", "/people/{user:police}/deactivate", 403, "POST", { reason: "x" }),
      // Another agency's administrator: not one of their people.
      refused("gpAdmin", "/people/{user:police}/deactivate", 404),
      refused("gpAdmin", "/people/{user:police}/deactivate", 404, "POST", { reason: "x" }),
    ],
  },
  "people._index": {
    insider: { as: "policeAdmin", path: "/people", status: 200 },
    doors: [
      signedOut("/people"),
      signedOut("/people", "POST", { intent: "reset-password", userId: "{user:police}" }),
      refused("police", "/people", 403),
      refused("police", "/people", 403, "POST", { intent: "reset-password", userId: "{user:police}" }),
    ],
  },
  "people.new": {
    insider: { as: "policeAdmin", path: "/people/new", status: 200 },
    doors: [signedOut("/people/new"), signedOut("/people/new", "POST", { fullName: "x" }), refused("police", "/people/new", 403), refused("police", "/people/new", 403, "POST", { fullName: "x" })],
  },
  // The front door: the screening team's (screeners of social care, police, health and education, and social care
  // managers); the school's sent referral ({sentreferral}) is on its queue. The referrer reads it at /referrals/:id only.
  // Oversight (issue 13): partnership managers read the whole; an agency's managers (Priya Shah, social care) their
  // own agency's part only; everyone else, and a manager asking for another agency's part, gets 404.
  "oversight._index": {
    insider: { as: "teamManager", path: "/oversight", status: 200 },
    doors: [
      signedOut("/oversight"),
      refused("police", "/oversight", 404),
      refused("partnershipAdmin", "/oversight", 404),
      refused("chair", "/oversight", 404),
      refused("teamManager", "/oversight?agency=kestrel-vale-police", 404),
    ],
  },
  "oversight.$measureId": {
    insider: { as: "partnershipManager", path: "/oversight/contacts-in-time", status: 200 },
    doors: [
      signedOut("/oversight/contacts-in-time"),
      refused("socialWorker", "/oversight/contacts-in-time", 404),
      refused("earlyHelpManager", "/oversight/contacts-in-time?agency=sandmere-childrens-services", 404),
      refused("partnershipManager", "/oversight/no-such-measure", 404),
    ],
  },
  "oversight.$measureId_.csv": {
    insider: { as: "partnershipManager", path: "/oversight/contacts-in-time/csv?table=figures", status: 200 },
    doors: [
      signedOut("/oversight/contacts-in-time/csv?table=figures"),
      refused("police", "/oversight/contacts-in-time/csv?table=figures", 404),
      refused("teamManager", "/oversight/contacts-in-time/csv?table=figures&agency=kestrel-vale-police", 404),
      refused("partnershipManager", "/oversight/contacts-in-time/csv?table=secrets", 404),
    ],
  },
  "oversight.print": {
    insider: { as: "earlyHelpManager", path: "/oversight/print", status: 200 },
    doors: [signedOut("/oversight/print"), refused("health", "/oversight/print", 404), refused("gpAdmin", "/oversight/print", 404)],
  },
  "front-door._index": {
    insider: { as: "screener", path: "/front-door", status: 200 },
    doors: [signedOut("/front-door"), refused("education", "/front-door", 404), refused("socialWorker", "/front-door", 404), refused("policeAdmin", "/front-door", 404)],
  },
  "front-door.$contactId._index": {
    insider: { as: "policeScreener", path: "/front-door/{sentreferral}", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}"),
      signedOut("/front-door/{sentreferral}", "POST", { rating: "red", reason: "x" }),
      refused("education", "/front-door/{sentreferral}", 404),
      refused("education", "/front-door/{sentreferral}", 404, "POST", { rating: "red", reason: "x" }),
      refused("police", "/front-door/{sentreferral}", 404),
      refused("healthScreener", "/front-door/{referral}", 404),
      refused("partnershipManager", "/front-door/{sentreferral}", 404, "POST", { rating: "red", reason: "x" }),
    ],
  },
  // Matching a sent referral's child to a child already known: the screening team; never the referrer, nor a draft.
  "front-door.$contactId.match": {
    insider: { as: "healthScreener", path: "/front-door/{sentreferral}/match", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/match"),
      signedOut("/front-door/{sentreferral}/match", "POST", { match: "none" }),
      refused("education", "/front-door/{sentreferral}/match", 404),
      refused("education", "/front-door/{sentreferral}/match", 404, "POST", { match: "none" }),
      refused("police", "/front-door/{sentreferral}/match", 404, "POST", { match: "none" }),
      refused("healthScreener", "/front-door/{referral}/match", 404),
    ],
  },
  // The police's check on the school's sent referral (made in setup): the police's screeners and the deciding managers.
  "front-door.$contactId.checks.$agencyId": {
    insider: { as: "teamManager", path: "/front-door/{sentreferral}/checks/kestrel-vale-police", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/checks/kestrel-vale-police"),
      signedOut("/front-door/{sentreferral}/checks/kestrel-vale-police", "POST", { intent: "complete" }),
      refused("education", "/front-door/{sentreferral}/checks/kestrel-vale-police", 404),
      refused("healthScreener", "/front-door/{sentreferral}/checks/kestrel-vale-police", 404),
      refused("screener", "/front-door/{sentreferral}/checks/kestrel-vale-police", 404, "POST", { intent: "share", reason: "x" }),
      refused("teamManager", "/front-door/{sentreferral}/checks/kestrel-vale-police", 403, "POST", { intent: "complete" }),
      refused("policeScreener", "/front-door/{sentreferral}/checks/sandmere-community-health", 404),
    ],
  },
  "front-door.$contactId.checks.$agencyId_.history": {
    insider: { as: "policeScreener", path: "/front-door/{sentreferral}/checks/kestrel-vale-police/history", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/checks/kestrel-vale-police/history"),
      refused("healthScreener", "/front-door/{sentreferral}/checks/kestrel-vale-police/history", 404),
      refused("education", "/front-door/{sentreferral}/checks/kestrel-vale-police/history", 404),
    ],
  },
  "front-door.$contactId.map_.history": {
    insider: { as: "educationScreener", path: "/front-door/{sentreferral}/map/history", status: 200 },
    doors: [signedOut("/front-door/{sentreferral}/map/history"), refused("education", "/front-door/{sentreferral}/map/history", 404), refused("screener", "/front-door/{referral}/map/history", 404)],
  },
  "front-door.$contactId.checks.new": {
    insider: { as: "educationScreener", path: "/front-door/{sentreferral}/checks/new", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/checks/new"),
      signedOut("/front-door/{sentreferral}/checks/new", "POST", { agencyId: "sandmere-community-health", asked: "x" }),
      refused("education", "/front-door/{sentreferral}/checks/new", 404),
      refused("police", "/front-door/{sentreferral}/checks/new", 404, "POST", { agencyId: "sandmere-community-health", asked: "x" }),
      refused("screener", "/front-door/{referral}/checks/new", 404),
    ],
  },
  "front-door.$contactId.map": {
    insider: { as: "policeScreener", path: "/front-door/{sentreferral}/map", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/map"),
      signedOut("/front-door/{sentreferral}/map", "POST"),
      refused("education", "/front-door/{sentreferral}/map", 404),
      refused("partnershipManager", "/front-door/{sentreferral}/map", 404, "POST"),
      refused("screener", "/front-door/{referral}/map", 404),
    ],
  },
  // Consent and the decision on a sent referral (decision 036): the screening team's; the referrer and everyone else 404.
  "front-door.$contactId.consent": {
    insider: { as: "healthScreener", path: "/front-door/{sentreferral}/consent", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/consent"),
      signedOut("/front-door/{sentreferral}/consent", "POST", { consent: "given" }),
      refused("education", "/front-door/{sentreferral}/consent", 404),
      refused("education", "/front-door/{sentreferral}/consent", 404, "POST", { consent: "given" }),
      refused("police", "/front-door/{sentreferral}/consent", 404, "POST", { consent: "given" }),
      refused("screener", "/front-door/{referral}/consent", 404),
    ],
  },
  "front-door.$contactId.decision": {
    insider: { as: "policeScreener", path: "/front-door/{sentreferral}/decision", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/decision"),
      signedOut("/front-door/{sentreferral}/decision", "POST", { outcome: "no_further_action", rationale: "x", feedback: "x" }),
      refused("education", "/front-door/{sentreferral}/decision", 404),
      refused("partnershipManager", "/front-door/{sentreferral}/decision", 404, "POST", { outcome: "no_further_action", rationale: "x", feedback: "x" }),
      refused("screener", "/front-door/{referral}/decision", 404),
    ],
  },
  "front-door.$contactId.decision_.authorise": {
    insider: { as: "teamManager", path: "/front-door/{sentreferral}/decision/authorise", status: 200 },
    doors: [
      signedOut("/front-door/{sentreferral}/decision/authorise"),
      signedOut("/front-door/{sentreferral}/decision/authorise", "POST", { answer: "authorise", feedback: "x" }),
      refused("education", "/front-door/{sentreferral}/decision/authorise", 404),
      refused("socialWorker", "/front-door/{sentreferral}/decision/authorise", 404, "POST", { answer: "authorise", feedback: "x" }),
      refused("teamManager", "/front-door/{referral}/decision/authorise", 404),
    ],
  },
  // The referral that opened a case: read by whoever reads the case, a 404 for a referral that did not lead there.
  "cases.$caseId.referrals.$contactId": {
    insider: { as: "teamManager", path: "/cases/{decidedcase}/referrals/{decidedreferral}", status: 200 },
    doors: [
      signedOut("/cases/{decidedcase}/referrals/{decidedreferral}"),
      refused("education", "/cases/{decidedcase}/referrals/{decidedreferral}", 404),
      refused("gp", "/cases/{decidedcase}/referrals/{decidedreferral}", 404),
      // Lily's case was not opened by that referral, and the school's other referral opened no case.
      refused("socialWorker", "/cases/1/referrals/{decidedreferral}", 404),
      refused("teamManager", "/cases/{decidedcase}/referrals/{sentreferral}", 404),
    ],
  },
  "referrals.new": {
    insider: { as: "education", path: "/referrals/new", status: 200 },
    doors: [
      signedOut("/referrals/new"),
      signedOut("/referrals/new", "POST"),
      refused("policeAdmin", "/referrals/new", 403),
      refused("policeAdmin", "/referrals/new", 403, "POST"),
    ],
  },
  // The school's draft ({referral}) and sent referral ({sentreferral}), made in setup: the referrer's own, nobody else's.
  "referrals.$referralId._index": {
    insider: { as: "education", path: "/referrals/{sentreferral}", status: 200 },
    doors: [signedOut("/referrals/{sentreferral}"), refused("socialWorker", "/referrals/{sentreferral}", 404), refused("partnershipManager", "/referrals/{referral}", 404)],
  },
  "referrals.$referralId.check-answers": {
    insider: { as: "education", path: "/referrals/{referral}/check-answers", status: 200 },
    doors: [
      signedOut("/referrals/{referral}/check-answers"),
      signedOut("/referrals/{referral}/check-answers", "POST"),
      refused("police", "/referrals/{referral}/check-answers", 404),
      refused("police", "/referrals/{referral}/check-answers", 404, "POST"),
    ],
  },
  "referrals.$referralId.$step": {
    insider: { as: "education", path: "/referrals/{referral}/concern", status: 200 },
    doors: [
      signedOut("/referrals/{referral}/concern"),
      signedOut("/referrals/{referral}/concern", "POST", { worries: "x" }),
      refused("health", "/referrals/{referral}/concern", 404),
      refused("health", "/referrals/{referral}/concern", 404, "POST", { worries: "x" }),
    ],
  },
  "set-password.$token": {
    public: "a link from an email: the token is the key, so an unknown one is as if there were no page",
    doors: [
      { as: "signed out", method: "GET", path: "/set-password/not-a-real-token", status: 404 },
      { as: "signed out", method: "POST", path: "/set-password/not-a-real-token", form: { newPassword: "a long enough password 1", confirmPassword: "a long enough password 1" }, status: 404 },
    ],
  },
  "sign-in": {
    public: "the way in",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-in", status: 200 },
      { as: "signed out", method: "POST", path: "/sign-in", form: { email: "nadia.hussain@sandmere-health.example", password: "not her password" }, status: 400 },
    ],
  },
  "sign-out": {
    public: "signing out: harmless for anyone, and nothing to see",
    doors: [
      { as: "signed out", method: "GET", path: "/sign-out", status: 302, location: "/" },
      { as: "signed out", method: "POST", path: "/sign-out", status: 302, location: "/sign-in?signed-out=1" },
    ],
  },
};
