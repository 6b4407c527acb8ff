// The door matrix's rows for a case's own pages: the case, opening it for oversight, the child's voice, the maps, notes,
// people, restricted records, search, the team, and proposing and answering a step down or up. A case's meetings, core
// groups and plan are in door-matrix-routes-meetings-and-plans.ts; its audit trail in door-matrix-routes-oversight.ts.
// The conventions (who the people are, 404 or 403) are at the top of door-matrix-routes.ts.
import type { RouteEntry } from "./door-matrix-routes";
import { refused, signedOut } from "./door-matrix-routes-doors";

const MAP = "/cases/1/maps/1";
const POLICE_NOTES = "/cases/1/restricted/kestrel-vale-police";
const words = { seenOnDay: "18", seenOnMonth: "11", seenOnYear: "2026", seenAlone: "yes", worries: "x", goodThings: "", dreams: "" };

export const caseRouteDoors: Record<string, RouteEntry> = {
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
};
