-- Single sign-on through each agency's own OpenID Connect provider (issue 16, decision 057). The providers themselves
-- (issuer, client id and secret) are the deployment's, in SINGLE_SIGN_ON_FILE, never in the database.
--
-- How a session's person signed in: 'sso' is through their agency's provider, which (like a password) is one factor
-- unless the agency trusts the provider's own multi-factor claim ('sso+mfa'). Passkeys (decision 058) are named here
-- too, so the two changes need not redefine the check twice.
alter table sessions drop constraint sessions_method_check;
alter table sessions
  add constraint sessions_method_check check (method in (
    'password', 'password+authenticator', 'password+recovery-code', 'password+passkey',
    'sso', 'sso+mfa', 'sso+authenticator', 'sso+recovery-code', 'sso+passkey',
    'passkey'));

-- A trip to a provider and back: what the portal sent (state, nonce, PKCE verifier) kept until the answer comes, used
-- once. The state is kept as its SHA-256; the browser that set off holds the state itself in a cookie.
create table single_sign_on_requests (
  state_hash text primary key check (length(state_hash) = 64),
  agency_id text not null references agencies (id),
  -- 'sign-in', or 'confirm' (proving it is you again, for the session that set off).
  purpose text not null check (purpose in ('sign-in', 'confirm')),
  session_id text,
  nonce text not null,
  code_verifier text not null,
  next_path text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index single_sign_on_requests_expiry on single_sign_on_requests (expires_at);
