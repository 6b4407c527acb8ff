-- The front door (issue 12): a contact is one referral into the partnership, from any agency, on one form. This
-- migration makes what the referrer's slice uses: the contact (its referrer, state and times), the children it is
-- about, the family and who lives with them, and the referral's answers, consent among them. Later slices add rows
-- beside these, never rewrites (decision 032): screening's RAG ratings with their history, matches to existing
-- children and cases, each agency's checks, consent decisions (dispensed with, by a manager), decisions with their
-- authorisation, and feedback to the referrer.
--
-- A draft belongs to its referrer, who may change it; once submitted, the referral's content never changes: the
-- triggers below refuse it, whoever asks.

create table contacts (
  id bigint generated always as identity primary key,
  referrer_user_id bigint not null references users (id),
  -- The referrer's agency when they referred (a person may later move agency; the referral does not).
  referrer_agency_id text not null references agencies (id),
  status text not null default 'draft' check (status in ('draft', 'submitted')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  submitted_at timestamptz,
  check ((status = 'submitted') = (submitted_at is not null))
);
create index contacts_referrer on contacts (referrer_user_id, id desc);
create index contacts_submitted on contacts (submitted_at) where status = 'submitted';

-- The referral's answers: one row per contact, written while it is a draft.
create table contact_referrals (
  contact_id bigint primary key references contacts (id),
  what_happened text not null default '' check (length(what_happened) <= 10000),
  worries text not null default '' check (length(worries) <= 10000),
  actions_taken text not null default '' check (length(actions_taken) <= 10000),
  -- Whether the family knows of the referral: yes, no, or not yet answered (null).
  family_knows text check (family_knows in ('yes', 'no')),
  family_knows_detail text not null default '' check (length(family_knows_detail) <= 2000),
  -- Consent as the referrer asked it: given, refused, or not asked with why (dispensing with consent is the
  -- screening team's decision with its manager, in a later table).
  consent text check (consent in ('given', 'refused', 'not_asked')),
  consent_detail text not null default '' check (length(consent_detail) <= 2000),
  referrer_name text not null default '' check (length(referrer_name) <= 200),
  referrer_job_title text not null default '' check (length(referrer_job_title) <= 200),
  referrer_phone text not null default '' check (length(referrer_phone) <= 40),
  referrer_email text not null default '' check (length(referrer_email) <= 320),
  check (consent is distinct from 'not_asked' or consent_detail <> '')
);

create table contact_children (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id),
  full_name text not null check (length(full_name) between 1 and 200),
  -- Born: the date of birth. Unborn: the expected date instead.
  date_of_birth date,
  expected_on date,
  address text not null default '' check (length(address) <= 500),
  school text not null default '' check (length(school) <= 200),
  check ((date_of_birth is null) <> (expected_on is null))
);
create index contact_children_contact on contact_children (contact_id, id);

create table contact_household_members (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id),
  full_name text not null check (length(full_name) between 1 and 200),
  relationship text not null check (length(relationship) between 1 and 200),
  lives_with_child boolean not null,
  date_of_birth date
);
create index contact_household_members_contact on contact_household_members (contact_id, id);

-- A submitted referral never changes, and never goes back to being a draft.
create function contact_refuse_change_after_submission() returns trigger language plpgsql as $$
declare
  submitted boolean;
begin
  if tg_table_name = 'contacts' then
    if old.status = 'submitted' then
      raise exception 'a submitted referral is a record of evidence: % refused', tg_op using errcode = 'insufficient_privilege';
    end if;
    if tg_op = 'DELETE' or new.referrer_user_id <> old.referrer_user_id or new.referrer_agency_id <> old.referrer_agency_id
       or new.created_at <> old.created_at then
      raise exception 'a referral keeps its referrer: % refused', tg_op using errcode = 'insufficient_privilege';
    end if;
    return new;
  end if;
  select status = 'submitted' into submitted from contacts
    where id = (case when tg_op = 'DELETE' then old.contact_id else new.contact_id end) for update;
  if submitted or (tg_op = 'UPDATE' and old.contact_id <> new.contact_id) then
    raise exception '% of a submitted referral: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger contacts_frozen before update or delete on contacts
  for each row execute function contact_refuse_change_after_submission();
create trigger contact_referrals_frozen before insert or update or delete on contact_referrals
  for each row execute function contact_refuse_change_after_submission();
create trigger contact_children_frozen before insert or update or delete on contact_children
  for each row execute function contact_refuse_change_after_submission();
create trigger contact_household_members_frozen before insert or update or delete on contact_household_members
  for each row execute function contact_refuse_change_after_submission();
