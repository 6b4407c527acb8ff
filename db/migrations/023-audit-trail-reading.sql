-- Reading the audit trail back (issue 13 item 6; decision 042): the partnership's trail newest first, a page at a
-- time from the entry the last page ended at, and the same filtered by agency. A case's trail uses
-- audit_events_case (case_id, at) and a person's audit_events_user (user_id, at), both from 001.
-- The id breaks ties between entries written in the same microsecond, so each index ends with it.
create index audit_events_at on audit_events (at, id);
create index audit_events_agency on audit_events (agency_id, at, id);
