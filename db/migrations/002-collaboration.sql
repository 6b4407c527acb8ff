-- Live collaboration: every accepted Yjs update, attributed, and merged snapshots so loading stays fast.

create table collab_updates (
  id bigint generated always as identity primary key,
  document text not null,
  seq bigint not null, -- per document, in the order the server accepted them
  update bytea not null,
  user_id bigint references users (id),
  agency_id text references agencies (id),
  first_at timestamptz not null, -- when merged (one person, one minute), the first and last change it holds
  last_at timestamptz not null,
  changes integer not null default 1, -- how many accepted updates this row holds
  unique (document, seq)
);
create index collab_updates_document_user on collab_updates (document, user_id, first_at);

create table collab_snapshots (
  document text primary key,
  state bytea not null,
  upto_seq bigint not null, -- the snapshot holds every update with seq <= upto_seq
  created_at timestamptz not null
);
