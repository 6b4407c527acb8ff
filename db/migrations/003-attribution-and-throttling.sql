-- Which person each Yjs client id in a document belongs to, so nobody can write under another's id; and throttled
-- sign-in attempts told apart from failed ones.

create table collab_clients (
  document text not null,
  client_id bigint not null,
  user_id bigint not null references users (id),
  claimed_at timestamptz not null default now(),
  primary key (document, client_id)
);

alter table sign_in_attempts add column throttled boolean not null default false;
