-- The foundation: agencies, people, sessions, cases, case people and members, and the audit trail.

create table agencies (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]*$'),
  name text not null unique,
  kind text not null check (kind in ('police', 'health', 'education', 'social_care', 'partnership', 'other')),
  colour text not null default '#505a5f' check (colour ~ '^#[0-9a-f]{6}$'),
  created_at timestamptz not null default now()
);

create table users (
  id bigint generated always as identity primary key,
  agency_id text not null references agencies (id),
  role text not null check (role in ('practitioner', 'manager', 'screener', 'chair', 'partnership_manager', 'administrator')),
  full_name text not null check (length(full_name) between 1 and 200),
  job_title text not null default '',
  email text not null check (length(email) between 3 and 320),
  password_hash text not null,
  must_change_password boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  created_by bigint references users (id),
  deactivated_at timestamptz,
  deactivated_by bigint references users (id)
);
create unique index users_email_unique on users (lower(email));
create index users_agency on users (agency_id);

create table sessions (
  id text primary key, -- SHA-256 of the token, hex; the token itself is never stored
  user_id bigint not null references users (id),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null, -- the absolute end; the idle end is last_seen_at + the idle timeout
  ip text not null default '',
  user_agent text not null default ''
);
create index sessions_user on sessions (user_id);

create table sign_in_attempts (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  email_key text not null,
  ip text not null,
  succeeded boolean not null
);
create index sign_in_attempts_email on sign_in_attempts (email_key, at);
create index sign_in_attempts_ip on sign_in_attempts (ip, at);

create table cases (
  id bigint generated always as identity primary key,
  reference text not null unique,
  status text not null default 'open' check (status in ('open', 'closed')),
  category text, -- set by a conference when a plan is made
  opened_on date not null,
  closed_on date,
  created_at timestamptz not null default now()
);

create table case_people (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  kind text not null check (kind in ('child', 'family', 'network')),
  is_subject boolean not null default false,
  full_name text not null check (length(full_name) between 1 and 200),
  date_of_birth date,
  nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
  relationship text not null default '', -- to the child the case is about
  parental_responsibility boolean not null default false,
  address text not null default '',
  school text not null default '',
  created_at timestamptz not null default now(),
  created_by bigint references users (id)
);
create unique index case_people_one_subject on case_people (case_id) where is_subject;
create index case_people_case on case_people (case_id);

create table case_agencies (
  case_id bigint not null references cases (id),
  agency_id text not null references agencies (id),
  is_lead boolean not null default false,
  added_at timestamptz not null default now(),
  primary key (case_id, agency_id)
);

create table case_members (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  user_id bigint not null references users (id),
  role_on_case text not null,
  is_lead boolean not null default false,
  added_at timestamptz not null default now(),
  added_by bigint references users (id),
  removed_at timestamptz,
  removed_by bigint references users (id)
);
create unique index case_members_current on case_members (case_id, user_id) where removed_at is null;
create index case_members_user on case_members (user_id) where removed_at is null;

create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id bigint, -- no foreign key: the trail outlives and predates rows it names
  agency_id text,
  action text not null,
  outcome text not null check (outcome in ('success', 'failure', 'denied')),
  case_id bigint,
  target text not null default '',
  ip text not null default '',
  user_agent text not null default '',
  details jsonb not null default '{}'
);
create index audit_events_case on audit_events (case_id, at);
create index audit_events_user on audit_events (user_id, at);

create function audit_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_events_no_update_or_delete before update or delete on audit_events
  for each row execute function audit_events_refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_refuse_change();

create table portal_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
