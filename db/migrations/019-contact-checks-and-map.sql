-- Live documents on a contact (issue 12 items 4 and 8; decision 037). Their words are Yjs documents stored as every
-- other (collab_updates, named `contact:<id>:check:<agency>` and `contact:<id>:map`); these tables hold the facts
-- around them, each a row that is never changed or removed:
--
-- contact_checks: an agency asked to check what it holds (when, by whom, what is asked). The police's checks are
-- restricted from the moment they are asked (to the police and the deciding managers).
-- contact_check_completions: the agency's screener says the check is complete (when, by whom); it is read from then on.
-- contact_check_shares: a restricted check shared with the whole screening team, with the reason (who, when).
-- contact_maps: the front door's Signs of Safety map, started on the contact; and, once a decision opens a case,
-- the case map it was carried to.

create table contact_checks (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id),
  agency_id text not null references agencies (id),
  asked text not null default '' check (length(asked) <= 2000),
  restricted boolean not null,
  asked_by_user_id bigint not null references users (id),
  asked_by_agency_id text not null references agencies (id),
  asked_at timestamptz not null,
  unique (contact_id, agency_id)
);

create table contact_check_completions (
  check_id bigint primary key references contact_checks (id),
  by_user_id bigint not null references users (id),
  at timestamptz not null
);

create table contact_check_shares (
  check_id bigint primary key references contact_checks (id),
  reason text not null check (length(btrim(reason)) between 1 and 2000),
  by_user_id bigint not null references users (id),
  at timestamptz not null
);

create table contact_maps (
  contact_id bigint primary key references contacts (id),
  started_by_user_id bigint not null references users (id),
  started_at timestamptz not null,
  carried_to_case_id bigint references cases (id),
  carried_to_map_id bigint references case_maps (id),
  carried_at timestamptz,
  check ((carried_to_map_id is null) = (carried_at is null) and (carried_to_case_id is null) = (carried_at is null))
);

create trigger contact_checks_append_only before update or delete on contact_checks
  for each row execute function evidence_refuse_change();
create trigger contact_check_completions_append_only before update or delete on contact_check_completions
  for each row execute function evidence_refuse_change();
create trigger contact_check_shares_append_only before update or delete on contact_check_shares
  for each row execute function evidence_refuse_change();

-- A map is carried to a case once, and otherwise never changes.
create function contact_map_carried_once() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.carried_at is not null or new.contact_id <> old.contact_id
     or new.started_by_user_id <> old.started_by_user_id or new.started_at <> old.started_at then
    raise exception 'a front door map is a record of evidence: % refused', tg_op using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger contact_maps_carried_once before update or delete on contact_maps
  for each row execute function contact_map_carried_once();

-- Checks and maps are only on a sent contact.
create function contact_document_needs_submitted() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from contacts where id = new.contact_id and status = 'submitted') then
    raise exception 'only a sent referral has checks and a map' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger contact_checks_submitted before insert on contact_checks
  for each row execute function contact_document_needs_submitted();
create trigger contact_maps_submitted before insert on contact_maps
  for each row execute function contact_document_needs_submitted();
