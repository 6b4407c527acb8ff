-- Guards the database keeps for the front door (issue 12; a review of decisions 035-037), so that no request racing
-- another can do what the pages refuse:
-- - a decided contact takes no new check, map, completion or share (its documents were closed with the decision);
-- - a contact's matches do not change while a proposed decision waits for a manager, so the manager authorises the
--   case the proposal was made on (send it back to change a match);
-- - a proposal is never authorised by the one who made it, and only by an active social care manager;
-- - the police's checks are restricted, whoever asks for them.

create function contact_document_refuse_when_decided() returns trigger language plpgsql as $$
declare
  contact bigint;
begin
  if tg_table_name in ('contact_checks', 'contact_maps') then
    contact := new.contact_id;
  else
    select contact_id into contact from contact_checks where id = new.check_id;
  end if;
  perform 1 from contacts where id = contact for update;
  if exists (select 1 from contact_decisions where contact_id = contact and step = 'authorised') then
    raise exception 'the referral has been decided: % refused', tg_table_name using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger contact_checks_undecided before insert on contact_checks
  for each row execute function contact_document_refuse_when_decided();
create trigger contact_maps_undecided before insert on contact_maps
  for each row execute function contact_document_refuse_when_decided();
create trigger contact_check_completions_undecided before insert on contact_check_completions
  for each row execute function contact_document_refuse_when_decided();
create trigger contact_check_shares_undecided before insert on contact_check_shares
  for each row execute function contact_document_refuse_when_decided();

create function contact_match_not_while_proposed() returns trigger language plpgsql as $$
begin
  perform 1 from contacts where id = new.contact_id for update;
  if exists (select 1 from contact_decisions p where p.contact_id = new.contact_id and p.step = 'proposed'
               and not exists (select 1 from contact_decisions a where a.proposal_id = p.id)) then
    raise exception 'a decision is waiting for a manager: contact_matches refused' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger contact_matches_not_while_proposed before insert on contact_matches
  for each row execute function contact_match_not_while_proposed();

create function contact_decision_answered_by_another_manager() returns trigger language plpgsql as $$
begin
  if new.step = 'authorised' then
    if exists (select 1 from contact_decisions p where p.id = new.proposal_id and p.by_user_id = new.by_user_id) then
      raise exception 'a proposal is never authorised by the one who made it' using errcode = 'check_violation';
    end if;
    if not exists (select 1 from users u join agencies a on a.id = u.agency_id
                    where u.id = new.by_user_id and u.active and u.role = 'manager' and a.kind = 'social_care') then
      raise exception 'only a social care manager authorises a decision' using errcode = 'check_violation';
    end if;
  end if;
  return new;
end;
$$;
create trigger contact_decisions_answered_by_another_manager before insert on contact_decisions
  for each row execute function contact_decision_answered_by_another_manager();

create function contact_check_police_restricted() returns trigger language plpgsql as $$
begin
  if new.restricted is distinct from exists (select 1 from agencies where id = new.agency_id and kind = 'police') then
    raise exception 'a police check is restricted, and only a police check' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger contact_checks_police_restricted before insert on contact_checks
  for each row execute function contact_check_police_restricted();
