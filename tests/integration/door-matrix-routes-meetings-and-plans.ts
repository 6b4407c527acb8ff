// The door matrix's rows for a case's meetings (strategy meetings and conferences, their minutes and family versions),
// its core groups and its child protection plan (outcomes, actions, history). The meeting ({meeting}) and core group
// ({coregroup}) are made in the setup of door-matrix.test.ts. The conventions are at the top of door-matrix-routes.ts.
import type { RouteEntry } from "./door-matrix-routes";
import { refused, signedOut } from "./door-matrix-routes-doors";

const MEETING = "/cases/1/meetings/{meeting}";
/** Lily's plan, from the demo seed: its first outcome and first action are 1 in the fresh database of each run. */
const PLAN = "/cases/1/plan";
/** The core group made in setup of door-matrix.test.ts, the first of the run: Lily's lead social worker, police, health, the school. */
const CORE_GROUP = "/cases/1/core-groups/{coregroup}";

export const meetingAndPlanRouteDoors: Record<string, RouteEntry> = {
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
};
