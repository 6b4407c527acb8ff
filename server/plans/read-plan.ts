// A child protection plan as it stands, or as it stood at an earlier moment (`at`: the versions recorded before it),
// with every change that made it: who, from which agency, when, and what.
import type { Sql } from "../../db/client";
import type { PlanCategory, WhatFollowsPlan } from "../../common/forms/plan";

export type Recorded = { at: Date; by: string; agency: string };

export type PlanActionView = {
  id: number;
  /** "2.1": the second outcome's first action. */
  number: string;
  what: string;
  why: string;
  ownerUserId: number;
  ownerName: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  dueOn: string;
  measure: string;
  version: number;
  recorded: Recorded;
};

export type PlanOutcomeView = { id: number; number: number; wording: string; version: number; recorded: Recorded; actions: PlanActionView[] };

export type PlanChange = { at: Date; by: string; agency: string; what: string };

export type PlanView = {
  id: number;
  startedOn: string;
  createdAt: Date;
  ended: { on: string; reason: string; whatFollows: WhatFollowsPlan } | null;
  primaryCategory: PlanCategory;
  otherCategories: PlanCategory[];
  leadUserId: number;
  leadName: string;
  leadAgencyName: string;
  visits: string;
  seenAlone: string;
  outcomes: PlanOutcomeView[];
  /** Newest first. */
  changes: PlanChange[];
};

type Row<T> = T & { recordedAt: Date; recordedBy: string; recordedByAgency: string };
const recorded = <T>(row: Row<T>): Recorded => ({ at: row.recordedAt, by: row.recordedBy, agency: row.recordedByAgency });

/** The case's plan: the active one, else the latest; with `at`, the latest made before then, as it stood then. */
export async function readPlan(sql: Sql, caseId: number, opts: { at?: Date } = {}): Promise<PlanView | null> {
  const upto = opts.at ?? null;
  const [plan] = await sql<
    { id: string; startedOn: string; createdAt: Date; endedOn: string | null; endReason: string | null; whatFollows: WhatFollowsPlan | null }[]
  >`
    select p.id, to_char(p.started_on, 'YYYY-MM-DD') as "startedOn", p.created_at as "createdAt",
           case when ${upto}::timestamptz is null or p.ended_at < ${upto} then to_char(p.ended_on, 'YYYY-MM-DD') end as "endedOn",
           case when ${upto}::timestamptz is null or p.ended_at < ${upto} then p.end_reason end as "endReason",
           case when ${upto}::timestamptz is null or p.ended_at < ${upto} then p.what_follows end as "whatFollows"
    from child_protection_plans p
    where p.case_id = ${caseId} and (${upto}::timestamptz is null or p.created_at < ${upto})
    order by (p.ended_on is null or (${upto}::timestamptz is not null and p.ended_at >= ${upto})) desc, p.started_on desc, p.id desc
    limit 1`;
  if (!plan) return null;
  const planId = Number(plan.id);
  const [details] = await sql<
    Row<{ version: number; primaryCategory: PlanCategory; otherCategories: PlanCategory[]; leadUserId: string; leadName: string; leadAgencyName: string; visits: string; seenAlone: string }>[]
  >`
    select d.version, d.primary_category as "primaryCategory", d.other_categories as "otherCategories",
           d.lead_user_id as "leadUserId", lead.full_name as "leadName", lead_agency.name as "leadAgencyName", d.visits,
           d.seen_alone as "seenAlone", d.recorded_at as "recordedAt", u.full_name as "recordedBy", a.name as "recordedByAgency"
    from child_protection_plan_details d
    join users lead on lead.id = d.lead_user_id join agencies lead_agency on lead_agency.id = lead.agency_id
    join users u on u.id = d.recorded_by join agencies a on a.id = u.agency_id
    where d.plan_id = ${planId} and (${upto}::timestamptz is null or d.recorded_at < ${upto})
    order by d.version desc limit 1`;
  const outcomes = await sql<Row<{ id: string; version: number; wording: string }>[]>`
    select o.id, v.version, v.wording, v.recorded_at as "recordedAt", u.full_name as "recordedBy", a.name as "recordedByAgency"
    from plan_outcomes o
    join lateral (
      select * from plan_outcome_versions v
      where v.outcome_id = o.id and (${upto}::timestamptz is null or v.recorded_at < ${upto})
      order by v.version desc limit 1
    ) v on true
    join users u on u.id = v.recorded_by join agencies a on a.id = u.agency_id
    where o.plan_id = ${planId}
    order by o.id`;
  const actions = await sql<
    Row<{ id: string; outcomeId: string; version: number; what: string; why: string; ownerUserId: string; ownerName: string; ownerAgencyId: string; ownerAgencyName: string; dueOn: string; measure: string }>[]
  >`
    select pa.id, pa.outcome_id as "outcomeId", v.version, v.what, v.why, v.owner_user_id as "ownerUserId",
           owner.full_name as "ownerName", v.owner_agency_id as "ownerAgencyId", owner_agency.name as "ownerAgencyName",
           to_char(v.due_on, 'YYYY-MM-DD') as "dueOn", v.measure, v.recorded_at as "recordedAt", u.full_name as "recordedBy",
           a.name as "recordedByAgency"
    from plan_actions pa
    join lateral (
      select * from plan_action_versions v
      where v.action_id = pa.id and (${upto}::timestamptz is null or v.recorded_at < ${upto})
      order by v.version desc limit 1
    ) v on true
    join users owner on owner.id = v.owner_user_id join agencies owner_agency on owner_agency.id = v.owner_agency_id
    join users u on u.id = v.recorded_by join agencies a on a.id = u.agency_id
    where pa.plan_id = ${planId}
    order by pa.id`;
  const outcomeViews: PlanOutcomeView[] = outcomes.map((outcome, index) => ({
    id: Number(outcome.id),
    number: index + 1,
    wording: outcome.wording,
    version: outcome.version,
    recorded: recorded(outcome),
    actions: [],
  }));
  const byId = new Map(outcomeViews.map((outcome) => [outcome.id, outcome]));
  for (const action of actions) {
    const outcome = byId.get(Number(action.outcomeId));
    if (!outcome) continue;
    outcome.actions.push({
      id: Number(action.id),
      number: `${outcome.number}.${outcome.actions.length + 1}`,
      what: action.what,
      why: action.why,
      ownerUserId: Number(action.ownerUserId),
      ownerName: action.ownerName,
      ownerAgencyId: action.ownerAgencyId,
      ownerAgencyName: action.ownerAgencyName,
      dueOn: action.dueOn,
      measure: action.measure,
      version: action.version,
      recorded: recorded(action),
    });
  }
  return {
    id: planId,
    startedOn: plan.startedOn,
    createdAt: plan.createdAt,
    ended: plan.endedOn ? { on: plan.endedOn, reason: plan.endReason!, whatFollows: plan.whatFollows! } : null,
    primaryCategory: details.primaryCategory,
    otherCategories: details.otherCategories,
    leadUserId: Number(details.leadUserId),
    leadName: details.leadName,
    leadAgencyName: details.leadAgencyName,
    visits: details.visits,
    seenAlone: details.seenAlone,
    outcomes: outcomeViews,
    changes: await listPlanChanges(sql, planId, upto, outcomeViews),
  };
}

/** Every change up to `upto`, newest first, named by the outcome's and action's numbers as the plan shows them. */
async function listPlanChanges(sql: Sql, planId: number, upto: Date | null, outcomes: PlanOutcomeView[]): Promise<PlanChange[]> {
  const rows = await sql<{ kind: "details" | "outcome" | "action" | "ended"; id: string; version: number; at: Date; by: string; agency: string }[]>`
    select c.kind, c.id, c.version, c.at, u.full_name as by, a.name as agency
    from (
      select 'details' as kind, plan_id as id, version, recorded_at as at, recorded_by as by_user from child_protection_plan_details where plan_id = ${planId}
      union all
      select 'outcome', outcome_id, version, recorded_at, recorded_by from plan_outcome_versions where plan_id = ${planId}
      union all
      select 'action', action_id, version, recorded_at, recorded_by from plan_action_versions where plan_id = ${planId}
      union all
      select 'ended', id, 1, ended_at, ended_by from child_protection_plans where id = ${planId} and ended_at is not null
    ) c
    join users u on u.id = c.by_user join agencies a on a.id = u.agency_id
    where ${upto}::timestamptz is null or c.at < ${upto}
    order by c.at desc, array_position(array['ended', 'action', 'outcome', 'details'], c.kind), c.id desc, c.version desc`;
  const outcomeNumber = new Map(outcomes.map((outcome) => [outcome.id, outcome.number]));
  const actionNumber = new Map(outcomes.flatMap((outcome) => outcome.actions.map((action) => [action.id, action.number] as const)));
  const describe = (row: (typeof rows)[number]) => {
    const first = row.version === 1;
    switch (row.kind) {
      case "details":
        return first ? "Made the plan" : "Changed how often the child is visited and seen alone";
      case "outcome":
        return `${first ? "Added" : "Changed the wording of"} outcome ${outcomeNumber.get(Number(row.id)) ?? ""}`.trim();
      case "action":
        return `${first ? "Added" : "Changed"} action ${actionNumber.get(Number(row.id)) ?? ""}`.trim();
      case "ended":
        return "Ended the plan";
    }
  };
  return rows.map((row) => ({ at: row.at, by: row.by, agency: row.agency, what: describe(row) }));
}
