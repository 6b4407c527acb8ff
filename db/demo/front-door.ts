// The demo's front door (issue 12 item 9): referrals sent from the school, the police, health and a GP, waiting for the
// screening team, one in each RAG rating and one not yet rated. Each was received so many working hours before the
// seed's clock (09:00 to 17:00 in London on working days, the portal's default), so whenever the demo starts the red
// one is overdue, the amber one due later today or tomorrow, the green one in days, and the new one not yet rated.
import type { Sql } from "../client";
import type { RagRating } from "../../common/front-door-clock";
import type { Calendar } from "../../server/calendar/working-days";
import { createWorkingHours, workingMsBetween, type WorkingHours } from "../../server/calendar/working-hours";
import { addHouseholdMember, addReferralChild, saveReferralAnswers } from "../../server/referrals/change-draft-referral";
import { rateContact } from "../../server/referrals/rate-contact";
import { startReferral } from "../../server/referrals/start-referral";
import { submitReferral } from "../../server/referrals/submit-referral";
import type { Person } from "./lily-story";

const MS_PER_MINUTE = 60_000;

/** The latest instant with `minutes` of working time between it and `now`: now, counted back in working time. */
export function workingMinutesBefore(hours: WorkingHours, now: Date, minutes: number): Date {
  let earlier = now.getTime() - 90 * 24 * 60 * MS_PER_MINUTE;
  let later = now.getTime();
  // Working time up to `now` only grows as the start moves back: halve the gap to the millisecond.
  while (later - earlier > 1) {
    const middle = Math.floor((earlier + later) / 2);
    if (workingMsBetween(hours, new Date(middle), now) >= minutes * MS_PER_MINUTE) earlier = middle;
    else later = middle;
  }
  return new Date(earlier);
}

export type DemoContact = {
  referrer: string;
  workingMinutesAgo: number;
  child: { fullName: string; dateOfBirth: string; address: string; school: string };
  family: { fullName: string; relationship: string; livesWithChild: boolean }[];
  whatHappened: string;
  worries: string;
  actionsTaken: string;
  consent: "given" | "refused" | "not_asked";
  consentDetail: string;
  referrerContact: { name: string; jobTitle: string; phone: string; email: string };
  /** Rated by this screener, so many working minutes after it came in. */
  rating?: { rating: RagRating; by: string; reason: string; minutesAfter: number };
};

export const demoContacts: DemoContact[] = [
  {
    referrer: "police",
    workingMinutesAgo: 6 * 60,
    child: { fullName: "Mason Reid", dateOfBirth: "2016-09-21", address: "14 Ferry Road, Sandmere SM3 2JD", school: "Sandmere Academy" },
    family: [{ fullName: "Shona Reid", relationship: "Mother", livesWithChild: true }],
    whatHappened: "Officers attended a domestic incident at 02:00. Mason, 10, was in the room when his mother was assaulted.",
    worries: "Mason has been present at three call-outs in two months; the suspect still has a key.",
    actionsTaken: "Suspect arrested and bailed not to attend the address. DASH risk assessment: high.",
    consent: "not_asked",
    consentDetail: "Asking the mother while the suspect may return could raise the risk to her and Mason.",
    referrerContact: { name: "Alex Morgan", jobTitle: "Detective constable, Public Protection Unit", phone: "01632 960 201", email: "alex.morgan@kestrelvale-police.example" },
    rating: { rating: "red", by: "policeScreener", reason: "Repeat domestic abuse with a child present and a high DASH risk: a decision is needed today.", minutesAfter: 20 },
  },
  {
    referrer: "health",
    workingMinutesAgo: 2 * 60,
    child: { fullName: "Ava Thompson", dateOfBirth: "2025-11-02", address: "3 Mill Court, Sandmere SM2 8PL", school: "" },
    family: [
      { fullName: "Jade Thompson", relationship: "Mother", livesWithChild: true },
      { fullName: "Ryan Cole", relationship: "Mother's partner", livesWithChild: true },
    ],
    whatHappened: "At a home visit the flat was cold, with little food, and Ava has not gained weight in two months.",
    worries: "Jade seems low and says she is not coping; Ryan did not want me to see Ava's room.",
    actionsTaken: "Weighed Ava, booked a GP review for this week and gave Jade the perinatal mental health line.",
    consent: "given",
    consentDetail: "",
    referrerContact: { name: "Nadia Hussain", jobTitle: "Health visitor", phone: "01632 960 301", email: "nadia.hussain@sandmere-health.example" },
    rating: { rating: "amber", by: "healthScreener", reason: "A baby not gaining weight and a mother not coping: checks with the GP and police today.", minutesAfter: 15 },
  },
  {
    referrer: "education",
    workingMinutesAgo: 8 * 60,
    child: { fullName: "Noah Bennett", dateOfBirth: "2018-01-30", address: "22 Harbour View, Sandmere SM1 6RT", school: "Larkfield Primary School" },
    family: [{ fullName: "Claire Bennett", relationship: "Mother", livesWithChild: true }],
    whatHappened: "Noah's attendance has fallen to 82% this term and he is often late and tired.",
    worries: "His mother has told us she has lost her job; we worry the family are struggling.",
    actionsTaken: "Met Claire, offered breakfast club and a referral to the school's family support worker.",
    consent: "given",
    consentDetail: "",
    referrerContact: { name: "Emma Clarke", jobTitle: "Designated safeguarding lead", phone: "01632 960 001", email: "emma.clarke@larkfield-school.example" },
    rating: { rating: "green", by: "educationScreener", reason: "No sign of harm; the family want help. Likely early help, after checks.", minutesAfter: 30 },
  },
  {
    referrer: "gp",
    workingMinutesAgo: 30,
    child: { fullName: "Ruby Hale", dateOfBirth: "2012-06-11", address: "9 Quarry Lane, Sandmere SM4 1AB", school: "Sandmere Academy" },
    family: [{ fullName: "Martin Hale", relationship: "Father", livesWithChild: true }],
    whatHappened: "Ruby, 14, came to the surgery alone with cuts to her forearms, and asked me not to tell her father.",
    worries: "Self-harm, and Ruby says home is 'not safe to talk about'.",
    actionsTaken: "Dressed the cuts, referred to CAMHS and agreed a review with Ruby next week.",
    consent: "refused",
    consentDetail: "",
    referrerContact: { name: "Dr Olu Adeyemi", jobTitle: "GP, safeguarding lead", phone: "01632 960 401", email: "olu.adeyemi@harbourlane-surgery.example" },
  },
];

export type DemoPeople = {
  person: (key: string) => Person;
  account: (key: string) => { fullName: string; jobTitle: string; email: string };
};

/** A referral made, filled in and sent at `at` as its referrer would, through the server's own functions. */
export async function sendDemoReferral(sql: Sql, people: DemoPeople, contact: Omit<DemoContact, "workingMinutesAgo" | "rating">, at: Date): Promise<number> {
  const referrer = people.person(contact.referrer);
  const id = await startReferral(sql, { referrer: { id: referrer.userId, agencyId: referrer.agencyId, ...people.account(contact.referrer) }, at });
  const { child, referrerContact: who } = contact;
  await addReferralChild(sql, id, { fullName: child.fullName, dateOfBirth: child.dateOfBirth, expectedOn: null, address: child.address, school: child.school }, at);
  for (const member of contact.family) await addHouseholdMember(sql, id, member, at);
  await saveReferralAnswers(
    sql,
    id,
    {
      whatHappened: contact.whatHappened,
      worries: contact.worries,
      actionsTaken: contact.actionsTaken,
      familyKnows: "yes",
      consent: contact.consent,
      consentDetail: contact.consentDetail,
      referrerName: who.name,
      referrerJobTitle: who.jobTitle,
      referrerPhone: who.phone,
      referrerEmail: who.email,
    },
    at,
  );
  await submitReferral(sql, id, at);
  return id;
}

/** Each referral sent so many working hours ago, then rated; by child's name, the contact and when it came in. */
export async function seedFrontDoor(
  sql: Sql,
  input: DemoPeople & { now: Date; calendar: Calendar },
): Promise<Map<string, { contactId: number; receivedAt: Date }>> {
  const hours = createWorkingHours(input.calendar);
  const sent = new Map<string, { contactId: number; receivedAt: Date }>();
  for (const contact of demoContacts) {
    const at = workingMinutesBefore(hours, input.now, contact.workingMinutesAgo);
    const id = await sendDemoReferral(sql, input, contact, at);
    sent.set(contact.child.fullName, { contactId: id, receivedAt: at });
    if (contact.rating) {
      const rater = input.person(contact.rating.by);
      const ratedAt = new Date(Math.min(at.getTime() + contact.rating.minutesAfter * MS_PER_MINUTE, input.now.getTime()));
      await rateContact(sql, { contactId: id, rating: contact.rating.rating, reason: contact.rating.reason, byUserId: rater.userId, byAgencyId: rater.agencyId, at: ratedAt });
    }
  }
  return sent;
}
