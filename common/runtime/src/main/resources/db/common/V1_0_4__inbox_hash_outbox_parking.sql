-- The content of a message as first seen: a second message with the same id and other content is refused, not
-- silently taken for a redelivery.
alter table inbox_message add column payload_hash varchar(64);

-- An outbox row the broker refuses for good is parked with why, and the relay goes on with the rows after it.
alter table outbox_message add column parked_at timestamptz;
alter table outbox_message add column park_reason text;
drop index outbox_message_pending;
create index outbox_message_pending on outbox_message (seq) where published_at is null and parked_at is null;
