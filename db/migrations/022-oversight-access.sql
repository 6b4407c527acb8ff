-- A partnership manager opens a case they do not work on only by recording why (issue 13 item 3; decision 039).
-- Each opening is a row: who, which case, why, when, and until when (a few hours; OVERSIGHT_ACCESS_HOURS). The
-- access is live while `expires_at` is in the future; opening it again is a new row. Nothing here is ever changed or
-- removed: the rows are the evidence the case's lead social worker and team manager read on the front sheet.

create table case_oversight_access (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id),
  user_id bigint not null references users (id),
  reason text not null check (length(btrim(reason)) between 10 and 2000),
  granted_at timestamptz not null,
  expires_at timestamptz not null,
  check (expires_at > granted_at)
);
-- The live access of a case (case facts: `expires_at > now`), and its history newest first for the front sheet.
create index case_oversight_access_live on case_oversight_access (case_id, expires_at desc, user_id);

create trigger case_oversight_access_append_only before update or delete on case_oversight_access
  for each row execute function evidence_refuse_change();
