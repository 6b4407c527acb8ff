// Review child protection conferences held on time (issue 13 item 1; decision 041): the first review within 3 months
// of the initial conference, each later one within 6 months of the review before. The clock is the conference page's
// own (reviewClock, counted from the dates server/meetings/conference-clocks.ts counts from), applied here over the
// reviews the database finds.
import { todayInEngland } from "../../../common/forms/dates";
import { reviewClock } from "../../calendar/statutory-clock";
import type { Counted, MeasureContext, MeasureModule, OversightScope } from "../terms";
import { heldInTime, heldWords, onCasesOfTheAgency, rememberingCalendar, standsAt } from "./plan-figures";
import { percent, shareByMonth } from "./scope-figures";

type Row = {
  id: string;
  case_id: string;
  held_on: string;
  initial_on: string;
  last_review_on: string | null;
  late_reason: string;
  child_name: string;
  chair_agency_id: string;
};

/**
 * The review conferences held in the scope, each with its clock: from the plan's initial conference (the plan's start
 * where none is recorded), or from the latest signed-off review of the same plan held on or before it.
 */
async function reviews(context: MeasureContext, scope: OversightScope) {
  const { sql } = context;
  const calendar = rememberingCalendar(context.calendar);
  const until = standsAt(context, scope).day;
  const agency = scope.agencyId;
  const rows = await sql<Row[]>`
    select m.id, m.case_id, to_char(m.held_on, 'YYYY-MM-DD') as held_on,
           to_char(coalesce((select min(i.held_on) from meetings i where i.plan_id = m.plan_id and i.kind = 'initial_conference'), p.started_on),
                   'YYYY-MM-DD') as initial_on,
           to_char((select max(r.held_on) from meetings r
                     where r.plan_id = m.plan_id and r.kind = 'review_conference' and r.signed_off_at is not null
                       and r.id <> m.id and r.held_on <= m.held_on), 'YYYY-MM-DD') as last_review_on,
           m.late_reason, child.full_name as child_name, chair.agency_id as chair_agency_id
      from meetings m
      join child_protection_plans p on p.id = m.plan_id
      join case_people child on child.id = p.child_person_id
      join users chair on chair.id = m.chair_user_id
     where m.kind = 'review_conference' and m.held_on between ${scope.from}::date and ${until}::date
       and (${agency}::text is null or exists (select 1 from case_agencies ca where ca.case_id = m.case_id and ca.agency_id = ${agency}))
     order by m.held_on, m.id`;
  const today = todayInEngland(context.now);
  return rows.map((row) => {
    const clock = reviewClock(calendar, {
      initialConferenceOn: row.initial_on,
      lastReviewOn: row.last_review_on,
      today,
      happenedOn: row.held_on,
      reason: row.late_reason,
    });
    return { ...row, caseId: Number(row.case_id), clock, key: row.last_review_on ? "later" : "first", inTime: heldInTime(clock) };
  });
}

const rowLabels: Record<string, string> = {
  first: "First reviews (within 3 months of the initial conference)",
  later: "Later reviews (within 6 months of the review before)",
};

const definition =
  "Of the review child protection conferences held in these dates, the share held on time: the first review of a " +
  "plan on or before the day 3 months after the initial conference, each later review on or before the day 6 months " +
  "after the review before (31 January + 3 months is 30 April). A review counts on the day it was held. Plans that " +
  "are overdue a review not yet held are not counted here; each plan's page shows its clock. For one agency: reviews " +
  `on ${onCasesOfTheAgency}.`;

export const reviewsInTime: MeasureModule = {
  id: "reviews-in-time",
  async read(context, scope) {
    const held = await reviews(context, scope);
    const inTime = held.filter((review) => review.inTime).length;
    return {
      id: "reviews-in-time",
      group: "conferences-and-core-groups",
      title: "Review conferences on time",
      definition,
      headline: { value: percent(inTime, held.length), format: "percent", numerator: inTime, denominator: held.length },
      trend: {
        label: "Reviews held on time, by month held",
        format: "percent",
        points: shareByMonth(scope, held.map((review) => ({ month: review.held_on.slice(0, 7), counts: review.inTime }))),
      },
      table: {
        caption: "Review conferences held in these dates, first and later reviews",
        columns: [
          { key: "review", label: "Review", format: "text" },
          { key: "held", label: "Held", format: "count" },
          { key: "inTime", label: "On time", format: "count" },
          { key: "late", label: "Late", format: "count" },
          { key: "percent", label: "On time (%)", format: "percent" },
        ],
        rows: Object.entries(rowLabels).map(([key, label]) => {
          const ofKind = held.filter((review) => review.key === key);
          const onTime = ofKind.filter((review) => review.inTime).length;
          return {
            key,
            cells: { review: label, held: ofKind.length, inTime: onTime, late: ofKind.length - onTime, percent: percent(onTime, ofKind.length) },
          };
        }),
      },
    };
  },
  async counted(context, scope, rowKey) {
    const held = (await reviews(context, scope)).filter((review) => rowKey === null || review.key === rowKey);
    return held.map(
      (review): Counted => ({
        caseId: review.caseId,
        contactId: null,
        childName: review.child_name,
        agencyId: review.chair_agency_id,
        dates: [
          review.last_review_on
            ? { label: "Review before", date: review.last_review_on }
            : { label: "Initial conference", date: review.initial_on },
          { label: "Due by", date: review.clock.dueOn },
          { label: "Held", date: review.held_on },
        ],
        outcome: `${review.key === "first" ? "First review" : "Later review"}: ${heldWords(review.clock)}`,
        ...(!review.inTime && review.late_reason.trim() ? { caseWords: review.late_reason.trim() } : {}),
      }),
    );
  },
};
