// The front door: referrals sent on working days over the whole period, each rated (some re-rated), consent recorded,
// and an outcome proposed by a screener; most decided within their RAG clock (red 4 working hours, amber 1 working
// day, green 3), some late; about one in six a re-referral of a child referred in the 12 months before; the last
// working days' queue partly undecided. Two referrals in five are answered with a strategy discussion that opens a
// case (./cases.ts); their authorisations are written once the case and its meeting exist (authoriseContacts).
// gen_contact holds what every later step reads of a referral.
import { adultNames, d, firstNames, lastId, n, sqlList, streets, surnames, type Step } from "./helpers";

const happened = [
  "Child disclosed at school that an adult at home hits them when angry.",
  "Police attended a domestic abuse incident at the home; the child was present.",
  "Health visitor found the home cold, with little food and the baby's weight falling.",
  "Child arrived at school with unexplained bruising to the upper arm.",
  "Neighbour reports the children are left alone in the evenings.",
  "Parent attended A&E intoxicated with the toddler in their care.",
  "Child told a teacher they are frightened to go home.",
  "Persistent absence from school and missed health appointments.",
];

export const generateFrontDoor: Step = async (tx, plan) => {
  const base = await lastId(tx, "contacts");
  const C = n(plan.contacts);
  await tx.unsafe(`
    create temp table gen_contact on commit drop as
    with span as (select (select wd from gen_days where day = ${d(plan.start)}) as first,
                         (select wd from gen_days where day = ${d(plan.today)}) - 1 as last)
    select g, ${base} + g as contact_id, w.day, pg_temp.at(w.day, 540 + pg_temp.ri(g, 1, 0, 180)) as submitted_at,
           case g % 5 when 2 then (g / 5) * 2 + 1 when 0 then (g / 5) * 2 end as case_no,
           case when pg_temp.r(g, 2) < 0.25 and g - k >= 1 and pg_temp.r(g - k, 2) >= 0.25 then g - k else g end as ident
      from generate_series(1, ${C}) g, span,
           lateral (select greatest(1, ((pg_temp.ri(g, 3, 30, 330)::float8 / 1.45) * ${C} / (span.last - span.first + 1))::int) as k) kk,
           lateral (select day from gen_wd where n = span.first + ((g - 1)::bigint * (span.last - span.first + 1) / ${C})::int) w;
    alter table gen_contact add primary key (g);
    alter table gen_contact add column rating text, add column first_rating text, add column in_time boolean,
      add column decided_at timestamptz, add column outcome text, add column referrer bigint;
    update gen_contact set
      rating = case when case_no is not null then (case when pg_temp.r(g, 10) < 0.45 then 'red' when pg_temp.r(g, 10) < 0.9 then 'amber' else 'green' end)
                    else (case when pg_temp.r(g, 10) < 0.12 then 'red' when pg_temp.r(g, 10) < 0.55 then 'amber' else 'green' end) end,
      in_time = pg_temp.r(g, 11) < 0.88,
      outcome = case when case_no is not null then 'strategy_discussion'
                     else pg_temp.pick(array['no_further_action', 'early_help', 'assessment'], pg_temp.r(g, 12)) end,
      referrer = pg_temp.pick_user(pg_temp.pick(array['police', 'health', 'school', 'school', 'gp', 'sw'], pg_temp.r(g, 13)), pg_temp.r(g, 14));
    update gen_contact set first_rating = case when pg_temp.r(g, 15) < 0.1 then (case rating when 'amber' then 'green' else 'amber' end) end;
    update gen_contact set decided_at = case
        when case_no is null and day >= pg_temp.awd(${d(plan.today)}, -2) and pg_temp.r(g, 16) < 0.6 then null
        when rating = 'red' and in_time then submitted_at + make_interval(mins => 20 + pg_temp.ri(g, 17, 0, 200))
        when rating = 'red' then pg_temp.at(pg_temp.awd(day, 1), 600 + pg_temp.ri(g, 17, 0, 300))
        when rating = 'amber' and in_time then
          pg_temp.at(pg_temp.awd(day, 1), 540 + floor(pg_temp.r(g, 17) * (extract(epoch from submitted_at - pg_temp.at(day, 540)) / 60))::int)
        when rating = 'amber' then pg_temp.at(pg_temp.awd(day, 2), 600 + pg_temp.ri(g, 17, 0, 360))
        when in_time then pg_temp.at(pg_temp.awd(day, pg_temp.ri(g, 18, 1, 2)), 540 + pg_temp.ri(g, 17, 0, 460))
        else pg_temp.at(pg_temp.awd(day, pg_temp.ri(g, 18, 4, 6)), 600 + pg_temp.ri(g, 17, 0, 360)) end;
    create index on gen_contact (case_no);

    insert into contacts (id, referrer_user_id, referrer_agency_id, status, created_at, updated_at)
    overriding system value
    select contact_id, referrer, pg_temp.agency_of(referrer), 'draft', submitted_at - interval '25 minutes', submitted_at - interval '2 minutes'
      from gen_contact order by g;
    insert into contact_referrals (contact_id, what_happened, worries, actions_taken, family_knows, consent, consent_detail, referrer_name)
    select c.contact_id, pg_temp.pick(${sqlList(happened)}, pg_temp.r(g, 20)), 'The child''s safety at home tonight.',
           'Spoke to the child; informed our safeguarding lead.', case when pg_temp.r(g, 21) < 0.7 then 'yes' else 'no' end,
           pg_temp.pick(array['given', 'given', 'given', 'refused', 'not_asked'], pg_temp.r(g, 22)),
           'Asking would place the child at risk of harm.', u.full_name
      from gen_contact c join users u on u.id = c.referrer;
    insert into contact_children (contact_id, full_name, date_of_birth, nhs_number, address, school)
    select contact_id,
           pg_temp.pick(${sqlList(firstNames)}, pg_temp.r(ident, 30)) || ' ' || pg_temp.pick(${sqlList(surnames)}, pg_temp.r(ident, 31)),
           ${d(plan.today)} - pg_temp.ri(ident, 32, 60, 6200),
           case when pg_temp.r(ident, 33) < 0.7 then '8' || lpad(ident::text, 9, '0') end,
           pg_temp.ri(ident, 34, 1, 180) || ' ' || pg_temp.pick(${sqlList(streets)}, pg_temp.r(ident, 35)) || ', Sandmere SM' || pg_temp.ri(ident, 36, 1, 9), ''
      from gen_contact order by g;
    insert into contact_household_members (contact_id, full_name, relationship, lives_with_child)
    select contact_id, pg_temp.pick(${sqlList(adultNames)}, pg_temp.r(ident, 37)) || ' ' || pg_temp.pick(${sqlList(surnames)}, pg_temp.r(ident, 31)),
           'Mother', true from gen_contact;
    update contacts c set status = 'submitted', submitted_at = g.submitted_at, updated_at = g.submitted_at
      from gen_contact g where c.id = g.contact_id;

    insert into contact_ratings (contact_id, rating, reason, by_user_id, by_agency_id, at)
    select contact_id, first_rating, 'First look at the referral.', u, pg_temp.agency_of(u), submitted_at + interval '3 minutes'
      from (select *, pg_temp.pick_user('screener', pg_temp.r(g, 40)) as u from gen_contact where first_rating is not null) x
    union all
    select contact_id, rating, 'The worry as the referral describes it, and what agencies hold.', u, pg_temp.agency_of(u),
           submitted_at + interval '5 minutes'
      from (select *, pg_temp.pick_user('screener', pg_temp.r(g, 41)) as u from gen_contact) x;
    insert into contact_consent (contact_id, consent, reason, manager_user_id, by_user_id, by_agency_id, at)
    select contact_id, consent, case when consent = 'dispensed_with' then 'Asking would place the child at risk of harm.' else '' end,
           case when consent = 'dispensed_with' then pg_temp.pick_user('manager', pg_temp.r(g, 43)) end,
           u, pg_temp.agency_of(u), submitted_at + interval '7 minutes'
      from (select *, pg_temp.pick(array['given', 'given', 'given', 'given', 'refused', 'dispensed_with'], pg_temp.r(g, 42)) as consent,
                   pg_temp.pick_user('screener', pg_temp.r(g, 41)) as u from gen_contact) x;
    insert into contact_decisions (contact_id, step, outcome, rationale, feedback, by_user_id, by_agency_id, at)
    select contact_id, 'proposed', outcome, 'What the checks and the referral show, against the threshold.',
           'Thank you for your referral: we have decided what happens next.', u, pg_temp.agency_of(u), decided_at - interval '5 minutes'
      from (select *, pg_temp.pick_user('screener', pg_temp.r(g, 44)) as u from gen_contact where decided_at is not null) x;
  `);
};

/** Authorises every decided referral (after ./cases.ts, so a strategy discussion names its case and meeting). */
export const authoriseContacts: Step = async (tx) => {
  await tx.unsafe(`
    insert into contact_decisions (contact_id, step, proposal_id, case_id, meeting_id, by_user_id, by_agency_id, at)
    select g.contact_id, 'authorised', p.id, c.case_id, c.first_meeting_id, m.user_id, m.agency_id, g.decided_at
      from gen_contact g
      join contact_decisions p on p.contact_id = g.contact_id and p.step = 'proposed'
      left join gen_case c on c.case_no = g.case_no
      join gen_pool m on m.pool = 'manager' and m.n = 1 + floor(pg_temp.r(g.g, 45) * (select size from gen_pool_size where pool = 'manager'))::int
     where g.decided_at is not null;
    insert into contact_feedback (contact_id, decision_id, feedback, by_user_id, by_agency_id, at)
    select contact_id, id, 'Thank you for your referral: we have decided what happens next.', by_user_id, by_agency_id, at
      from contact_decisions where step = 'authorised' and contact_id in (select contact_id from gen_contact);
  `);
};
