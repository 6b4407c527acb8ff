-- Core groups of a child protection plan: the first within 10 working days of the conference that made the plan, then
-- at the interval the plan sets; who is a member and whether they attended; progress against every action of the
-- plan (append-only, attributed); whether each agency's part of the notes may go to the family; sign-off, addenda and
-- to whom the notes were sent. The notes themselves are a collaborative document (`case:<id>:core-group:<cg>:notes`,
-- one part per agency), attributed in collab_updates.

-- How often the core group meets after the first, in working days: a new version for each change. A plan with no row
-- meets at the partnership's default (server/core-groups/core-group-clock.ts).
create table plan_core_group_intervals (
  plan_id bigint not null references child_protection_plans (id),
  version integer not null check (version >= 1),
  working_days integer not null check (working_days between 5 and 65),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  primary key (plan_id, version)
);
create trigger plan_core_group_intervals_append_only before update or delete on plan_core_group_intervals
  for each row execute function evidence_refuse_change();
create trigger plan_core_group_intervals_frozen before insert on plan_core_group_intervals
  for each row execute function plan_refuse_change_after_end();

create table core_groups (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  plan_id bigint not null references child_protection_plans (id),
  held_at timestamptz not null,
  held_on date not null, -- the day in England its clock is judged on
  how text not null check (how in ('in_person', 'video', 'telephone')),
  late_reason text check (length(late_reason) between 1 and 2000), -- why it is later than its clock allowed
  scheduled_at timestamptz not null,
  scheduled_by bigint not null references users (id),
  signed_off_at timestamptz,
  signed_off_by bigint references users (id),
  check ((signed_off_at is null) = (signed_off_by is null)),
  unique (id, plan_id)
);
create index core_groups_plan on core_groups (plan_id, held_on, id);
create index core_groups_case on core_groups (case_id, held_at desc);
create trigger core_groups_frozen before insert on core_groups
  for each row execute function plan_refuse_change_after_end();

create table core_group_members (
  core_group_id bigint not null references core_groups (id),
  user_id bigint not null references users (id),
  agency_id text not null references agencies (id),
  attendance text not null default 'invited' check (attendance in ('invited', 'present', 'apologies', 'did_not_attend')),
  attendance_recorded_at timestamptz,
  attendance_recorded_by bigint references users (id),
  primary key (core_group_id, user_id)
);
create index core_group_members_user on core_group_members (user_id);

-- How an action of the plan stands, said at a core group by the action's owner agency (or the lead social worker).
create table core_group_progress (
  id bigint generated always as identity primary key,
  core_group_id bigint not null,
  plan_id bigint not null,
  action_id bigint not null,
  status text not null check (status in ('not_started', 'on_track', 'at_risk', 'done', 'no_longer_needed')),
  reason text not null default '' check (length(reason) <= 2000),
  note text not null default '' check (length(note) <= 1000),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  recorded_by_agency_id text not null references agencies (id),
  foreign key (core_group_id, plan_id) references core_groups (id, plan_id),
  foreign key (action_id, plan_id) references plan_actions (id, plan_id),
  check (status not in ('at_risk', 'no_longer_needed') or length(btrim(reason)) > 0)
);
create index core_group_progress_action on core_group_progress (action_id, id desc);
create index core_group_progress_core_group on core_group_progress (core_group_id, id);

-- Whether an agency's part of the notes (its section and its progress notes) goes to the family: each change a row.
create table core_group_family_marks (
  id bigint generated always as identity primary key,
  core_group_id bigint not null references core_groups (id),
  agency_id text not null references agencies (id),
  for_family boolean not null,
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id)
);
create index core_group_family_marks_core_group on core_group_family_marks (core_group_id, agency_id, id desc);

create table core_group_addenda (
  id bigint generated always as identity primary key,
  core_group_id bigint not null references core_groups (id),
  addendum text not null check (length(addendum) between 1 and 5000),
  added_at timestamptz not null,
  added_by bigint not null references users (id)
);

-- Who received the signed-off notes, in which version, and when. The family receive only the family's version.
create table core_group_distribution (
  id bigint generated always as identity primary key,
  core_group_id bigint not null references core_groups (id),
  recipient_name text not null check (length(recipient_name) between 1 and 200),
  recipient_kind text not null check (recipient_kind in ('professional', 'family')),
  version text not null check (version in ('full', 'family')),
  sent_on date not null,
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  check (recipient_kind = 'professional' or version = 'family')
);

create trigger core_group_progress_append_only before update or delete on core_group_progress
  for each row execute function evidence_refuse_change();
create trigger core_group_family_marks_append_only before update or delete on core_group_family_marks
  for each row execute function evidence_refuse_change();
create trigger core_group_addenda_append_only before update or delete on core_group_addenda
  for each row execute function evidence_refuse_change();
create trigger core_group_distribution_append_only before update or delete on core_group_distribution
  for each row execute function evidence_refuse_change();
create trigger core_group_progress_frozen_with_plan before insert on core_group_progress
  for each row execute function plan_refuse_change_after_end();

-- Once the notes are signed off, nothing of the core group changes; addenda and the distribution come only after.
-- The share lock serialises a change with the sign-off (which takes the row first, as a meeting's does: migration 008).
create function core_group_refuse_change_after_sign_off() returns trigger language plpgsql as $$
declare
  signed timestamptz;
begin
  select signed_off_at into signed from core_groups where id = coalesce(new.core_group_id, old.core_group_id) for share;
  if signed is not null then
    raise exception 'core group % was signed off at %: % of % refused', coalesce(new.core_group_id, old.core_group_id), signed, tg_op, tg_table_name
      using errcode = 'insufficient_privilege';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger core_group_members_frozen before insert or update or delete on core_group_members
  for each row execute function core_group_refuse_change_after_sign_off();
create trigger core_group_progress_frozen before insert on core_group_progress
  for each row execute function core_group_refuse_change_after_sign_off();
create trigger core_group_family_marks_frozen before insert on core_group_family_marks
  for each row execute function core_group_refuse_change_after_sign_off();

create function core_group_refuse_before_sign_off() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from core_groups where id = new.core_group_id and signed_off_at is not null) then
    raise exception 'core group % is not signed off: INSERT into % refused', new.core_group_id, tg_table_name
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger core_group_addenda_after_sign_off before insert on core_group_addenda
  for each row execute function core_group_refuse_before_sign_off();
create trigger core_group_distribution_after_sign_off before insert on core_group_distribution
  for each row execute function core_group_refuse_before_sign_off();

-- A core group is never deleted; it changes only by being signed off, once.
create function core_groups_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'core_groups is a record of evidence: DELETE refused' using errcode = 'insufficient_privilege';
  end if;
  if old.signed_off_at is not null then
    raise exception 'core group % was signed off at %: UPDATE refused', old.id, old.signed_off_at using errcode = 'insufficient_privilege';
  end if;
  if new.signed_off_at is null
     or (new.id, new.case_id, new.plan_id, new.held_at, new.held_on, new.how, new.late_reason, new.scheduled_at, new.scheduled_by)
        is distinct from (old.id, old.case_id, old.plan_id, old.held_at, old.held_on, old.how, old.late_reason, old.scheduled_at, old.scheduled_by) then
    raise exception 'core group %: a core group changes only by being signed off', old.id using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger core_groups_sign_off_only before update or delete on core_groups
  for each row execute function core_groups_refuse_change();
