// Time from contact to strategy meeting (issue 13 item 1; decisions 036, 040): for each referral whose authorised
// decision was a strategy discussion, the working days from the day it was received to the day the first strategy
// meeting or discussion was held on the case the decision opened (or used), counted over the meetings held in the scope.
import { ragRatings, type RagRating } from "../../../common/front-door-clock";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { contactChildNames, englandDate, median, valueByMonth, workingDaysCounter } from "./scope-figures";

type Rated = RagRating | "unrated";
const ratingLabels: Record<Rated, string> = { red: "Red", amber: "Amber", green: "Green", unrated: "Not rated" };

type ContactToMeeting = {
  contactId: number;
  agencyId: string;
  caseId: number;
  rating: Rated;
  receivedOn: string;
  heldOn: string;
  workingDays: number;
};

/**
 * Referrals decided as a strategy discussion whose case's first strategy meeting or discussion held on or after the
 * day the referral was received was held in the scope (and by today). Agency: the referrals it sent.
 */
async function contactsToMeetings(context: MeasureContext, scope: OversightScope): Promise<ContactToMeeting[]> {
  const { sql, calendar } = context;
  const agency = scope.agencyId;
  const today = englandDate(context.now);
  const rows = await sql<{ contact_id: string; agency_id: string; case_id: string; received_on: string; held_on: string; rating: RagRating | null }[]>`
    select c.id as contact_id, c.referrer_agency_id as agency_id, d.case_id,
           to_char((c.submitted_at at time zone 'Europe/London')::date, 'YYYY-MM-DD') as received_on,
           to_char(first.held_on, 'YYYY-MM-DD') as held_on,
           (select r.rating from contact_ratings r where r.contact_id = c.id and r.at <= d.at order by r.at desc, r.id desc limit 1) as rating
      from contact_decisions d join contacts c on c.id = d.contact_id
      cross join lateral (
        select m.held_on from meetings m
         where m.case_id = d.case_id and m.kind in ('meeting', 'discussion')
           and m.held_on >= (c.submitted_at at time zone 'Europe/London')::date
         order by m.held_on, m.held_at, m.id limit 1
      ) first
     where d.step = 'authorised' and d.case_id is not null
       and first.held_on between ${scope.from}::date and ${scope.to}::date and first.held_on <= ${today}::date
       and (${agency}::text is null or c.referrer_agency_id = ${agency})
     order by first.held_on, c.id`;
  const workingDaysBetween = workingDaysCounter(calendar, rows.flatMap((row) => [row.received_on, row.held_on]));
  return rows.map((row) => ({
    contactId: Number(row.contact_id),
    agencyId: row.agency_id,
    caseId: Number(row.case_id),
    rating: row.rating ?? "unrated",
    receivedOn: row.received_on,
    heldOn: row.held_on,
    workingDays: workingDaysBetween(row.received_on, row.held_on),
  }));
}

const definition =
  "For each referral whose authorised decision was a strategy discussion, the working days from the day it was " +
  "received to the day the first strategy meeting or discussion was held on the case the decision opened or used " +
  "(the first held on or after the day received; received and held the same day is 0), counted for the meetings " +
  "held in these dates. The figure is the median. For one agency: the referrals it sent.";

export const contactToStrategy: MeasureModule = {
  id: "contact-to-strategy",
  async read(context, scope) {
    const all = await contactsToMeetings(context, scope);
    const days = all.map((entry) => entry.workingDays);
    const ratings: Rated[] = [...ragRatings, ...(all.some((entry) => entry.rating === "unrated") ? (["unrated"] as const) : [])];
    return {
      id: "contact-to-strategy",
      group: "strategy-meetings",
      title: "Time from referral to strategy meeting",
      definition,
      headline: { value: median(days), format: "working-days", denominator: all.length },
      trend: {
        label: "Median working days, by month the strategy meeting was held",
        format: "working-days",
        points: valueByMonth(scope, all.map((entry) => ({ month: entry.heldOn.slice(0, 7), value: entry.workingDays })), median),
      },
      table: {
        caption: "Working days from referral to the first strategy meeting, by the referral's rating",
        columns: [
          { key: "rating", label: "Rating", format: "text" },
          { key: "referrals", label: "Referrals", format: "count" },
          { key: "median", label: "Median (working days)", format: "working-days" },
          { key: "longest", label: "Longest (working days)", format: "working-days" },
        ],
        rows: ratings.map((rating) => {
          const ofRating = all.filter((entry) => entry.rating === rating).map((entry) => entry.workingDays);
          return {
            key: rating,
            cells: { rating: ratingLabels[rating], referrals: ofRating.length, median: median(ofRating), longest: ofRating.length ? Math.max(...ofRating) : null },
          };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const all = (await contactsToMeetings(context, scope)).filter((entry) => rowKey === null || entry.rating === rowKey);
    const names = await contactChildNames(context.sql, all.map((entry) => entry.contactId));
    return all.map(
      (entry): Counted => ({
        caseId: entry.caseId,
        contactId: entry.contactId,
        childName: names.get(entry.contactId) ?? "",
        agencyId: entry.agencyId,
        dates: [
          { label: "Received", date: entry.receivedOn },
          { label: "Strategy meeting", date: entry.heldOn },
        ],
        outcome: `${entry.workingDays} working ${entry.workingDays === 1 ? "day" : "days"} (${ratingLabels[entry.rating]})`,
      }),
    );
  },
};
