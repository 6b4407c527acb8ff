// Every strategy meeting or discussion, initial conference and review conference of the episodes (./cases.ts), with
// its map, its invitees and attendance (mostly present), each attending agency's scaling (most scale; some record why
// not), the chair's decisions, actions, the family at conferences, the conference's decision; and sign-off, last, for
// every meeting held before today (the database freezes a meeting's record from then on, so its parts come first).
// A scaling is written before its meeting (the trigger that guards a signed-off map looks the meeting up by its map).
import { d, lastId, n, type Plan } from "./helpers";
import type { Sql } from "../client";

export async function planMeetings(tx: Sql, plan: Plan): Promise<void> {
  const base = await lastId(tx, "meetings");
  const mapBase = await lastId(tx, "case_maps");
  await tx.unsafe(`
    create temp table gen_meeting on commit drop as
    with m as (
      select e.case_no, e.ep, e.key, 'strategy' as what, s.j::int as j, s.day as held_on, null::date as due_on, (s.j = e.meetings and e.icpc) as calls_icpc
        from gen_ep e, unnest(e.sm_days) with ordinality s (day, j)
      union all
      select case_no, ep, key, 'initial', 0, icpc_day, icpc_due, false from gen_ep where icpc
      union all
      select r.case_no, r.ep, e.key, 'review', r.j, r.held_on, r.due_on, false from gen_review r join gen_ep e using (case_no, ep)
    )
    select row_number() over w as rn, ${n(base)} + row_number() over w as meeting_id, ${n(mapBase)} + row_number() over w as map_id, m.*
      from m window w as (order by held_on, case_no, ep, what, j);
    alter table gen_meeting add primary key (meeting_id);
    alter table gen_meeting add column held_at timestamptz, add column kind text, add column signed boolean, add column chair bigint,
      add column from_meeting_id bigint, add column plan_id bigint, add column ends boolean not null default false;
    update gen_meeting m set held_at = pg_temp.at(held_on, 600 + pg_temp.ri(meeting_id, 90, 0, 300)),
        kind = case what when 'initial' then 'initial_conference' when 'review' then 'review_conference'
                    else (case when pg_temp.r(meeting_id, 91) < 0.55 then 'discussion' else 'meeting' end) end,
        signed = held_on < ${d(plan.today)},
        chair = case when what = 'strategy' then c.manager else c.chair end
      from gen_case c where c.case_no = m.case_no;
    update gen_meeting i set from_meeting_id = s.meeting_id
      from gen_meeting s where i.what = 'initial' and s.case_no = i.case_no and s.ep = i.ep and s.calls_icpc;
    update gen_meeting m set ends = r.ends from gen_review r where m.what = 'review' and (r.case_no, r.ep, r.j) = (m.case_no, m.ep, m.j);
    update gen_case c set first_meeting_id = m.meeting_id from gen_meeting m where m.case_no = c.case_no and m.ep = 1 and m.what = 'strategy' and m.j = 1;

    create temp table gen_invitee on commit drop as
    select m.meeting_id, m.case_no, t.slot, t.user_id, t.agency_id,
           case when not m.signed then 'invited' when t.slot = 0 or pg_temp.r(m.meeting_id * 8 + t.slot, 92) < 0.88 then 'present'
                when pg_temp.r(m.meeting_id * 8 + t.slot, 92) < 0.96 then 'apologies' else 'did_not_attend' end as attendance
      from gen_meeting m join gen_team t on t.case_no = m.case_no and (t.slot in (0, 2, 3, 6) or (m.what <> 'strategy' and t.slot = 7));
  `);
}

/** An episode's meetings (a second plan's reviews need the plan, written once the first plan has ended). */
export async function writeMeetings(tx: Sql, plan: Plan, ep: number): Promise<void> {
  const today = d(plan.today);
  const e = n(ep);
  await tx.unsafe(`
    insert into case_maps (id, case_id, held_on, title, scaling_question, created_at, created_by)
    overriding system value
    select m.map_id, c.case_id, m.held_on, '', 'On a scale of 0 to 10, where 10 means everyone agrees the child is safe enough to close the case and 0 means harm is certain, where are we today?',
           m.held_at, m.chair
      from gen_meeting m join gen_case c using (case_no) where m.ep = ${e} order by m.map_id;
    insert into map_scalings (map_id, agency_id, score, reasons, recorded_at, recorded_by)
    select m.map_id, i.agency_id,
           least(10, greatest(0, c.risk + case when m.what = 'review' then m.j - 1 else 0 end + pg_temp.ri(m.meeting_id * 8 + i.slot, 93, -1, 1)
                 + case when pg_temp.r(m.meeting_id * 8 + i.slot, 94) < 0.1 then 3 * (2 * pg_temp.ri(m.meeting_id * 8 + i.slot, 95, 0, 1) - 1) else 0 end)),
           'What we know of the harm, and the safety that is there.', m.held_at + interval '40 minutes', i.user_id
      from gen_meeting m join gen_invitee i using (meeting_id) join gen_case c on c.case_no = m.case_no
     where m.ep = ${e} and i.attendance = 'present' and (i.slot = 0 or pg_temp.r(m.meeting_id * 8 + i.slot, 96) < 0.9);
    insert into meetings (id, case_id, kind, held_at, held_on, how, concern, chair_user_id, map_id, convened_at, convened_by,
                          from_meeting_id, plan_id, late_reason)
    overriding system value
    select m.meeting_id, c.case_id, m.kind, m.held_at, m.held_on,
           case when m.kind = 'discussion' then 'telephone' when pg_temp.r(m.meeting_id, 97) < 0.6 then 'in_person' else 'video' end,
           'The worry the referral raised, and what the agencies know.', m.chair, m.map_id,
           case when m.what = 'strategy' and m.j = 1 and m.ep = 1 then c.decided_at else m.held_at - interval '5 days' end,
           case when m.what = 'strategy' then c.manager else c.sw end,
           m.from_meeting_id, case when m.what = 'review' then m.plan_id end,
           case when m.held_on > m.due_on then 'The conference could not be quorate on the day it was due.' else '' end
      from gen_meeting m join gen_case c using (case_no) where m.ep = ${e} order by m.meeting_id;
    insert into meeting_invitees (meeting_id, user_id, agency_id, attendance, attendance_recorded_at, attendance_recorded_by)
    select i.meeting_id, i.user_id, i.agency_id, i.attendance, case when m.signed then m.held_at + interval '1 hour' end,
           case when m.signed then m.chair end
      from gen_invitee i join gen_meeting m using (meeting_id) where m.ep = ${e};
    insert into meeting_scaling_exemptions (meeting_id, agency_id, reason, recorded_at, recorded_by)
    select i.meeting_id, i.agency_id, 'Had not yet seen the family, so could not scale.', m.held_at + interval '50 minutes', m.chair
      from gen_invitee i join gen_meeting m using (meeting_id)
     where m.ep = ${e} and i.attendance = 'present' and i.slot <> 0 and pg_temp.r(m.meeting_id * 8 + i.slot, 96) >= 0.9
       and pg_temp.r(m.meeting_id * 8 + i.slot, 98) < 0.5;

    insert into meeting_decisions (meeting_id, section47, section47_why, police_investigation, immediate_protection, icpc, icpc_due_on,
                                   family_told, family_told_by, family_told_on, family_not_told_why, recorded_at, recorded_by)
    select meeting_id, calls_icpc or pg_temp.r(meeting_id, 100) < 0.6, 'Reasonable cause to suspect the child is suffering significant harm.',
           pg_temp.pick(array['none', 'none', 'single', 'joint'], pg_temp.r(meeting_id, 101)), pg_temp.r(meeting_id, 102) < 0.08,
           calls_icpc, case when calls_icpc then pg_temp.awd(held_on, 15) end,
           pg_temp.r(meeting_id, 103) < 0.85, 'Lead social worker', case when pg_temp.r(meeting_id, 103) < 0.85 then held_on end,
           case when pg_temp.r(meeting_id, 103) >= 0.85 then 'Telling the family now would put the child at risk.' else '' end,
           held_at + interval '1 hour', chair
      from gen_meeting where what = 'strategy' and signed and ep = ${e};
    insert into meeting_actions (meeting_id, what, owner_agency_id, owner_user_id, due_on, status, created_at, created_by, status_updated_at, status_updated_by)
    select m.meeting_id, a.what, t.agency_id, t.user_id, pg_temp.awd(m.held_on, a.days),
           case when pg_temp.awd(m.held_on, a.days) < ${today} and pg_temp.r(m.meeting_id * 2 + a.slot, 104) < 0.85 then 'done' else 'open' end,
           m.held_at + interval '1 hour', m.chair,
           case when pg_temp.awd(m.held_on, a.days) < ${today} and pg_temp.r(m.meeting_id * 2 + a.slot, 104) < 0.85 then pg_temp.at(pg_temp.awd(m.held_on, a.days - 1), 720) end,
           case when pg_temp.awd(m.held_on, a.days) < ${today} and pg_temp.r(m.meeting_id * 2 + a.slot, 104) < 0.85 then t.user_id end
      from gen_meeting m
      cross join (values (0, 'See the child alone and complete the enquiry.', 10), (2, 'Check police systems and share what is held.', 3)) a (slot, what, days)
      join gen_team t on t.case_no = m.case_no and t.slot = a.slot
     where m.what = 'strategy' and m.signed and m.ep = ${e};

    insert into meeting_family_attendees (meeting_id, case_id, person_id, attendance, attendance_recorded_at, attendance_recorded_by)
    select m.meeting_id, c.case_id, c.mother_person_id,
           case when pg_temp.r(m.meeting_id, 105) < 0.8 then 'present' when pg_temp.r(m.meeting_id, 105) < 0.9 then 'apologies' else 'did_not_attend' end,
           m.held_at + interval '1 hour', m.chair
      from gen_meeting m join gen_case c using (case_no) where m.what <> 'strategy' and m.signed and m.ep = ${e};
    insert into conference_views (meeting_id, family_views, child_views, recorded_at, recorded_by)
    select meeting_id, 'Mother agrees there have been problems and wants help with the children''s routines.',
           'Wants things to be calm at home and to see their friends.', held_at + interval '1 hour', chair
      from gen_meeting where what <> 'strategy' and signed and ep = ${e};
    insert into conference_decisions (meeting_id, plan_needed, primary_category, lead_user_id, visits, seen_alone, first_core_group_on,
                                      revisions, reason, what_follows, recorded_at, recorded_by)
    select m.meeting_id, needed, case when needed and m.what = 'initial' then e.category end, case when needed then c.sw end,
           case when needed then 'Every 10 working days' else '' end, case when needed then 'At every visit' else '' end,
           case when needed and m.what = 'initial' then e.cg1_day end,
           case when needed and m.what = 'review' then 'Actions reviewed; the contingency plan updated.' else '' end,
           case when needed then '' else 'The child is no longer at continuing risk of significant harm.' end,
           case when needed then null when pg_temp.r(e.key, 95) < 0.7 then 'child_in_need_plan' else 'closure' end,
           m.held_at + interval '90 minutes', m.chair
      from (select *, case when what = 'initial' then (select plan from gen_ep e where (e.case_no, e.ep) = (g.case_no, g.ep)) else not ends end as needed
              from gen_meeting g where what <> 'strategy' and signed and ep = ${e}) m
      join gen_ep e using (case_no, ep) join gen_case c using (case_no);
    insert into conference_core_group_members (meeting_id, user_id)
    select distinct m.meeting_id, t.user_id
      from gen_meeting m join gen_ep e using (case_no, ep) join gen_team t on t.case_no = m.case_no and t.slot in (0, 2, 3, 6, 7)
     where m.what = 'initial' and m.signed and e.plan and m.ep = ${e};

    update meetings x set signed_off_at = m.held_at + interval '2 hours', signed_off_by = m.chair,
           plan_id = case when m.what = 'initial' then m.plan_id else x.plan_id end
      from gen_meeting m where x.id = m.meeting_id and m.signed and m.ep = ${e};
  `);
}
