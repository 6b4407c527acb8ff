-- Passkeys (issue 16, decision 058): WebAuthn credentials a person adds to their account, each a second factor after
-- the password or, on its own (a discoverable credential with user verification), a way to sign in without one.
-- (029 is single sign-on's: its methods are allowed here too, so the two migrations agree whichever runs last.)
alter table sessions drop constraint sessions_method_check;
alter table sessions
  add constraint sessions_method_check check (method in (
    'password', 'password+authenticator', 'password+recovery-code',
    'sso', 'sso+mfa', 'sso+authenticator', 'sso+recovery-code', 'sso+passkey',
    'password+passkey', 'passkey'));

-- Attempts to sign in with a passkey alone are throttled under the passkey's id, kept apart from password attempts
-- (whose key is whatever was typed as an email, so "passkey:<id>" typed there must not count against a passkey).
alter table sign_in_attempts drop constraint sign_in_attempts_proof_check;
alter table sign_in_attempts add constraint sign_in_attempts_proof_check check (proof in ('password', 'second-factor', 'passkey'));

create table passkeys (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id),
  -- The credential's id as the browser sends it (base64url), unique across everyone: it names whose passkey it is.
  credential_id text not null unique check (length(credential_id) between 1 and 1400),
  public_key bytea not null check (length(public_key) <= 4096), -- COSE, as the authenticator gave it
  -- The authenticator's signature count: each use must move it on (or both stay 0, as synced passkeys do).
  counter bigint not null default 0 check (counter >= 0),
  transports text[] not null default '{}',
  name text not null check (length(name) between 1 and 100),
  created_at timestamptz not null,
  last_used_at timestamptz
);
create index passkeys_user on passkeys (user_id);

-- A challenge is used once and lasts five minutes; kept in the database, since any node may receive the answer. One
-- for a session (adding a passkey, or giving one as a second factor) is bound to that session and ends with it; one
-- for signing in without a password belongs to no session and is found by its value.
create table passkey_challenges (
  challenge text primary key check (length(challenge) between 16 and 100), -- base64url, as the browser signs it
  purpose text not null check (purpose in ('register', 'authenticate', 'sign-in')),
  session_id text references sessions (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  check ((purpose = 'sign-in') = (session_id is null))
);
create unique index passkey_challenges_session on passkey_challenges (session_id, purpose) where session_id is not null;
create index passkey_challenges_expiry on passkey_challenges (expires_at);
