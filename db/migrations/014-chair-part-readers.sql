-- Each agency's part for the chair at a meeting or conference is read by that agency and the chair, and by the other
-- agencies at the meeting it names (their invitees); never by the family. Each naming or un-naming is a row,
-- attributed and dated, never changed (a later row for the same reader stands in its place), and frozen by the
-- meeting's sign-off like the rest of its record.

create table meeting_chair_part_readers (
  id bigint generated always as identity primary key,
  meeting_id bigint not null references meetings (id),
  -- The agency whose part for the chair it is.
  agency_id text not null references agencies (id),
  -- The agency named (or no longer named) to read it.
  reader_agency_id text not null references agencies (id),
  named boolean not null,
  recorded_at timestamptz not null,
  recorded_by bigint not null references users (id),
  constraint meeting_chair_part_readers_other check (reader_agency_id <> agency_id)
);
create index meeting_chair_part_readers_current on meeting_chair_part_readers (meeting_id, agency_id, reader_agency_id, id desc);

create trigger meeting_chair_part_readers_append_only before update or delete on meeting_chair_part_readers
  for each row execute function evidence_refuse_change();
-- Serialised with the sign-off on the meeting's row, as every other part of its record is (migration 008).
create trigger meeting_chair_part_readers_frozen before insert on meeting_chair_part_readers
  for each row execute function meeting_refuse_change_after_sign_off();
