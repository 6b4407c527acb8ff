-- Child protection plans: one active plan per child, made by a conference; its details (category, lead social worker,
-- how often the child is visited and seen alone), outcomes and actions. Nothing in a plan is ever overwritten: each
-- change is a new version, attributed and dated, so the plan as it stood at any earlier moment can be read. The
-- contingency plan is a collaborative document (`case:<id>:plan`), attributed in collab_updates.

-- A plan's child is one of the people on its case.
create unique index case_people_id_case on case_people (id, case_id);

create table child_protection_plans (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  child_person_id bigint not null,
  started_on date not null, -- the day of the conference that made it: the review clock counts from it
  created_at timestamptz not null,
  created_by bigint not null references users (id),
  ended_on date,
  end_reason text check (length(end_reason) between 1 and 2000),
  what_follows text check (what_follows in ('child_in_need_plan', 'closure')),
  ended_at timestamptz,
  ended_by bigint references users (id),
  foreign key (child_person_id, case_id) references case_people (id, case_id),
  check ((ended_on is null) = (end_reason is null) and (ended_on is null) = (what_follows is null)
         and (ended_on is null) = (ended_at is null) and (ended_on is null) = (ended_by is null)),
  check (ended_on is null or ended_on >= started_on)
);
create unique index child_protection_plans_one_active on child_protection_plans (child_person_id) where ended_on is null;
create index child_protection_plans_case on child_protection_plans (case_id, started_on desc, id desc);

-- The plan's details, a new version for each change.
create table child_protection_plan_details (
  plan_id bigint not null references child_protection_plans (id),
  version integer not null check (version >= 1),
  primary_category text not null check (primary_category in ('neglect', 'physical_abuse', 'sexual_abuse', 'emotional_abuse')),
  other_categories text[] not null default '{}'
    check (other_categories <@ array['neglect', 'physical_abuse', 'sexual_abuse', 'emotional_abuse']::text[]),
  lead_user_id bigint not null references users (id),
  visits text not null check (length(visits) between 1 and 500), -- how often the child is visited
  seen_alone text not null check (length(seen_alone) between 1 and 500), -- how often the child is seen alone
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  primary key (plan_id, version),
  check (not (primary_category = any (other_categories)))
);

create table plan_outcomes (
  id bigint generated always as identity primary key,
  plan_id bigint not null references child_protection_plans (id),
  created_at timestamptz not null,
  created_by bigint not null references users (id),
  unique (id, plan_id)
);
create index plan_outcomes_plan on plan_outcomes (plan_id, id);

-- What must change for the child, in plain words.
create table plan_outcome_versions (
  outcome_id bigint not null,
  plan_id bigint not null,
  version integer not null check (version >= 1),
  wording text not null check (length(wording) between 1 and 2000),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  primary key (outcome_id, version),
  foreign key (outcome_id, plan_id) references plan_outcomes (id, plan_id)
);

create table plan_actions (
  id bigint generated always as identity primary key,
  outcome_id bigint not null,
  plan_id bigint not null,
  created_at timestamptz not null,
  created_by bigint not null references users (id),
  foreign key (outcome_id, plan_id) references plan_outcomes (id, plan_id),
  unique (id, plan_id)
);
create index plan_actions_outcome on plan_actions (outcome_id, id);

-- What will be done, why, by whom (an agency and a person of it), by when, and how progress will be measured.
create table plan_action_versions (
  action_id bigint not null,
  plan_id bigint not null,
  version integer not null check (version >= 1),
  what text not null check (length(what) between 1 and 1000),
  why text not null check (length(why) between 1 and 1000),
  owner_agency_id text not null references agencies (id),
  owner_user_id bigint not null references users (id),
  due_on date not null,
  measure text not null check (length(measure) between 1 and 1000),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  primary key (action_id, version),
  foreign key (action_id, plan_id) references plan_actions (id, plan_id)
);
create index plan_action_versions_owner on plan_action_versions (owner_user_id, due_on);

-- Every row of a plan's content is evidence: added, never changed or deleted.
create trigger child_protection_plan_details_append_only before update or delete on child_protection_plan_details
  for each row execute function evidence_refuse_change();
create trigger plan_outcomes_append_only before update or delete on plan_outcomes
  for each row execute function evidence_refuse_change();
create trigger plan_outcome_versions_append_only before update or delete on plan_outcome_versions
  for each row execute function evidence_refuse_change();
create trigger plan_actions_append_only before update or delete on plan_actions
  for each row execute function evidence_refuse_change();
create trigger plan_action_versions_append_only before update or delete on plan_action_versions
  for each row execute function evidence_refuse_change();

-- A plan changes only by ending, once; it is never deleted.
create function child_protection_plans_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'child_protection_plans is a record of evidence: DELETE refused' using errcode = 'insufficient_privilege';
  end if;
  if old.ended_on is not null then
    raise exception 'plan % ended on %: UPDATE refused', old.id, old.ended_on using errcode = 'insufficient_privilege';
  end if;
  if new.ended_on is null
     or (new.id, new.case_id, new.child_person_id, new.started_on, new.created_at, new.created_by)
        is distinct from (old.id, old.case_id, old.child_person_id, old.started_on, old.created_at, old.created_by) then
    raise exception 'plan %: a plan changes only by ending', old.id using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger child_protection_plans_end_only before update or delete on child_protection_plans
  for each row execute function child_protection_plans_refuse_change();

-- Nothing is added to an ended plan. The share lock serialises a change with the plan's ending (which takes the row),
-- so a change under way when the plan ends either commits before it or is refused.
create function plan_refuse_change_after_end() returns trigger language plpgsql as $$
declare
  ended date;
begin
  select ended_on into ended from child_protection_plans where id = new.plan_id for share;
  if ended is not null then
    raise exception 'plan % ended on %: INSERT into % refused', new.plan_id, ended, tg_table_name using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger child_protection_plan_details_frozen before insert on child_protection_plan_details
  for each row execute function plan_refuse_change_after_end();
create trigger plan_outcomes_frozen before insert on plan_outcomes
  for each row execute function plan_refuse_change_after_end();
create trigger plan_outcome_versions_frozen before insert on plan_outcome_versions
  for each row execute function plan_refuse_change_after_end();
create trigger plan_actions_frozen before insert on plan_actions
  for each row execute function plan_refuse_change_after_end();
create trigger plan_action_versions_frozen before insert on plan_action_versions
  for each row execute function plan_refuse_change_after_end();
