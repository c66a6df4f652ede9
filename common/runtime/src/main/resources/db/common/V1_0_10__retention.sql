-- The retention sweep finds old rows by time instead of reading whole tables.
create index outbox_message_published on outbox_message (published_at) where published_at is not null;
create index inbox_message_received on inbox_message (received_at);
create index participant_work_answered on participant_work (updated_at) where status <> 'PENDING';
create index operation_finished on operation (updated_at) where status in ('SUCCEEDED', 'FAILED');
create index saga_instance_finished on saga_instance (updated_at) where status in ('SUCCEEDED', 'FAILED');
