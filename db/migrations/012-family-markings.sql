-- What the family receives is what each author chose to share. An agency's section at a meeting, the concern (the
-- chair's), and each agency's words on a map reach the family's minutes and the family's print only while their
-- author has marked them for the family; nothing marked means not shared. Each marking is a row, attributed and dated,
-- never changed (a later row stands in its place); a meeting's markings, and those on its map, are frozen by its
-- sign-off like the rest of its record.

create table meeting_family_markings (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meetings (id),
  -- 'concern': the meeting's concern, the chair's; 'section': an agency's section (agency_id).
  part text not null,
  agency_id text references agencies (id),
  for_family boolean not null,
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  constraint meeting_family_markings_part check (part in ('concern', 'section')),
  constraint meeting_family_markings_agency check ((part = 'section') = (agency_id is not null))
);
create index meeting_family_markings_current on meeting_family_markings (meeting_id, part, agency_id, id desc);

create table map_family_markings (
  id bigint generated always as identity primary key,
  map_id bigint not null references case_maps (id),
  agency_id text not null references agencies (id),
  for_family boolean not null,
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id)
);
create index map_family_markings_current on map_family_markings (map_id, agency_id, id desc);

create trigger meeting_family_markings_append_only before update or delete on meeting_family_markings
  for each row execute function evidence_refuse_change();
create trigger map_family_markings_append_only before update or delete on map_family_markings
  for each row execute function evidence_refuse_change();

-- Serialised with the sign-off on the meeting's row, as every other part of its record is (migration 008).
create trigger meeting_family_markings_frozen before insert on meeting_family_markings
  for each row execute function meeting_refuse_change_after_sign_off();

create function map_family_markings_refuse_after_meeting_sign_off() returns trigger language plpgsql as $$
declare
  signed timestamptz;
begin
  for signed in select signed_off_at from meetings where map_id = new.map_id for share loop
    if signed is not null then
      raise exception 'map % belongs to a signed-off meeting: marking for the family refused', new.map_id
        using errcode = 'insufficient_privilege';
    end if;
  end loop;
  return new;
end;
$$;
create trigger map_family_markings_frozen_with_meeting before insert on map_family_markings
  for each row execute function map_family_markings_refuse_after_meeting_sign_off();
