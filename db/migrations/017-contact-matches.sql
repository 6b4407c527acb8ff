-- Matching at the front door (issue 12 item 3; decision 035). Before a contact becomes work, the screening team links
-- each child on it to a child already on a case, or confirms that none is. Each link or "none" is a row, attributed
-- (who, their agency then, when); the latest row for a child is its match now, the rows before it its history. Nothing
-- here is ever changed or removed.
--
-- The referral's child page also asks for the child's NHS number, if the referrer knows it: a new column on
-- contact_children, written only while the referral is a draft (the triggers of migration 015 still freeze it once
-- sent; adding a column fires no row trigger).

alter table contact_children add column nhs_number text check (nhs_number ~ '^[0-9]{10}$');

-- The key two addresses are compared by: letters and digits only, lower case, accents and apostrophes dropped
-- ("7 Gull Lane, Sandmere SM1 4QT" and "7 gull lane sandmere sm14qt" are the same). common/child-matching.ts does the
-- same in TypeScript; a test holds the two together.
create function contact_match_key(text) returns text language sql immutable strict parallel safe as $$
  select lower(regexp_replace(regexp_replace(normalize($1, NFKD), '[\u0300-\u036f''’]', '', 'g'), '[^A-Za-z0-9]+', '', 'g'))
$$;

create table contact_matches (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id),
  -- The child on the contact this row is about (a child of this contact: checked below).
  contact_child_id bigint not null references contact_children (id),
  -- linked: this child is that child already on a case; none: the screener confirmed no child shown is this child.
  outcome text not null check (outcome in ('linked', 'none')),
  case_person_id bigint references case_people (id),
  -- Why the linked child was shown as a possible match, as the screener saw it ("same NHS number; same address").
  reasons text not null default '' check (length(reasons) <= 500),
  by_user_id bigint not null references users (id),
  -- The screener's agency when they matched (a person may later move agency; the match does not).
  by_agency_id text not null references agencies (id),
  at timestamptz not null,
  check ((outcome = 'linked') = (case_person_id is not null))
);
create index contact_matches_contact on contact_matches (contact_id, contact_child_id, at desc, id desc);

create trigger contact_matches_append_only before update or delete on contact_matches
  for each row execute function evidence_refuse_change();

-- Only a sent contact is matched; the child is one of its children; a link is to a child on a case. The contact's row
-- is held while this is judged, as the other screening rows do.
create function contact_match_checked() returns trigger language plpgsql as $$
begin
  perform 1 from contacts where id = new.contact_id and status = 'submitted' for update;
  if not found then
    raise exception 'only a sent referral is matched' using errcode = 'check_violation';
  end if;
  -- A decided referral is read, never matched. contact_decisions comes with migration 018; PL/pgSQL looks it up only
  -- when a match is made, by which time every migration has run.
  if exists (select 1 from contact_decisions where contact_id = new.contact_id and step = 'authorised') then
    raise exception 'the referral has been decided: contact_matches refused' using errcode = 'check_violation';
  end if;
  if not exists (select 1 from contact_children where id = new.contact_child_id and contact_id = new.contact_id) then
    raise exception 'a match is about a child of the same referral' using errcode = 'check_violation';
  end if;
  if new.case_person_id is not null and not exists (select 1 from case_people where id = new.case_person_id and kind = 'child') then
    raise exception 'a referral''s child is linked only to a child on a case' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger contact_matches_checked before insert on contact_matches
  for each row execute function contact_match_checked();
