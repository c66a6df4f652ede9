-- Saga requests other services asked of the attacher: the work still to do and the reply given, so that a
-- redelivered request gets the same answer again and a long step (waiting for an endpoint) runs off the consumer.
create table participant_request (
    request_id         uuid         primary key,
    saga_id            uuid         not null,
    operation_id       uuid         not null,
    action             varchar(40)  not null,
    reply_to           varchar(40)  not null,
    workspace          varchar(64)  not null,
    compute_name       varchar(64)  not null,
    payload            text,
    status             varchar(20)  not null,
    attempt            int          not null default 0,
    next_attempt_at    timestamptz,
    deadline           timestamptz,
    front_end_installed boolean     not null default false,
    reply              text,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index participant_request_due on participant_request (next_attempt_at) where status = 'PENDING';
