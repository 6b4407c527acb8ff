-- Sequence numbers of the collaboration log come from the database: one counter per document, advanced under its row
-- lock in the same transaction as the rows it numbers, so processes writing one document never clash and, per
-- document, seq order is commit order. Starts past everything stored (a snapshot may cover a seq the log lacks).

create table collab_documents (
  document text primary key,
  last_seq bigint not null -- the seq of the document's last stored update
);

insert into collab_documents (document, last_seq)
select document, max(seq) from (
  select document, seq from collab_updates
  union all
  select document, upto_seq from collab_snapshots
) stored
group by document;
