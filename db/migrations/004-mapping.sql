-- The case workspace: agencies leave cases as well as join them; Signs of Safety maps, each agency's risk scaling,
-- the child's voice, and who each agency shares its restricted notes with. Scalings, the child's voice and shares are
-- evidence: rows are added, never changed or deleted (a share is ended by a later row, a score by a newer score).

alter table case_agencies add column removed_at timestamptz;
alter table case_agencies add column removed_by bigint references users (id);
alter table case_agencies add column added_by bigint references users (id);

create table case_maps (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  held_on date not null, -- the date the mapping took place
  title text not null default '' check (length(title) <= 200),
  scaling_question text not null check (length(scaling_question) between 1 and 1000),
  created_at timestamptz not null,
  created_by bigint not null references users (id)
);
create index case_maps_case on case_maps (case_id, held_on desc, id desc);

create table map_scalings (
  id bigint generated always as identity primary key,
  map_id bigint not null references case_maps (id),
  agency_id text not null references agencies (id),
  score integer not null check (score between 0 and 10),
  reasons text not null check (length(reasons) between 1 and 5000),
  not_for_family boolean not null default false,
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id)
);
-- The current score of an agency on a map is its latest row; every earlier one is kept.
create index map_scalings_current on map_scalings (map_id, agency_id, recorded_at desc, id desc);

create table child_voice (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  seen_on date not null,
  seen_alone boolean not null,
  who_else_present text not null default '' check (length(who_else_present) <= 500),
  worries text not null default '' check (length(worries) <= 5000),
  good_things text not null default '' check (length(good_things) <= 5000),
  dreams text not null default '' check (length(dreams) <= 5000),
  not_for_family boolean not null default false,
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  check (length(worries) + length(good_things) + length(dreams) > 0)
);
create index child_voice_case on child_voice (case_id, seen_on desc, id desc);

create table restricted_note_shares (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  owner_agency_id text not null references agencies (id),
  shared_with_agency_id text not null references agencies (id),
  shared boolean not null, -- true: shared from this row on; false: sharing ended
  reason text not null check (length(reason) between 1 and 1000),
  at timestamptz not null,
  by_user_id bigint not null references users (id),
  check (owner_agency_id <> shared_with_agency_id)
);
create index restricted_note_shares_case on restricted_note_shares (case_id, owner_agency_id, at, id);

create function evidence_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is a record of evidence: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger map_scalings_append_only before update or delete on map_scalings
  for each row execute function evidence_refuse_change();
create trigger child_voice_append_only before update or delete on child_voice
  for each row execute function evidence_refuse_change();
create trigger restricted_note_shares_append_only before update or delete on restricted_note_shares
  for each row execute function evidence_refuse_change();
