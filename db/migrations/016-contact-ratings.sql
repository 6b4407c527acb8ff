-- The front door's RAG ratings (issue 12 item 2; decisions 032, 033): a screener rates a sent contact red, amber or
-- green, always with why. A re-rating is a new row; the latest is the contact's rating, and the rows before it are
-- the history of who rated it what, when and why. Nothing here is ever changed or removed.

create table contact_ratings (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id),
  rating text not null check (rating in ('red', 'amber', 'green')),
  reason text not null check (length(btrim(reason)) between 1 and 2000),
  by_user_id bigint not null references users (id),
  -- The rater's agency when they rated (a person may later move agency; the rating does not).
  by_agency_id text not null references agencies (id),
  at timestamptz not null
);
create index contact_ratings_contact on contact_ratings (contact_id, at desc, id desc);

create trigger contact_ratings_append_only before update or delete on contact_ratings
  for each row execute function evidence_refuse_change();

-- Only a sent contact is rated.
create function contact_rating_needs_submitted() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from contacts where id = new.contact_id and status = 'submitted') then
    raise exception 'only a sent referral is rated' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger contact_ratings_submitted before insert on contact_ratings
  for each row execute function contact_rating_needs_submitted();
