// The cases, each opened by a referral's strategy discussion, and each case's story worked out before anything of it
// is written (the meetings, plans and core groups of ./meetings.ts and ./plans.ts follow from it):
// - gen_case: the child (as referred), its family, the team (a lead social worker, team manager, chair, police
//   officer, health visitor, and the school's lead or a GP);
// - gen_ep: one episode per case, and for about three in ten whose plan ended a second (a second plan): one to three
//   strategy meetings or discussions; most calling an initial conference, within 15 working days for about four in
//   five; most conferences making a plan; the plan reviewed at 3 months then 6-monthly, ending at its last review;
// - gen_review: each review held by today, on time or late, and whether it ends the plan.
import { d, lastId, type Plan } from "./helpers";
import type { Sql } from "../client";

export async function generateCases(tx: Sql, plan: Plan): Promise<void> {
  const caseBase = await lastId(tx, "cases");
  const personBase = await lastId(tx, "case_people");
  await tx.unsafe(`
    create temp table gen_case on commit drop as
    select c.case_no, ${caseBase} + c.case_no as case_id, c.g, c.ident, c.decided_at, (c.decided_at at time zone 'Europe/London')::date as opened_on,
           ch.full_name as child_name, ch.date_of_birth, ch.nhs_number, ch.address, hm.full_name as mother_name,
           ${personBase} + 3 * c.case_no - 2 as child_person_id, ${personBase} + 3 * c.case_no - 1 as mother_person_id,
           pg_temp.pick_user('sw', pg_temp.r(c.case_no, 50)) as sw, pg_temp.pick_user('manager', pg_temp.r(c.case_no, 51)) as manager,
           pg_temp.pick_user('chair', pg_temp.r(c.case_no, 52)) as chair, pg_temp.pick_user('police', pg_temp.r(c.case_no, 53)) as police,
           pg_temp.pick_user('health', pg_temp.r(c.case_no, 54)) as health,
           case when ch.date_of_birth < (c.decided_at at time zone 'Europe/London')::date - 1500 and pg_temp.r(c.case_no, 55) < 0.9
                then pg_temp.pick_user('school', pg_temp.r(c.case_no, 56)) end as school,
           case when pg_temp.r(c.case_no, 57) < 0.5 then pg_temp.pick_user('gp', pg_temp.r(c.case_no, 58)) end as gp,
           pg_temp.ri(c.case_no, 59, 3, 7) as risk
      from gen_contact c
      join contact_children ch on ch.contact_id = c.contact_id
      join contact_household_members hm on hm.contact_id = c.contact_id
     where c.case_no is not null;
    alter table gen_case add primary key (case_no);
    alter table gen_case add column first_meeting_id bigint;

    insert into cases (id, reference, opened_on, created_at)
    overriding system value
    select case_id, 'SBC-' || extract(year from opened_on) || '-' || lpad(case_no::text, 5, '0'), opened_on, decided_at from gen_case order by case_no;
    insert into case_people (id, case_id, kind, is_subject, full_name, date_of_birth, nhs_number, relationship, parental_responsibility, address)
    overriding system value
    select child_person_id, case_id, 'child', true, child_name, date_of_birth, nhs_number, '', false, address from gen_case
    union all
    select mother_person_id, case_id, 'family', false, mother_name, date_of_birth - pg_temp.ri(case_no, 60, 6500, 12000), null, 'Mother', true, address from gen_case
    union all
    select child_person_id + 2, case_id, case when pg_temp.r(case_no, 61) < 0.5 then 'child' else 'family' end, false,
           case when pg_temp.r(case_no, 61) < 0.5 then 'Sibling of ' else 'Partner of ' end || mother_name,
           null, null, case when pg_temp.r(case_no, 61) < 0.5 then 'Sibling' else 'Mother''s partner' end, false, address from gen_case;

    create temp table gen_team on commit drop as
    select case_no, slot, user_id, agency_id from (
      select c.case_no, t.slot, t.user_id from gen_case c,
             lateral (values (0, c.sw), (1, c.manager), (2, c.police), (3, c.health), (4, coalesce(c.school, c.gp, c.sw)),
                             (5, c.chair), (6, c.school), (7, c.gp)) t (slot, user_id)
    ) x join users u on u.id = x.user_id;
    alter table gen_team add primary key (case_no, slot);
    insert into case_agencies (case_id, agency_id, is_lead, added_at)
    select distinct on (c.case_id, t.agency_id) c.case_id, t.agency_id, t.slot = 0, c.decided_at
      from gen_team t join gen_case c using (case_no) order by c.case_id, t.agency_id, t.slot;
    insert into case_members (case_id, user_id, role_on_case, is_lead, added_at)
    select c.case_id, t.user_id,
           (array['Lead social worker', 'Team manager', 'Public protection officer', 'Health visitor', '', 'Child protection chair', 'Designated safeguarding lead', 'GP'])[t.slot + 1],
           t.slot = 0, c.decided_at
      from gen_team t join gen_case c using (case_no) where t.slot <> 4 order by c.case_id, t.slot;

    create temp table gen_ep on commit drop as
    select case_no, 1 as ep, case_no * 2 + 1 as key, decided_at,
           pg_temp.awd(opened_on, case when pg_temp.r(case_no, 70) < 0.85 then pg_temp.ri(case_no, 71, 1, 3) else pg_temp.ri(case_no, 71, 4, 8) end) as first_day,
           case when pg_temp.r(case_no, 72) < 0.25 then 1 when pg_temp.r(case_no, 72) < 0.7 then 2 else 3 end as meetings,
           pg_temp.r(case_no, 73) < 0.82 as icpc, pg_temp.r(case_no, 74) < 0.88 as plan
      from gen_case;
  `);
  await episodeDays(tx, plan, 1);
  // A second episode, and so a second plan, for about three in ten children whose first plan ended.
  await tx.unsafe(`
    insert into gen_ep (case_no, ep, key, decided_at, first_day, meetings, icpc, plan)
    select case_no, 2, case_no * 2 + 2, null, pg_temp.awd(plan_ended_on + pg_temp.ri(case_no, 75, 60, 400), 1),
           1 + (pg_temp.r(case_no, 76) < 0.4)::int, pg_temp.r(case_no, 77) < 0.9, pg_temp.r(case_no, 78) < 0.9
      from gen_ep
     where ep = 1 and plan_ended_on is not null and pg_temp.r(case_no, 79) < 0.3
       and pg_temp.awd(plan_ended_on + pg_temp.ri(case_no, 75, 60, 400), 1) < ${d(plan.today)} - 5;
  `);
  await episodeDays(tx, plan, 2);
}

/** The days of an episode's meetings, conference, first core group and reviews, all by today (or one just after). */
async function episodeDays(tx: Sql, plan: Plan, ep: number): Promise<void> {
  const today = d(plan.today);
  if (ep === 1)
    await tx.unsafe(`
      alter table gen_ep add primary key (case_no, ep);
      alter table gen_ep add column sm_days date[], add column icpc_day date, add column icpc_due date, add column cg1_day date,
        add column cg1_due date, add column reviews int, add column category text, add column plan_ended_on date;
      create temp table gen_review (case_no int, ep int, j int, held_on date, due_on date, ends boolean, primary key (case_no, ep, j)) on commit drop;
    `);
  await tx.unsafe(`
    update gen_ep set sm_days = array[first_day] ||
        case when meetings >= 2 then array[pg_temp.awd(first_day, pg_temp.ri(key, 80, 4, 10))] else '{}' end ||
        case when meetings >= 3 then array[pg_temp.awd(first_day, pg_temp.ri(key, 80, 4, 10) + pg_temp.ri(key, 81, 4, 10))] else '{}' end
     where ep = ${ep};
    update gen_ep set icpc_due = pg_temp.awd(sm_days[meetings], 15),
        icpc_day = pg_temp.awd(sm_days[meetings], case when pg_temp.r(key, 82) < 0.82 then pg_temp.ri(key, 83, 8, 15) else pg_temp.ri(key, 83, 16, 24) end),
        reviews = case when pg_temp.r(key, 84) < 0.15 then 1 when pg_temp.r(key, 84) < 0.5 then 2 when pg_temp.r(key, 84) < 0.75 then 3
                       when pg_temp.r(key, 84) < 0.9 then 4 when pg_temp.r(key, 84) < 0.97 then 5 else 6 end,
        category = case when pg_temp.r(key, 85) < 0.5 then 'neglect' when pg_temp.r(key, 85) < 0.87 then 'emotional_abuse'
                        when pg_temp.r(key, 85) < 0.96 then 'physical_abuse' else 'sexual_abuse' end
     where ep = ${ep};
    -- A conference only from a strategy meeting already held; a plan only from a conference already held.
    update gen_ep set icpc = icpc and sm_days[meetings] < ${today} - 1, plan = plan and icpc and sm_days[meetings] < ${today} - 1 and icpc_day < ${today}
     where ep = ${ep};
    update gen_ep set cg1_due = pg_temp.awd(icpc_day, 10),
        cg1_day = pg_temp.awd(icpc_day, case when pg_temp.r(key, 86) < 0.88 then pg_temp.ri(key, 87, 5, 10) else pg_temp.ri(key, 87, 11, 15) end)
     where ep = ${ep} and plan;
  `);
  for (let j = 1; j <= 6; j++) {
    const from = j === 1 ? `select case_no, ep, key, reviews, icpc_day as start, 3 as months from gen_ep where ep = ${ep} and plan`
      : `select e.case_no, e.ep, e.key, e.reviews, r.held_on as start, 6 as months from gen_review r join gen_ep e using (case_no, ep)
          where r.ep = ${ep} and r.j = ${j - 1} and not r.ends`;
    await tx.unsafe(`
      insert into gen_review (case_no, ep, j, held_on, due_on, ends)
      select case_no, ep, ${j}, held_on, due_on, ${j} >= reviews from (
        select case_no, ep, reviews, due_on,
               case when pg_temp.r(key * 8 + ${j}, 88) < 0.9 then pg_temp.awd(due_on, -pg_temp.ri(key * 8 + ${j}, 89, 0, 8))
                    else pg_temp.awd(due_on, pg_temp.ri(key * 8 + ${j}, 89, 3, 12)) end as held_on
          from (select *, (start + make_interval(months => months))::date as due_on from (${from}) f) s) x
       where held_on < ${today};
    `);
  }
  await tx.unsafe(`
    update gen_ep e set plan_ended_on = r.held_on from gen_review r where r.case_no = e.case_no and r.ep = e.ep and r.ends and e.ep = ${ep};
  `);
}
