// Contacts decided within their RAG clock (issue 13 item 1; decisions 033, 040): of the contacts whose decision was
// authorised in the scope, the share authorised by the time the clock of the contact's rating ran out, by rating, with
// the contacts received in the scope that are still open and already overdue. The clock is the front door's own
// (server/calendar/front-door-clock.ts), applied here over the contacts the database finds.
import { ragRatings, workingTimeWords, type RagRating } from "../../../common/front-door-clock";
import { frontDoorDueAt } from "../../calendar/front-door-clock";
import { workingDayMinutes, workingMsBetween } from "../../calendar/working-hours";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { contactChildNames, englandDate, percent, scopeInstants, shareByMonth } from "./scope-figures";

const MS_PER_MINUTE = 60_000;

type Rated = RagRating | "unrated";

type ContactOnTheClock = {
  contactId: number;
  agencyId: string;
  caseId: number | null;
  receivedAt: Date;
  rating: RagRating | null;
  dueAt: Date;
  /** Authorised at; null: still open. */
  decidedAt: Date | null;
};

const ratingLabels: Record<Rated, string> = { red: "Red", amber: "Amber", green: "Green", unrated: "Not rated (amber's clock)" };

/**
 * The contacts decided in the scope (the decision authorised on one of its days), each with the latest rating given
 * before the decision, and those received in the scope that no one has decided yet. Agency: the contacts it referred.
 */
async function contactsOnTheClock(context: MeasureContext, scope: OversightScope): Promise<{ decided: ContactOnTheClock[]; open: ContactOnTheClock[] }> {
  const { sql, frontDoorClocks } = context;
  const { starts, ends } = scopeInstants(scope);
  const agency = scope.agencyId;
  const [decidedRows, openRows] = await Promise.all([
    sql<{ id: string; agency_id: string; case_id: string | null; submitted_at: Date; decided_at: Date; rating: RagRating | null }[]>`
      select c.id, c.referrer_agency_id as agency_id, d.case_id, c.submitted_at, d.at as decided_at,
             (select r.rating from contact_ratings r where r.contact_id = c.id and r.at <= d.at order by r.at desc, r.id desc limit 1) as rating
        from contact_decisions d join contacts c on c.id = d.contact_id
       where d.step = 'authorised' and d.at >= ${starts} and d.at < ${ends}
         and (${agency}::text is null or c.referrer_agency_id = ${agency})
       order by d.at, c.id`,
    sql<{ id: string; agency_id: string; submitted_at: Date; rating: RagRating | null }[]>`
      select c.id, c.referrer_agency_id as agency_id, c.submitted_at,
             (select r.rating from contact_ratings r where r.contact_id = c.id order by r.at desc, r.id desc limit 1) as rating
        from contacts c
       where c.status = 'submitted' and c.submitted_at >= ${starts} and c.submitted_at < ${ends}
         and (${agency}::text is null or c.referrer_agency_id = ${agency})
         and not exists (select 1 from contact_decisions d where d.contact_id = c.id and d.step = 'authorised')
       order by c.submitted_at, c.id`,
  ]);
  const onTheClock = (row: { id: string; agency_id: string; submitted_at: Date; rating: RagRating | null }) => ({
    contactId: Number(row.id),
    agencyId: row.agency_id,
    receivedAt: row.submitted_at,
    rating: row.rating,
    dueAt: frontDoorDueAt(frontDoorClocks, { receivedAt: row.submitted_at, rating: row.rating }),
  });
  return {
    decided: decidedRows.map((row) => ({ ...onTheClock(row), caseId: row.case_id === null ? null : Number(row.case_id), decidedAt: row.decided_at })),
    open: openRows
      .map((row) => ({ ...onTheClock(row), caseId: null, decidedAt: null }))
      .filter((contact) => contact.dueAt.getTime() < context.now.getTime()),
  };
}

const inTime = (contact: ContactOnTheClock) => contact.decidedAt !== null && contact.decidedAt.getTime() <= contact.dueAt.getTime();
const ratedAs = (contact: ContactOnTheClock): Rated => contact.rating ?? "unrated";

const definition =
  "Of the referrals whose decision a social care manager authorised in these dates, the share authorised within the " +
  "clock of the referral's rating: red 4 working hours, amber 1 working day, green 3 working days, counted in working " +
  "hours from when the referral was received (a referral never rated runs on amber's clock; a re-rating changes the " +
  "length, never the start). The rating is the latest given before the decision. The table also counts referrals " +
  "received in these dates that are still not decided and already overdue now. For one agency: the referrals it sent.";

export const contactsInTime: MeasureModule = {
  id: "contacts-in-time",
  async read(context, scope) {
    const { decided, open } = await contactsOnTheClock(context, scope);
    const ratings: Rated[] = [...ragRatings, ...(decided.concat(open).some((contact) => contact.rating === null) ? (["unrated"] as const) : [])];
    const numerator = decided.filter(inTime).length;
    return {
      id: "contacts-in-time",
      group: "front-door",
      title: "Referrals decided within their RAG clock",
      definition,
      headline: { value: percent(numerator, decided.length), format: "percent", numerator, denominator: decided.length },
      trend: {
        label: "Decided in time, by month of the decision",
        format: "percent",
        points: shareByMonth(scope, decided.map((contact) => ({ month: englandDate(contact.decidedAt!).slice(0, 7), counts: inTime(contact) }))),
      },
      table: {
        caption: "Referrals decided within their clock, by rating",
        columns: [
          { key: "rating", label: "Rating", format: "text" },
          { key: "decided", label: "Decided", format: "count" },
          { key: "inTime", label: "Decided in time", format: "count" },
          { key: "percent", label: "Decided in time (%)", format: "percent" },
          { key: "openOverdue", label: "Still open and overdue now", format: "count" },
        ],
        rows: ratings.map((rating) => {
          const ofRating = decided.filter((contact) => ratedAs(contact) === rating);
          const timely = ofRating.filter(inTime).length;
          return {
            key: rating,
            cells: {
              rating: ratingLabels[rating],
              decided: ofRating.length,
              inTime: timely,
              percent: percent(timely, ofRating.length),
              openOverdue: open.filter((contact) => ratedAs(contact) === rating).length,
            },
          };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const { decided, open } = await contactsOnTheClock(context, scope);
    const chosen = rowKey === null ? decided : [...decided, ...open].filter((contact) => ratedAs(contact) === rowKey);
    const names = await contactChildNames(context.sql, chosen.map((contact) => contact.contactId));
    const day = workingDayMinutes(context.frontDoorClocks.hours);
    const late = (from: Date, to: Date) => Math.floor(workingMsBetween(context.frontDoorClocks.hours, from, to) / MS_PER_MINUTE);
    return chosen.map((contact): Counted => {
      const overdueBy = late(contact.dueAt, contact.decidedAt ?? context.now);
      const outcome =
        contact.decidedAt === null
          ? `Still open, overdue${overdueBy > 0 ? ` by ${workingTimeWords(overdueBy, day)}` : ""}`
          : inTime(contact)
            ? "Decided in time"
            : `Missed${overdueBy > 0 ? ` by ${workingTimeWords(overdueBy, day)}` : ""}`;
      return {
        caseId: contact.caseId,
        contactId: contact.contactId,
        childName: names.get(contact.contactId) ?? "",
        agencyId: contact.agencyId,
        dates: [
          { label: "Received", date: englandDate(contact.receivedAt) },
          { label: "Due", date: englandDate(contact.dueAt) },
          ...(contact.decidedAt ? [{ label: "Decided", date: englandDate(contact.decidedAt) }] : []),
        ],
        outcome: `${ratingLabels[ratedAs(contact)]}: ${outcome}`,
      };
    });
  },
};
