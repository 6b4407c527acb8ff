// The front door behind a URL, judged by the policy: the screening team's queue and a sent referral on it. Anyone else
// gets a 404, audited, as for something that does not exist (a referral's own referrer reads it at /referrals/:id).
import type { AppLoadContext } from "@remix-run/node";
import { formatDateTime } from "../../common/format";
import { frontDoorClockView, workingTimeWords, type RagRating } from "../../common/front-door-clock";
import { can } from "../../server/access/policy";
import { frontDoorClock } from "../../server/calendar/front-door-clock";
import { workingDayMinutes } from "../../server/calendar/working-hours";
import { parseDocumentName, resolveDocument, type ResolvedDocument } from "../../server/documents/registry";
import { listContactChecks, readContactMap, resolveContactCheck } from "../../server/referrals/contact-documents";
import { listFrontDoorQueue } from "../../server/referrals/list-front-door-queue";
import { readReferral, type Referral } from "../../server/referrals/read-referral";
import type { SignedIn } from "./auth.server";
import { audit, notFound } from "./permissions.server";
import { idParam } from "./plan.server";
import { referralResource } from "./referral.server";

/** Throws an audited 404 unless this person is of the screening team. */
export async function requireScreeningTeam(context: AppLoadContext, signedIn: SignedIn): Promise<void> {
  if (can(signedIn.actor, "screen:contact", { type: "front-door" })) return;
  await audit(context, signedIn, { action: "screen:contact", outcome: "denied", target: "front-door" });
  throw notFound();
}

/** A sent referral on the front door, if this person may `action` it; otherwise an audited 404. */
export async function requireContact(
  context: AppLoadContext,
  signedIn: SignedIn,
  rawId: string | undefined,
  action: "screen:contact" | "rate:contact" | "match:contact" | "record:consent" | "propose:contact-decision" | "add:contact-document",
): Promise<Referral> {
  const id = idParam(rawId);
  const referral = id === null ? null : await readReferral(context.services.sql, id);
  if (!referral || !can(signedIn.actor, action, referralResource(referral))) {
    await audit(context, signedIn, {
      action,
      outcome: "denied",
      target: `contact:${(rawId ?? "").slice(0, 40)}`,
      details: referral ? {} : { reason: "no such contact" },
    });
    throw notFound();
  }
  return referral;
}

/**
 * A contact's live document (an agency's check, the front door's map), if this person may read it; otherwise an
 * audited 404, as for something that does not exist. Read by the policy's read:record on the contact's record, so the
 * case's members read it once a decision has opened a case, under the same rule.
 */
export async function requireContactDocument(context: AppLoadContext, signedIn: SignedIn, documentName: string): Promise<ResolvedDocument> {
  const name = parseDocumentName(documentName);
  const resolved = name ? await resolveDocument(context.services.sql, name, context.services.clock()) : null;
  if (!resolved || !can(signedIn.actor, "read:record", resolved.resource)) {
    await audit(context, signedIn, {
      action: "read:record",
      outcome: "denied",
      caseId: resolved?.caseId ?? null,
      target: `document:${documentName.slice(0, 120)}`,
      details: resolved ? {} : { reason: "no such document" },
    });
    throw notFound();
  }
  return resolved;
}

/**
 * The checks asked for on a contact and its map, as this person sees them on the screening page: each check's agency,
 * when it was asked for and completed, and whether they may open it (a restricted check is named, never opened, by
 * those it is restricted from).
 */
export async function contactDocumentsSeenBy(context: AppLoadContext, signedIn: SignedIn, referral: Referral) {
  return { ...(await contactChecksSeenBy(context, signedIn, referral.id)), canAdd: can(signedIn.actor, "add:contact-document", referralResource(referral)) };
}

/** A contact's checks and map as this person sees them (the screening page; a strategy meeting the contact led to). */
export async function contactChecksSeenBy(context: AppLoadContext, signedIn: SignedIn, contactId: number) {
  const { sql } = context.services;
  const [checks, map] = await Promise.all([listContactChecks(sql, contactId), readContactMap(sql, contactId)]);
  const seen = await Promise.all(
    checks.map(async (check) => {
      const resolved = await resolveContactCheck(sql, contactId, check.agencyId, context.services.clock());
      return {
        agencyId: check.agencyId,
        agencyName: check.agencyName,
        askedAt: formatDateTime(check.askedAt),
        askedBy: check.askedByName,
        completedAt: check.completedAt ? formatDateTime(check.completedAt) : null,
        restricted: check.restricted,
        shared: check.shared !== null,
        canOpen: resolved !== null && can(signedIn.actor, "read:record", resolved.resource),
        yours: resolved !== null && !check.completedAt && can(signedIn.actor, "write:record", resolved.resource),
      };
    }),
  );
  return {
    contactId,
    checks: seen,
    map: map
      ? {
          startedAt: formatDateTime(map.startedAt),
          startedBy: map.startedByName,
          carried: map.carriedTo !== null,
          carriedTo: map.carriedTo ? `/cases/${map.carriedTo.caseId}/maps/${map.carriedTo.mapId}` : null,
        }
      : null,
  };
}

/** The queue, soonest due first (the most overdue at the top), each with its clock as the page shows it. */
export async function frontDoorQueue(context: AppLoadContext) {
  const { sql, frontDoorClocks, clock } = context.services;
  const now = clock();
  const contacts = await listFrontDoorQueue(sql);
  return contacts
    .map((contact) => {
      const state = frontDoorClock(frontDoorClocks, { receivedAt: contact.receivedAt, rating: contact.rating }, now);
      return { ...contact, dueAt: state.dueAt, clock: clockShown(state, now) };
    })
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id - b.id);
}

/** One contact's clock as its page shows it. */
export function contactClock(context: AppLoadContext, contact: { receivedAt: Date; rating: RagRating | null }) {
  const now = context.services.clock();
  return clockShown(frontDoorClock(context.services.frontDoorClocks, contact, now), now);
}

/** A clock as the pages show it: its words, colour and due time, and whether it is overdue. */
function clockShown(state: ReturnType<typeof frontDoorClock>, now: Date) {
  return { overdue: state.status === "overdue", ...frontDoorClockView(state, now) };
}

/** How long each rating allows, in words, as this deployment's configuration sets it ("4 working hours"). */
export function ratingAllowances(context: AppLoadContext): Record<RagRating, string> {
  const { allows, hours } = context.services.frontDoorClocks;
  const day = workingDayMinutes(hours);
  return { red: workingTimeWords(allows.red, day), amber: workingTimeWords(allows.amber, day), green: workingTimeWords(allows.green, day) };
}
