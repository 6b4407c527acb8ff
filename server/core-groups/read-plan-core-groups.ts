// What the plan page shows of its core groups: each with its clock and whether its notes are signed off, the clock of
// the next one, how often they meet, whether this person may schedule one, and each action's latest progress.
import type { Sql } from "../../db/client";
import { intervalWords, progressStatusNames, type ProgressStatus } from "../../common/forms/core-groups";
import { formatDateTime } from "../../common/format";
import { clockView, type StatutoryClock } from "../../common/statutory-clock";
import { nextCoreGroupResource } from "../access/core-group-resources";
import { can, type Actor, type CaseFacts } from "../access/policy";
import type { Calendar } from "../calendar/working-days";
import { latestProgress } from "./action-progress";
import { coreGroupClocks, getCoreGroupInterval } from "./core-group-clock";
import { listPlanCoreGroups } from "./core-groups";

export async function readPlanCoreGroups(
  sql: Sql,
  calendar: Calendar,
  actor: Actor,
  facts: CaseFacts,
  plan: { id: number; startedOn: string; leadUserId: number; endedOn: string | null },
  today: string,
) {
  const [groups, interval, progress] = await Promise.all([listPlanCoreGroups(sql, plan.id), getCoreGroupInterval(sql, plan.id), latestProgress(sql, { planId: plan.id })]);
  const clocks = coreGroupClocks(calendar, { planStartedOn: plan.startedOn, interval: interval.workingDays, coreGroups: groups, today });
  const first: StatutoryClock = groups.length ? clocks.byId.get(groups[0].id)! : clocks.next;
  return {
    /** The first core group's clock: met or missed once it has been held, else due or overdue. */
    firstClock: first,
    list: groups.map((group, index) => ({
      id: group.id,
      number: index + 1,
      heldAt: formatDateTime(group.heldAt),
      signedOff: group.signedOff,
      clock: clockView(clocks.byId.get(group.id)!),
    })),
    next: plan.endedOn ? null : clockView(clocks.next),
    interval: intervalWords(interval.workingDays),
    canSchedule: can(actor, "chair:meeting", nextCoreGroupResource(facts, plan)),
    /** Each action's latest progress, by action id. */
    progress: Object.fromEntries(
      [...progress].map(([actionId, said]) => [
        actionId,
        {
          status: said.status as ProgressStatus,
          words: progressStatusNames[said.status],
          reason: said.reason,
          note: said.note,
          by: `${said.recordedBy} (${said.agencyName}), ${formatDateTime(said.recordedAt)}`,
          coreGroupId: said.coreGroupId,
        },
      ]),
    ),
  };
}

export type PlanCoreGroups = Awaited<ReturnType<typeof readPlanCoreGroups>>;
