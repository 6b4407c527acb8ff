-- Strategy meetings and telephone strategy discussions: who was invited and attended, each agency's information (in
-- collaborative documents named after the meeting), the chair's decisions, the actions, sign-off and addenda.
-- Scalings reuse the meeting's map (map_scalings); an agency that could not scale has its reason recorded here.

create table meetings (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  kind text not null check (kind in ('meeting', 'discussion')),
  held_at timestamptz not null,
  held_on date not null, -- the day in England the clocks count from
  how text not null check (how in ('in_person', 'video', 'telephone')),
  concern text not null check (length(concern) between 1 and 5000),
  chair_user_id bigint not null references users (id),
  map_id bigint not null references case_maps (id),
  convened_at timestamptz not null,
  convened_by bigint not null references users (id),
  signed_off_at timestamptz,
  signed_off_by bigint references users (id)
);
create index meetings_case on meetings (case_id, held_at desc);

create table meeting_invitees (
  meeting_id bigint not null references meetings (id),
  user_id bigint not null references users (id),
  agency_id text not null references agencies (id),
  attendance text not null default 'invited' check (attendance in ('invited', 'present', 'apologies', 'did_not_attend')),
  attendance_recorded_at timestamptz,
  attendance_recorded_by bigint references users (id),
  primary key (meeting_id, user_id)
);
create index meeting_invitees_user on meeting_invitees (user_id);

create table meeting_scaling_exemptions (
  meeting_id bigint not null references meetings (id),
  agency_id text not null references agencies (id),
  reason text not null check (length(reason) between 1 and 2000),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  primary key (meeting_id, agency_id)
);

create table meeting_decisions (
  meeting_id bigint primary key references meetings (id),
  section47 boolean not null,
  section47_why text not null check (length(section47_why) between 1 and 5000),
  police_investigation text not null check (police_investigation in ('none', 'single', 'joint')),
  immediate_protection boolean not null,
  immediate_protection_detail text not null default '' check (length(immediate_protection_detail) <= 5000),
  icpc boolean not null,
  icpc_due_on date,
  family_told boolean not null,
  family_told_by text not null default '' check (length(family_told_by) <= 200),
  family_told_on date,
  family_not_told_why text not null default '' check (length(family_not_told_why) <= 2000),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  check (not icpc or icpc_due_on is not null),
  check (family_told = (family_told_on is not null))
);

create table meeting_dissent (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meetings (id),
  agency_id text not null references agencies (id),
  dissent text not null check (length(dissent) between 1 and 2000),
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id)
);

create table meeting_actions (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meetings (id),
  what text not null check (length(what) between 1 and 1000),
  owner_agency_id text not null references agencies (id),
  owner_user_id bigint not null references users (id),
  due_on date not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  created_at timestamptz not null,
  created_by bigint not null references users (id),
  status_updated_at timestamptz,
  status_updated_by bigint references users (id)
);
create index meeting_actions_meeting on meeting_actions (meeting_id, id);

create table meeting_addenda (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meetings (id),
  addendum text not null check (length(addendum) between 1 and 5000),
  added_at timestamptz not null,
  added_by bigint not null references users (id)
);

create trigger meeting_addenda_append_only before update or delete on meeting_addenda
  for each row execute function evidence_refuse_change();

-- Once signed off, a meeting's record does not change: later words are addenda. Action status may still move on.
create function meeting_refuse_change_after_sign_off() returns trigger language plpgsql as $$
declare
  signed timestamptz;
begin
  select signed_off_at into signed from meetings where id = coalesce(new.meeting_id, old.meeting_id);
  if signed is not null then
    raise exception 'meeting % was signed off at %: % of % refused', coalesce(new.meeting_id, old.meeting_id), signed, tg_op, tg_table_name
      using errcode = 'insufficient_privilege';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger meeting_invitees_frozen before insert or update or delete on meeting_invitees
  for each row execute function meeting_refuse_change_after_sign_off();
create trigger meeting_scaling_exemptions_frozen before insert or update or delete on meeting_scaling_exemptions
  for each row execute function meeting_refuse_change_after_sign_off();
create trigger meeting_decisions_frozen before insert or update or delete on meeting_decisions
  for each row execute function meeting_refuse_change_after_sign_off();
create trigger meeting_dissent_frozen before insert or update or delete on meeting_dissent
  for each row execute function meeting_refuse_change_after_sign_off();
create trigger meeting_actions_frozen before insert or delete on meeting_actions
  for each row execute function meeting_refuse_change_after_sign_off();

create function meetings_refuse_change_after_sign_off() returns trigger language plpgsql as $$
begin
  if old.signed_off_at is not null then
    raise exception 'meeting % was signed off at %: % refused', old.id, old.signed_off_at, tg_op using errcode = 'insufficient_privilege';
  end if;
  return coalesce(new, old);
end;
$$;
create trigger meetings_frozen before update or delete on meetings
  for each row execute function meetings_refuse_change_after_sign_off();

-- A strategy meeting's scalings are part of its record: none is added once it is signed off.
create function map_scalings_refuse_after_meeting_sign_off() returns trigger language plpgsql as $$
begin
  if exists (select 1 from meetings where map_id = new.map_id and signed_off_at is not null) then
    raise exception 'map % belongs to a signed-off meeting: scaling refused', new.map_id using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger map_scalings_frozen_with_meeting before insert on map_scalings
  for each row execute function map_scalings_refuse_after_meeting_sign_off();
