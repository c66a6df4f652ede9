-- The W3C trace context of an operation (the CloudEvents traceparent/tracestate extension): kept with the saga and
-- the participant's work, so that a step worked later (after a restart, on another replica) continues the trace,
-- and on every outbox row, so that the relay puts it on the event it sends.
alter table saga_instance add column trace_parent varchar(64);
alter table saga_instance add column trace_state varchar(512);
alter table participant_work add column trace_parent varchar(64);
alter table participant_work add column trace_state varchar(512);
alter table outbox_message add column trace_parent varchar(64);
alter table outbox_message add column trace_state varchar(512);
