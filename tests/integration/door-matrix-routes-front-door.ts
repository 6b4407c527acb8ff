// The door matrix's rows for the front door and referrals: the screening team's pages on a sent referral, the referrer's
// own referral pages, and the referral that opened a case. The referrals ({referral}, {sentreferral}, {decidedreferral})
// and the case one opened ({decidedcase}) are made in the setup of door-matrix.test.ts. The conventions are at the top
// of door-matrix-routes.ts.
import type { RouteEntry } from "./door-matrix-routes";
import { refused, signedOut } from "./door-matrix-routes-doors";

export const frontDoorRouteDoors: Record<string, RouteEntry> = {
  // The front door: the screening team's (screeners of social care, police, health and education, and social care
  // managers); the school's sent referral ({sentreferral}) is on its queue. The referrer reads it at /referrals/:id only.
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
};
