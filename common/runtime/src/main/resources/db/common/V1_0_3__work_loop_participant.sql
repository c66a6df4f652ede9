-- A saga transition that throws (not a step's own failure) is backed off, then its step fails: the counters.
alter table saga_instance add column failures int not null default 0;
alter table saga_instance add column last_error text;

-- Saga requests this service took as a participant: pending work until answered, then the reply (ParticipantRuntime).
create table participant_work (
    request_id      uuid         primary key,
    saga_id         uuid         not null,
    operation_id    uuid         not null,
    action          varchar(40)  not null,
    reply_to        varchar(40)  not null,
    workspace       varchar(64)  not null,
    compute_name    varchar(64)  not null,
    payload         text,
    status          varchar(20)  not null,
    attempt         int          not null default 0,
    failures        int          not null default 0,
    next_attempt_at timestamptz,
    handle          text,
    last_error      text,
    reply           text,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index participant_work_due on participant_work (next_attempt_at) where status = 'PENDING';
