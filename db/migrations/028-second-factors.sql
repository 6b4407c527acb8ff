-- Second factors (issue 16, decision 056): an authenticator app (TOTP, RFC 6238) with ten single-use recovery codes,
-- required of everyone unless their agency has a recorded exemption. A session is signed in fully once its person has
-- given their second factor (or their agency is exempt); `confirmed_at` is when they last proved themselves in full,
-- which the most sensitive actions ask to be recent.
alter table sessions drop constraint sessions_method_check;
alter table sessions
  add constraint sessions_method_check check (method in ('password', 'password+authenticator', 'password+recovery-code')),
  add column second_factor_at timestamptz,
  add column confirmed_at timestamptz;
-- Sessions from before second factors: signed in with a password alone, so their people are asked for one next time.

-- Attempts at a code are throttled as passwords are, per person, and kept apart from attempts at a password: a
-- password attempt's key is whatever was typed as an email, so the two must never share one.
alter table sign_in_attempts
  add column proof text not null default 'password' check (proof in ('password', 'second-factor'));

create table authenticator_apps (
  user_id bigint primary key references users (id),
  -- The shared key, which the portal must keep to check codes (a hash would not do); never shown again once set up.
  secret bytea not null check (length(secret) = 20),
  created_at timestamptz not null,
  confirmed_at timestamptz, -- null while being set up: not yet a factor
  -- While being set up, the session it is set up in: another session (someone else with the password) gets a new key,
  -- so nobody can learn the key a person is about to scan.
  setup_session_id text,
  -- The newest 30-second step a code was accepted for: each code is taken once, and none older after it.
  last_used_step bigint not null default 0
);

create table recovery_codes (
  user_id bigint not null references users (id),
  code_hash text not null check (length(code_hash) = 64), -- SHA-256 of the code; the code is shown once
  created_at timestamptz not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- An agency whose people may sign in with a password alone: never silent, always with who recorded it, when and why,
-- and shown to the partnership manager.
create table second_factor_exemptions (
  agency_id text primary key references agencies (id),
  reason text not null check (length(reason) between 1 and 500),
  recorded_by bigint not null references users (id),
  recorded_at timestamptz not null
);
