-- An initial conference that plans its first core group later than the 10 working days its clock allows says why, as
-- a conference or core group arranged late does: the reason is kept with the decision, frozen by sign-off with it.
alter table conference_decisions
  add column first_core_group_late_reason text check (length(first_core_group_late_reason) <= 2000);
