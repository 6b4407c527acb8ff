-- The front door's consent and decisions (issue 12 items 5 and 6; decisions 032, 036). Every step is a new row,
-- attributed (who, their agency then, when); nothing here is ever changed or removed.
--
-- contact_consent: the screening team's record of the family's consent: asked and given, asked and refused, or
-- dispensed with, which needs the reason and the social care manager who decided. The latest row is the consent now.
--
-- contact_decisions: a screener proposes an outcome with its rationale and the feedback for the referrer; a social
-- care manager authorises the proposal or sends it back with a reason, each answer a row naming the proposal it
-- answers. One answer per proposal and one authorisation per contact (unique indexes), so of two managers answering
-- at once one wins. A contact with an authorised decision is decided: nothing more is rated, consented or decided.
--
-- contact_feedback: what the referrer is told, recorded with the authorisation (the manager may reword the
-- screener's proposed feedback before it goes).

create table contact_consent (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id),
  consent text not null check (consent in ('given', 'refused', 'dispensed_with')),
  -- Given or refused: who was asked and how, if said. Dispensed with: why (required).
  reason text not null default '' check (length(reason) <= 2000),
  -- Dispensed with: the social care manager who decided (required then, never otherwise).
  manager_user_id bigint references users (id),
  by_user_id bigint not null references users (id),
  by_agency_id text not null references agencies (id),
  at timestamptz not null,
  check ((consent = 'dispensed_with') = (manager_user_id is not null)),
  check (consent <> 'dispensed_with' or length(btrim(reason)) > 0)
);
create index contact_consent_contact on contact_consent (contact_id, at desc, id desc);

create table contact_decisions (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id),
  step text not null check (step in ('proposed', 'authorised', 'sent_back')),
  -- An authorisation or sending back answers this proposal (a row of this table, of the same contact).
  proposal_id bigint references contact_decisions (id),
  -- The proposal's: the outcome (stable strings other slices use) and why.
  outcome text check (outcome in ('no_further_action', 'early_help', 'assessment', 'strategy_discussion')),
  rationale text not null default '' check (length(rationale) <= 5000),
  -- The proposal's: what the referrer is to be told (the manager may reword it when authorising: contact_feedback).
  feedback text not null default '' check (length(feedback) <= 2000),
  -- Sent back: why.
  reason text not null default '' check (length(reason) <= 2000),
  -- An authorised strategy discussion: the case it opened (or used) and the strategy meeting it convened.
  case_id bigint references cases (id),
  meeting_id bigint references meetings (id),
  by_user_id bigint not null references users (id),
  by_agency_id text not null references agencies (id),
  at timestamptz not null,
  check ((step = 'proposed') = (proposal_id is null)),
  check ((step = 'proposed') = (outcome is not null)),
  check (step <> 'proposed' or (length(btrim(rationale)) > 0 and length(btrim(feedback)) > 0)),
  check (step <> 'sent_back' or length(btrim(reason)) > 0),
  check (step = 'authorised' or (case_id is null and meeting_id is null))
);
create index contact_decisions_contact on contact_decisions (contact_id, at desc, id desc);
-- One answer per proposal: of two managers answering at once, one wins.
create unique index contact_decisions_one_answer on contact_decisions (proposal_id) where proposal_id is not null;
-- One authorised decision per contact.
create unique index contact_decisions_one_authorised on contact_decisions (contact_id) where step = 'authorised';

create table contact_feedback (
  id bigint generated always as identity primary key,
  contact_id bigint not null unique references contacts (id),
  decision_id bigint not null unique references contact_decisions (id),
  feedback text not null check (length(btrim(feedback)) between 1 and 2000),
  by_user_id bigint not null references users (id),
  by_agency_id text not null references agencies (id),
  at timestamptz not null
);

create trigger contact_consent_append_only before update or delete on contact_consent
  for each row execute function evidence_refuse_change();
create trigger contact_decisions_append_only before update or delete on contact_decisions
  for each row execute function evidence_refuse_change();
create trigger contact_feedback_append_only before update or delete on contact_feedback
  for each row execute function evidence_refuse_change();

-- Only a sent, undecided contact is rated, consented or decided; an answer answers a proposal of the same contact,
-- not yet answered; a proposal waits for no other. The contact's row is held while this is judged, so a proposal and
-- an answer, or two proposals, cannot interleave.
create function contact_refuse_when_decided() returns trigger language plpgsql as $$
declare
  contact_status text;
begin
  select status into contact_status from contacts where id = new.contact_id for update;
  if contact_status is distinct from 'submitted' then
    raise exception 'only a sent referral is screened' using errcode = 'check_violation';
  end if;
  if exists (select 1 from contact_decisions where contact_id = new.contact_id and step = 'authorised') then
    raise exception 'the referral has been decided: % refused', tg_table_name using errcode = 'check_violation';
  end if;
  if tg_table_name = 'contact_decisions' then
    if new.step = 'proposed' then
      if exists (select 1 from contact_decisions p where p.contact_id = new.contact_id and p.step = 'proposed'
                   and not exists (select 1 from contact_decisions a where a.proposal_id = p.id)) then
        raise exception 'a proposal is already waiting for a manager' using errcode = 'check_violation';
      end if;
    elsif not exists (select 1 from contact_decisions p where p.id = new.proposal_id and p.contact_id = new.contact_id and p.step = 'proposed') then
      raise exception 'an answer answers a proposal of the same referral' using errcode = 'check_violation';
    end if;
  end if;
  return new;
end;
$$;
create trigger contact_consent_undecided before insert on contact_consent
  for each row execute function contact_refuse_when_decided();
create trigger contact_decisions_undecided before insert on contact_decisions
  for each row execute function contact_refuse_when_decided();
create trigger contact_ratings_undecided before insert on contact_ratings
  for each row execute function contact_refuse_when_decided();

-- Feedback goes with the authorisation it names, of the same contact.
create function contact_feedback_with_authorisation() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from contact_decisions where id = new.decision_id and contact_id = new.contact_id and step = 'authorised') then
    raise exception 'feedback goes with an authorised decision of the same referral' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger contact_feedback_authorised before insert on contact_feedback
  for each row execute function contact_feedback_with_authorisation();
