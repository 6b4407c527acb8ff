-- A change to a meeting's record and its sign-off are serialised on the meeting's row: the triggers that refuse
-- changes after sign-off take a share lock on it, and sign-off takes the row before it reads the clock. A change that
-- was under way when the chair signed off either commits before the sign-off's moment or is refused; none is stored
-- with a time after it.
create or replace function meeting_refuse_change_after_sign_off() returns trigger language plpgsql as $$
declare
  signed timestamptz;
begin
  select signed_off_at into signed from meetings where id = coalesce(new.meeting_id, old.meeting_id) for share;
  if signed is not null then
    raise exception 'meeting % was signed off at %: % of % refused', coalesce(new.meeting_id, old.meeting_id), signed, tg_op, tg_table_name
      using errcode = 'insufficient_privilege';
  end if;
  return coalesce(new, old);
end;
$$;

create or replace function map_scalings_refuse_after_meeting_sign_off() returns trigger language plpgsql as $$
declare
  signed timestamptz;
begin
  for signed in select signed_off_at from meetings where map_id = new.map_id for share loop
    if signed is not null then
      raise exception 'map % belongs to a signed-off meeting: scaling refused', new.map_id using errcode = 'insufficient_privilege';
    end if;
  end loop;
  return new;
end;
$$;
