-- Child protection conferences: the initial conference (convened from the strategy meeting whose decision called for
-- it) and review conferences (convened from the plan) are meetings of two more kinds, in the same tables, with the
-- same attendance, agency sections, scaling, dissent, actions, sign-off and addenda. Their own parts: the family
-- members who attend (people on the case, not accounts), the family's and the child's views, and the chair's decision
-- (a plan needed or not, its category, lead social worker, core group and first core group; or, at a review, the plan
-- continues or ends). Frozen by sign-off like every other part of a meeting's record.

alter table meetings drop constraint meetings_kind_check;
alter table meetings add constraint meetings_kind_check
  check (kind in ('meeting', 'discussion', 'initial_conference', 'review_conference'));
-- An initial conference: the strategy meeting that called for it.
alter table meetings add column from_meeting_id bigint references meetings (id);
-- A review: the plan it reviews, from convening. An initial conference: the plan it made, set as it is signed off.
alter table meetings add column plan_id bigint references child_protection_plans (id);
-- Held after the day its clock fell due: why (required then, by the form).
alter table meetings add column late_reason text not null default '' check (length(late_reason) <= 2000);
alter table meetings add constraint meetings_conference_origin
  check ((kind = 'initial_conference') = (from_meeting_id is not null) and (kind <> 'review_conference' or plan_id is not null)
         and (kind in ('initial_conference', 'review_conference') or plan_id is null));
create unique index meetings_one_initial_conference on meetings (from_meeting_id) where kind = 'initial_conference';
create index meetings_plan on meetings (plan_id, held_on) where plan_id is not null;

-- The family members who attend: people recorded on the case, never accounts.
create table meeting_family_attendees (
  meeting_id bigint not null references meetings (id),
  case_id bigint not null,
  person_id bigint not null,
  attendance text not null default 'invited' check (attendance in ('invited', 'present', 'apologies', 'did_not_attend')),
  attendance_recorded_at timestamptz,
  attendance_recorded_by bigint references users (id),
  primary key (meeting_id, person_id),
  foreign key (person_id, case_id) references case_people (id, case_id)
);

-- What the family said, and the child's views (from the child's voice where recorded), as the chair records them.
create table conference_views (
  meeting_id bigint primary key references meetings (id),
  family_views text not null default '' check (length(family_views) <= 5000),
  child_views text not null default '' check (length(child_views) <= 5000),
  child_voice_id bigint references child_voice (id),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id)
);

-- The chair's decision. Initial: is a plan needed; review: does the plan continue.
create table conference_decisions (
  meeting_id bigint primary key references meetings (id),
  plan_needed boolean not null,
  primary_category text check (primary_category in ('neglect', 'physical_abuse', 'sexual_abuse', 'emotional_abuse')),
  other_categories text[] not null default '{}'
    check (other_categories <@ array['neglect', 'physical_abuse', 'sexual_abuse', 'emotional_abuse']::text[]),
  lead_user_id bigint references users (id),
  visits text not null default '' check (length(visits) <= 500),
  seen_alone text not null default '' check (length(seen_alone) <= 500),
  first_core_group_on date,
  -- A review whose plan continues: what is revised.
  revisions text not null default '' check (length(revisions) <= 5000),
  -- No plan, or the plan ends: why, and what follows.
  reason text not null default '' check (length(reason) <= 2000),
  what_follows text check (what_follows in ('child_in_need_plan', 'closure')),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  check (primary_category is null or not (primary_category = any (other_categories))),
  check (plan_needed or (length(reason) > 0 and what_follows is not null))
);

create table conference_core_group_members (
  meeting_id bigint not null references meetings (id),
  user_id bigint not null references users (id),
  primary key (meeting_id, user_id)
);

-- The family's and the child's views are the chair's to give to the family, as the concern is.
alter table meeting_family_markings drop constraint meeting_family_markings_part;
alter table meeting_family_markings add constraint meeting_family_markings_part
  check (part in ('concern', 'section', 'family_views', 'child_views'));

create trigger meeting_family_attendees_frozen before insert or update or delete on meeting_family_attendees
  for each row execute function meeting_refuse_change_after_sign_off();
create trigger conference_views_frozen before insert or update or delete on conference_views
  for each row execute function meeting_refuse_change_after_sign_off();
create trigger conference_decisions_frozen before insert or update or delete on conference_decisions
  for each row execute function meeting_refuse_change_after_sign_off();
create trigger conference_core_group_members_frozen before insert or update or delete on conference_core_group_members
  for each row execute function meeting_refuse_change_after_sign_off();
