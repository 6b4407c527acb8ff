-- Step up and step down between early help and social care (issue 12 item 7; decision 038). Early help is an agency
-- of its own kind, `early_help`. A transition is proposed by the team that leads the work, with a rationale, and the
-- receiving team's manager accepts it (their team takes the lead) or declines it with a reason. The proposal and its
-- one answer are rows that are never changed or removed; what the case looks like now (who leads it) follows from the
-- answers and is kept on case_agencies and case_members as before.

alter table agencies drop constraint agencies_kind_check;
alter table agencies add constraint agencies_kind_check
  check (kind in ('police', 'health', 'education', 'social_care', 'early_help', 'partnership', 'other'));

create table transitions (
  id bigint generated always as identity primary key,
  -- step_down: from social care to early help; step_up: from early help to social care.
  direction text not null check (direction in ('step_down', 'step_up')),
  -- A case's transition, or a contact's (the front door's decision to step down to early help): exactly one.
  case_id bigint references cases (id),
  contact_id bigint references contacts (id),
  from_agency_id text not null references agencies (id),
  to_agency_id text not null references agencies (id),
  rationale text not null check (length(btrim(rationale)) between 1 and 4000),
  proposed_by_user_id bigint not null references users (id),
  -- The proposer's agency when they proposed (a person may later move agency; the proposal does not).
  proposed_by_agency_id text not null references agencies (id),
  proposed_at timestamptz not null,
  check ((case_id is null) <> (contact_id is null)),
  check (from_agency_id <> to_agency_id)
);
create index transitions_case on transitions (case_id, proposed_at) where case_id is not null;
create index transitions_contact on transitions (contact_id, proposed_at) where contact_id is not null;
create index transitions_to_agency on transitions (to_agency_id, proposed_at);

-- The receiving team's one answer to a transition.
create table transition_answers (
  -- One answer per transition: a second is refused by the key.
  transition_id bigint primary key references transitions (id),
  answer text not null check (answer in ('accepted', 'declined')),
  -- Declined: why (required). Accepted: anything the manager adds.
  reason text not null default '' check (length(reason) <= 4000),
  -- Accepted, on a case: the receiving team's worker who now leads it.
  lead_user_id bigint references users (id),
  by_user_id bigint not null references users (id),
  by_agency_id text not null references agencies (id),
  at timestamptz not null,
  check (answer = 'accepted' or length(btrim(reason)) > 0),
  check (answer = 'accepted' or lead_user_id is null)
);

create trigger transitions_append_only before update or delete on transitions
  for each row execute function evidence_refuse_change();
create trigger transition_answers_append_only before update or delete on transition_answers
  for each row execute function evidence_refuse_change();

-- Nobody answers their own proposal, whichever agency they are in now.
create function transition_answer_not_by_proposer() returns trigger language plpgsql as $$
begin
  if exists (select 1 from transitions where id = new.transition_id and proposed_by_user_id = new.by_user_id) then
    raise exception 'a transition is answered by someone other than its proposer' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger transition_answers_not_by_proposer before insert on transition_answers
  for each row execute function transition_answer_not_by_proposer();
