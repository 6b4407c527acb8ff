// Child protection plans made by the initial conferences (./meetings.ts) and what happens under them: the plan's
// details, four outcomes of three or four actions each (owned by social care, health, the police, the school or the
// GP; some re-dated in a second version), core groups (the first within 10 working days for most, then about every
// six weeks; some late, with the reason; the next one scheduled for a plan still active), attendance, progress said on
// every action (most done by their date, some late, some never), the notes signed off; and the plan ended by the
// review that ended it. Written in the order the database allows: nothing is added to a signed-off core group or an
// ended plan, so those come last.
import { d, lastId, n, type Plan } from "./helpers";
import type { Sql } from "../client";

/** The plans, made when their initial conference was signed off (before the meetings, as reviews name their plan). */
export async function writePlans(tx: Sql): Promise<void> {
  const base = await lastId(tx, "child_protection_plans");
  await tx.unsafe(`
    create temp table gen_plan on commit drop as
    select ${n(base)} + row_number() over (order by m.held_at, e.case_no, e.ep) as plan_id,
           row_number() over (order by m.held_at, e.case_no, e.ep) as plan_no,
           e.case_no, e.ep, e.key, e.icpc_day as started_on, m.held_at + interval '2 hours' as created_at, m.chair,
           c.case_id, c.child_person_id, c.sw, e.category, e.cg1_day, e.cg1_due, e.plan_ended_on
      from gen_ep e join gen_meeting m on (m.case_no, m.ep, m.what) = (e.case_no, e.ep, 'initial') join gen_case c on c.case_no = e.case_no
     where e.plan and m.signed;
    alter table gen_plan add primary key (plan_no);
    create unique index on gen_plan (case_no, ep);
    update gen_meeting m set plan_id = p.plan_id from gen_plan p where (p.case_no, p.ep) = (m.case_no, m.ep) and m.what in ('initial', 'review');
  `);
}

/** An episode's plans (a child's second plan is written once the first has ended: one active plan per child). */
export async function insertPlans(tx: Sql, ep: number): Promise<void> {
  await tx.unsafe(`
    insert into child_protection_plans (id, case_id, child_person_id, started_on, created_at, created_by)
    overriding system value
    select plan_id, case_id, child_person_id, started_on, created_at, chair from gen_plan where ep = ${n(ep)} order by plan_id;
  `);
}

/** An episode's plans' contents, core groups and progress, and the plans that ended, ended. */
export async function writePlanContents(tx: Sql, plan: Plan, ep: number): Promise<void> {
  const today = d(plan.today);
  const e = n(ep);
  const outcomeBase = await lastId(tx, "plan_outcomes");
  const actionBase = await lastId(tx, "plan_actions");
  const coreGroupBase = await lastId(tx, "core_groups");
  await tx.unsafe(`
    insert into child_protection_plan_details (plan_id, version, primary_category, lead_user_id, visits, seen_alone, recorded_at, recorded_by)
    select plan_id, 1, category, sw, 'Every 10 working days', 'At every visit', created_at, chair from gen_plan where ep = ${e};
    create temp table gen_outcome_${e} on commit drop as
    select ${n(outcomeBase)} + row_number() over (order by p.plan_no, o) as outcome_id, p.plan_no, p.plan_id, o, p.created_at, p.chair
      from gen_plan p, generate_series(1, 4) o where p.ep = ${e};
    insert into plan_outcomes (id, plan_id, created_at, created_by) overriding system value
    select outcome_id, plan_id, created_at, chair from gen_outcome_${e} order by outcome_id;
    insert into plan_outcome_versions (outcome_id, plan_id, version, wording, recorded_at, recorded_by)
    select outcome_id, plan_id, 1, (array['The child is safe from violence at home.', 'The child''s health and development needs are met.',
             'The child goes to school every day, on time.', 'The child has safe adults to turn to.'])[o], created_at, chair from gen_outcome_${e};

    create temp table gen_action_${e} on commit drop as
    select ${n(actionBase)} + row_number() over (order by o.outcome_id, a) as action_id, o.outcome_id, o.plan_no, o.plan_id, a,
           p.started_on, p.plan_ended_on, p.created_at, p.chair, p.case_no,
           least(p.started_on + pg_temp.ri(o.outcome_id * 8 + a, 110, 14, 200),
                 greatest(p.started_on + 14, coalesce(p.plan_ended_on - 7, 'infinity'::date))) as due_on
      from gen_outcome_${e} o join gen_plan p using (plan_no), generate_series(1, 3 + (pg_temp.r(o.outcome_id, 111) < 0.5)::int) a;
    alter table gen_action_${e} add primary key (action_id);
    alter table gen_action_${e} add column slot int, add column user_id bigint, add column agency_id text, add column fate float8;
    update gen_action_${e} g set slot = t.slot, user_id = t.user_id, agency_id = t.agency_id, fate = pg_temp.r(g.action_id, 114)
      from gen_team t where t.case_no = g.case_no
       and t.slot = coalesce((select s.slot from gen_team s where s.case_no = g.case_no
                                and s.slot = (array[0, 0, 2, 3, 3, 6, 7])[1 + floor(pg_temp.r(g.action_id, 113) * 7)::int]), 0);
    insert into plan_actions (id, outcome_id, plan_id, created_at, created_by) overriding system value
    select action_id, outcome_id, plan_id, created_at, chair from gen_action_${e} order by action_id;
    insert into plan_action_versions (action_id, plan_id, version, what, why, owner_agency_id, owner_user_id, due_on, measure, recorded_at, recorded_by)
    select action_id, plan_id, 1, 'Agreed work with the family towards this outcome.', 'So that the worry named in the danger statement is addressed.',
           agency_id, user_id, due_on, 'Seen at visits and reported to the core group.', created_at, chair from gen_action_${e}
    union all
    select action_id, plan_id, 2, 'Agreed work with the family towards this outcome (re-dated).', 'So that the worry named in the danger statement is addressed.',
           agency_id, user_id, due_on + 30, 'Seen at visits and reported to the core group.', pg_temp.at(started_on + 40, 660), chair from gen_action_${e}
     where pg_temp.r(action_id, 115) < 0.15 and started_on + 40 < least(${today}, coalesce(plan_ended_on, 'infinity'::date));
    update gen_action_${e} set due_on = due_on + 30 where pg_temp.r(action_id, 115) < 0.15 and started_on + 40 < least(${today}, coalesce(plan_ended_on, 'infinity'::date));

    create temp table gen_cg_${e} (plan_no int, k int, held_on date, due_on date, primary key (plan_no, k)) on commit drop;
    insert into gen_cg_${e} select plan_no, 1, cg1_day, cg1_due from gen_plan where ep = ${e} and cg1_day < coalesce(plan_ended_on, 'infinity'::date);
  `);
  // Each core group from the one before, while the plan lasts; the first not yet held is scheduled, not signed off.
  for (let k = 2; ; k++) {
    const added = await tx.unsafe(`
      insert into gen_cg_${e}
      select c.plan_no, ${k}, h.held_on, pg_temp.awd(c.held_on, 30)
        from gen_cg_${e} c join gen_plan p using (plan_no),
             lateral (select pg_temp.awd(c.held_on, case when pg_temp.r(c.plan_no * 64 + ${k}, 120) < 0.92 then pg_temp.ri(c.plan_no * 64 + ${k}, 121, 27, 30)
                                                          else pg_temp.ri(c.plan_no * 64 + ${k}, 121, 31, 38) end) as held_on) h
       where c.k = ${k - 1} and c.held_on < ${today} and h.held_on < coalesce(p.plan_ended_on, 'infinity'::date)`);
    if (added.count === 0 || k > 200) break;
  }
  await tx.unsafe(`
    create temp table gen_core_group_${e} on commit drop as
    select ${n(coreGroupBase)} + row_number() over (order by c.held_on, c.plan_no, c.k) as core_group_id, c.*, p.plan_id, p.case_no,
           pg_temp.at(c.held_on, 600 + pg_temp.ri(c.plan_no * 64 + c.k, 122, 0, 300)) as held_at, c.held_on < ${today} as signed, p.sw, p.created_at
      from gen_cg_${e} c join gen_plan p using (plan_no);
    alter table gen_core_group_${e} add primary key (core_group_id);
    create index on gen_core_group_${e} (plan_no, held_on);
    insert into core_groups (id, case_id, plan_id, held_at, held_on, how, late_reason, scheduled_at, scheduled_by)
    overriding system value
    select g.core_group_id, c.case_id, g.plan_id, g.held_at, g.held_on, case when pg_temp.r(g.core_group_id, 123) < 0.7 then 'in_person' else 'video' end,
           case when g.held_on > g.due_on then 'Two members could not attend on the day it was due.' end,
           greatest(g.created_at, g.held_at - interval '10 days'), g.sw
      from gen_core_group_${e} g join gen_case c using (case_no) order by g.core_group_id;
    insert into core_group_members (core_group_id, user_id, agency_id, attendance, attendance_recorded_at, attendance_recorded_by)
    select g.core_group_id, t.user_id, t.agency_id,
           case when not g.signed then 'invited' when t.slot = 0 or pg_temp.r(g.core_group_id * 8 + t.slot, 124) < 0.85 then 'present'
                when pg_temp.r(g.core_group_id * 8 + t.slot, 124) < 0.95 then 'apologies' else 'did_not_attend' end,
           case when g.signed then g.held_at + interval '1 hour' end, case when g.signed then g.sw end
      from gen_core_group_${e} g join gen_team t on t.case_no = g.case_no and t.slot in (0, 2, 3, 6, 7);

    insert into core_group_progress (core_group_id, plan_id, action_id, status, reason, note, recorded_at, recorded_by, recorded_by_agency_id)
    select g.core_group_id, a.plan_id, a.action_id, case when pg_temp.r(a.action_id, 125) < 0.3 then 'not_started' else 'on_track' end, '',
           'Started with the family.', g.held_at + interval '30 minutes', a.user_id, a.agency_id
      from gen_action_${e} a join gen_core_group_${e} g on g.plan_no = a.plan_no and g.k = 1 and g.signed
    union all
    select g.core_group_id, a.plan_id, a.action_id, case when a.fate < 0.86 then 'done' else 'at_risk' end,
           case when a.fate < 0.86 then '' else 'The family have not yet engaged with this.' end, '', g.held_at + interval '40 minutes', a.user_id, a.agency_id
      from gen_action_${e} a,
           lateral (select coalesce(
                      case when a.fate < 0.72 then (select core_group_id from gen_core_group_${e} g where g.plan_no = a.plan_no and g.k > 1 and g.signed
                                                      and g.held_on <= a.due_on order by g.held_on desc limit 1) end,
                      (select core_group_id from gen_core_group_${e} g where g.plan_no = a.plan_no and g.k > 1 and g.signed
                          and g.held_on > a.due_on order by g.held_on limit 1)) as id) chosen
      join gen_core_group_${e} g on g.core_group_id = chosen.id;

    update core_groups x set signed_off_at = g.held_at + interval '3 hours', signed_off_by = g.sw
      from gen_core_group_${e} g where x.id = g.core_group_id and g.signed;
    update child_protection_plans x set ended_on = p.plan_ended_on, ended_at = m.held_at + interval '2 hours', ended_by = m.chair,
           end_reason = 'The child is no longer at continuing risk of significant harm.',
           what_follows = case when pg_temp.r(p.key, 95) < 0.7 then 'child_in_need_plan' else 'closure' end
      from gen_plan p join gen_meeting m on (m.case_no, m.ep, m.what) = (p.case_no, p.ep, 'review') and m.ends
     where x.id = p.plan_id and p.plan_ended_on is not null and p.ep = ${e};
  `);
}

/** Each case's category and whether it is closed, from its latest plan. */
export async function settleCases(tx: Sql): Promise<void> {
  await tx.unsafe(`
    update cases x set category = p.category,
           status = case when p.plan_ended_on is not null and pg_temp.r(p.key, 95) >= 0.7 then 'closed' else 'open' end,
           closed_on = case when p.plan_ended_on is not null and pg_temp.r(p.key, 95) >= 0.7 then p.plan_ended_on end
      from (select distinct on (case_no) * from gen_plan order by case_no, ep desc) p join gen_case c using (case_no)
     where x.id = c.case_id;
  `);
}
