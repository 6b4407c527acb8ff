// What the plan page shows, composed once for its loader: the plan (now, or as it stood at the end of a day), its
// clocks, who may own an action, whether this person may change it, and its live contingency plan.
import type { Sql } from "../../db/client";
import { formatDate, formatDateTime } from "../../common/format";
import { instantInEngland } from "../../common/forms/dates";
import { planCategoryNames, whatFollowsPlanNames } from "../../common/forms/plan";
import { meetingKindNames } from "../../common/meeting-kinds";
import { clockView, type StatutoryClock } from "../../common/statutory-clock";
import { can, type CaseFacts } from "../access/policy";
import { planRecord, planResource } from "../access/resources";
import { addCalendarDays } from "../../common/calendar-dates";
import { statutoryClock, statutoryRules } from "../calendar/statutory-clock";
import type { Calendar } from "../calendar/working-days";
import { getFrontSheet } from "../cases/get-front-sheet";
import { liveDocumentFor, type LiveDocumentReader } from "../documents/live-document-view";
import { planName } from "../documents/plan";
import { listPlanOwners, ownerOption } from "./plans";
import { readPlan, type PlanView, type Recorded } from "./read-plan";
import { readPlanCoreGroups } from "../core-groups/read-plan-core-groups";
import { planReview } from "../meetings/conference-clocks";

const recordedWords = (recorded: Recorded) => `${recorded.by} (${recorded.agency}), ${formatDateTime(recorded.at)}`;

/** The date in England an instant falls on. */
const englandDate = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(at);

export async function readPlanPage(
  sql: Sql,
  calendar: Calendar,
  reader: LiveDocumentReader,
  facts: CaseFacts,
  opts: { today: string; at: string | null },
) {
  // The plan at the end of the day asked for: every version recorded before midnight in England.
  const before = opts.at ? instantInEngland(addCalendarDays(opts.at, 1), "00:00") : undefined;
  const [sheet, plan, owners] = await Promise.all([getFrontSheet(sql, facts.caseId), readPlan(sql, facts.caseId, { at: before }), listPlanOwners(sql, facts.caseId)]);
  const childName = sheet?.child?.fullName ?? "the child";
  const current = plan && !opts.at ? plan : null;
  const planFacts = plan ? { leadUserId: plan.leadUserId, endedOn: plan.ended?.on ?? null } : null;
  const canChange = !!current && !!planFacts && can(reader.actor, "change:plan", planResource(facts, planFacts));
  const coreGroups = plan && planFacts && !opts.at ? await readPlanCoreGroups(sql, calendar, reader.actor, facts, { ...plan, ...planFacts }, opts.today) : null;
  const review = current && !current.ended ? await planReview(sql, calendar, { ...current, caseId: facts.caseId }, opts.today) : null;
  return {
    caseId: facts.caseId,
    childName,
    firstName: childName.split(" ")[0],
    reference: sheet?.reference ?? "",
    at: opts.at ? { iso: opts.at, words: formatDate(opts.at) } : null,
    plan: plan ? planView(plan, calendar, opts, coreGroups?.firstClock) : null,
    coreGroups,
    review: review
      ? {
          clock: clockView(review.clock),
          convened: review.convened
            ? { id: review.convened.id, title: `${meetingKindNames[review.convened.kind]}, ${formatDateTime(review.convened.heldAt)}` }
            : null,
          // The question the review's convening page asks before it lets anyone convene it.
          mayConvene: !review.convened && can(reader.actor, "convene:meeting", { type: "case", case: facts }),
        }
      : null,
    canChange,
    owners: canChange ? owners.map(ownerOption) : [],
    live: current && planFacts ? contingencyFor(reader, facts, planFacts, current) : null,
  };
}

function planView(plan: PlanView, calendar: Calendar, opts: { today: string; at: string | null }, firstCoreGroup?: StatutoryClock) {
  // The clocks run on the plan as it stands; an ended plan has none. The review's clock is the page's `review`.
  const clocks =
    opts.at || plan.ended
      ? null
      : { firstCoreGroup: clockView(firstCoreGroup ?? statutoryClock(calendar, { start: plan.startedOn, rule: statutoryRules.firstCoreGroup, today: opts.today })) };
  return {
    id: plan.id,
    startedOn: formatDate(plan.startedOn),
    ended: plan.ended ? { on: formatDate(plan.ended.on), reason: plan.ended.reason, whatFollows: whatFollowsPlanNames[plan.ended.whatFollows] } : null,
    category: planCategoryNames[plan.primaryCategory],
    otherCategories: plan.otherCategories.map((category) => planCategoryNames[category]),
    lead: `${plan.leadName} (${plan.leadAgencyName})`,
    visits: plan.visits,
    seenAlone: plan.seenAlone,
    clocks,
    outcomes: plan.outcomes.map((outcome) => ({
      id: outcome.id,
      number: outcome.number,
      wording: outcome.wording,
      recorded: recordedWords(outcome.recorded),
      actions: outcome.actions.map((action) => ({
        id: action.id,
        number: action.number,
        what: action.what,
        why: action.why,
        owner: `${action.ownerName} (${action.ownerAgencyName})`,
        dueOn: formatDate(action.dueOn),
        measure: action.measure,
        recorded: recordedWords(action.recorded),
      })),
    })),
    changes: plan.changes.map((change) => ({ when: formatDateTime(change.at), on: englandDate(change.at), who: `${change.by} (${change.agency})`, what: change.what })),
  };
}

/** The live contingency plan: whether this person may write it, and, when the plan has ended, why nobody can. */
function contingencyFor(reader: LiveDocumentReader, facts: CaseFacts, plan: { leadUserId: number; endedOn: string | null }, view: PlanView) {
  const live = liveDocumentFor(reader, planRecord(facts, plan), planName(facts.caseId), "the contingency plan", false);
  if (view.ended && facts.status === "open")
    return { ...live, readOnlyReason: `This plan ended on ${formatDate(view.ended.on)}. You can read the contingency plan but no one can change it.` };
  return live;
}

export type PlanPageData = Awaited<ReturnType<typeof readPlanPage>>;
