-- No administrator ever learns a credential: people are invited, and reset, by single-use links sent to their own
-- email address at one of their agency's domains; a role that reads across cases needs a second administrator.

alter table agencies add column email_domains text[] not null default '{}';
-- Existing agencies start with the domains of their administrators' own addresses; others are added with SQL.
update agencies a set email_domains = coalesce((
  select array_agg(distinct lower(split_part(u.email, '@', 2)))
  from users u where u.agency_id = a.id and u.role = 'administrator' and u.active), '{}');

-- An empty password_hash means "no password yet" (invited, or reset by an administrator): nothing verifies against it.
-- One-time passwords were shown to administrators: they stop working now, and their people follow a link instead.
update users set password_hash = '', must_change_password = false where must_change_password;

alter table users add column deactivation_reason text not null default '' check (length(deactivation_reason) <= 1000);

create table account_links (
  id bigint generated always as identity primary key,
  token_hash text not null unique, -- SHA-256 of the token, hex; the token itself is only ever in the email
  user_id bigint not null references users (id),
  purpose text not null check (purpose in ('invitation', 'reset')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  created_by bigint references users (id), -- null when the person asked for it themselves
  used_at timestamptz,
  superseded_at timestamptz -- a newer link, a deactivation or a password change ended it
);
create index account_links_user on account_links (user_id) where used_at is null and superseded_at is null;

create table role_requests (
  id bigint generated always as identity primary key,
  agency_id text not null references agencies (id),
  full_name text not null check (length(full_name) between 1 and 200),
  email text not null check (length(email) between 3 and 320),
  job_title text not null default '',
  role text not null check (role in ('manager', 'chair', 'partnership_manager', 'administrator')),
  requested_by bigint not null references users (id),
  requested_at timestamptz not null,
  outcome text check (outcome in ('approved', 'refused')),
  decided_by bigint references users (id),
  decided_at timestamptz,
  user_id bigint references users (id), -- the person, once approved
  check ((outcome is null) = (decided_by is null)),
  check (outcome is distinct from 'approved' or decided_by <> requested_by)
);
create unique index role_requests_pending_email on role_requests (lower(email)) where outcome is null;
create index role_requests_agency on role_requests (agency_id) where outcome is null;

create table password_reset_requests (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  email_key text not null,
  ip text not null
);
create index password_reset_requests_email on password_reset_requests (email_key, at);
create index password_reset_requests_ip on password_reset_requests (ip, at);
