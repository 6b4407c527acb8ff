-- Sessions people can trust (issue 16): each session says how its person signed in, the browsers a person has signed
-- in from are remembered (only a hash of each browser's random cookie, replaced at every sign-in; forgotten when their
-- sessions are ended), so a sign-in from a new one is emailed to them, and a person's sign-in activity can be read back
-- from the audit trail quickly.
alter table sessions
  add column method text not null default 'password' check (method in ('password')),
  add column device_hash text check (length(device_hash) = 64); -- the browser it was signed in from (known_devices)

create table known_devices (
  user_id bigint not null references users (id),
  device_hash text not null check (length(device_hash) = 64),
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  user_agent text not null default '' check (length(user_agent) <= 500),
  primary key (user_id, device_hash)
);

-- Account events name their person as their target (`user:<id>`, or `email:<address>` for a sign-in attempt): only
-- those rows are indexed, so the trail's busiest inserts (documents opened) cost nothing more.
create index audit_events_account on audit_events (target, at)
  where target like 'user:%' or target like 'email:%';
