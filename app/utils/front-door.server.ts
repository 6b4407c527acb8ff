// The front door behind a URL, judged by the policy: the screening team's queue and a sent referral on it. Anyone else
// gets a 404, audited, as for something that does not exist (a referral's own referrer reads it at /referrals/:id).
import type { AppLoadContext } from "@remix-run/node";
import { frontDoorClockView, workingTimeWords, type RagRating } from "../../common/front-door-clock";
import { can } from "../../server/access/policy";
import { frontDoorClock } from "../../server/calendar/front-door-clock";
import { workingDayMinutes } from "../../server/calendar/working-hours";
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
  action: "screen:contact" | "rate:contact",
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
